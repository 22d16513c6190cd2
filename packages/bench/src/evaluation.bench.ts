/*
 * ops-backend benchmark with the real plugin in a real backend process:
 * benchBackend.ts (createBackend() from @backstage/backend-defaults with only
 * ops-backend and its Prometheus module; no catalog, permission.enabled:
 * false) is started through backend/src/testing/backendProcess and driven
 * over HTTP with a static token, so the numbers include the framework (HTTP
 * auth, the scheduler, the database manager, request logging) and the
 * Prometheus module. (This script used to build the evaluator, store and
 * router in its own process with fake auth and permissions; the numbers in
 * docs/benchmarks.md from then are not directly comparable.) N synthetic
 * components plus the example org are served by a catalog-compatible server
 * in another process (catalogServer.ts), which the plugin reads with its own
 * CatalogClient (discovery.endpoints) and which also answers the Prometheus
 * module's instant queries at once. Measured on SQLite (a file) and
 * PostgreSQL: a full catalog-wide evaluation, the next one with nothing
 * changed, a live-facts collection, the evaluation the plugin starts after
 * it and the next collection; then ~130 compliance views and 20 entity
 * profiles under 50 concurrent clients (load from another process,
 * loadGenerator.ts).
 *
 *   ./run yarn workspace bench bench:evaluation
 *   BENCH_SIZES=10000,100000  BENCH_DATABASES=sqlite,postgres  BENCH_LOAD_SECONDS=10
 *   BENCH_LOAD_SIZES=10000 (sizes that get the load test)  BENCH_WORKERS (scoring workers)
 *   BENCH_PG=postgresql://postgres@127.0.0.1:5432 (each run gets its own databases, dropped after)
 *   BENCH_LOG=1 (the backend's warnings, errors and run lines on stderr)
 *   BENCH_CPU_PROFILE=<dir> (the backend's V8 CPU profile, written when it stops)
 *   BENCH_FACTS=0 (no fact collections: the two evaluations only)
 *   BENCH_CATALOG_HEAP_MB (the catalog server's heap; 1,000,000 entities need ~16000)
 *
 * Both tasks are scheduled `frequency: { trigger: manual }`, so nothing runs
 * by itself, and each run is started through the scheduler's task API on the
 * plugin's router (POST /api/ops/.backstage/scheduler/v1/tasks/<id>/trigger,
 * what POST /api/ops/refresh calls; refresh starts the collection and the
 * evaluation at the same time, which would time them together). A run's time
 * is its own startedAt to finishedAt (GET /api/ops/compliance/summary,
 * lastRun); a collection's is the plugin's "ops facts: ... in N ms" log line.
 * RSS is the backend process's, from /proc/<pid>/status (VmHWM peak; VmRSS
 * before the first run, once the backend has gone idle after start). Each
 * (size, database) gets a fresh backend and catalog server.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { createCampaigns } from './campaignLoad';
import {
  Collection,
  cpuProfileEnv,
  database,
  Driver,
  MANUAL_SCHEDULE,
  memory,
  NODE_ARGS,
  parseFactsLine,
  settle,
  settleMachine,
  startChild,
} from './benchDriver';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  startBackendProcess,
  STATIC_TOKEN,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';

async function runOne(size: number, db: string, loadSeconds: number) {
  const catalogServer = await startChild([
    ...(process.env.BENCH_CATALOG_HEAP_MB
      ? [`--max-old-space-size=${process.env.BENCH_CATALOG_HEAP_MB}`]
      : []),
    join(__dirname, 'catalogServer.ts'),
    String(size),
  ]);
  const catalogUrl = `http://127.0.0.1:${catalogServer.port}`;
  const { config: databaseConfig, drop, connect } = database(db, String(size));
  // The plugin's default: one core for the main thread, the rest score.
  const workers = Number(
    process.env.BENCH_WORKERS ?? Math.max(1, availableParallelism() - 1),
  );
  const collections: Collection[] = [];
  let backend: BackendProcess | undefined;
  try {
    backend = await startBackendProcess({
      entry: {
        file: join(__dirname, 'benchBackend.ts'),
        cwd: join(__dirname, '..'),
      },
      host: '127.0.0.1',
      env: {
        NODE_ENV: 'production',
        ...cpuProfileEnv(),
      },
      config: [
        'backend:',
        '  auth:',
        '    externalAccess:',
        '      - type: static',
        `        options: { token: ${STATIC_TOKEN}, subject: opskit-bench }`,
        ...databaseConfig,
        'discovery:',
        '  endpoints:',
        `    - target: '${catalogUrl}/api/{{pluginId}}'`,
        '      plugins: [catalog]',
        'permission:',
        '  enabled: false',
        'ops:',
        `  schedule: ${MANUAL_SCHEDULE}`,
        `  evaluation: { kinds: [Component], workers: ${workers} }`,
        '  notifications: { enabled: false }',
        `  prometheus: { default: { baseUrl: '${catalogUrl}' } }`,
        `  facts: { schedule: ${MANUAL_SCHEDULE} }`,
      ],
      onLine: line => {
        // BENCH_LOG=1: the backend's warnings, errors and run lines, as they come.
        if (
          process.env.BENCH_LOG &&
          /warn|error|evaluation \d+ scored/i.test(line)
        )
          console.error(line.slice(0, 300));
        const collection = parseFactsLine(line);
        if (collection) collections.push(collection);
      },
    });
    const driver = new Driver(backend, collections);
    const { api } = backend;

    // The plugin loads and warms up its scoring workers in the background after start; let that finish first.
    await settle(backend.pid);
    const rssBefore = memory(backend.pid).rssMb;
    const first = await driver.evaluate();
    // A second run: what every scheduled run after the first costs (history written only on change).
    const second = await driver.evaluate();
    const result: any = {
      size,
      db,
      workers,
      entities: first.run.entityCount,
      seconds: first.seconds,
      perSecond: Math.round(first.run.entityCount / first.seconds),
      secondRunSeconds: second.seconds,
      peakRssMb: memory(backend.pid).peakMb,
      rssAtStartMb: rssBefore,
    };

    // BENCH_FACTS=0: the evaluations only (a simulated 1,000,000 run).
    if (process.env.BENCH_FACTS === '0') return result;
    // Live facts: the Prometheus module asks catalogServer.ts, which answers every SLO query at once,
    // so this times OpsKit's own cost of a collection and of the evaluation that follows it.
    const firstFacts = await driver.collect();
    const evaluationAfterFacts = await firstFacts.evaluation();
    const nextFacts = await driver.collect();
    // Its values changed again: let the evaluation it started finish before anything else is measured.
    await nextFacts.evaluation();
    result.facts = {
      measured: firstFacts.collected,
      facts: firstFacts.changed,
      firstSeconds: firstFacts.seconds,
      nextSeconds: nextFacts.seconds,
      evaluationAfterSeconds: evaluationAfterFacts.seconds,
      peakRssAfterCollectionMb: firstFacts.peakMb,
      peakRssMb: memory(backend.pid).peakMb,
    };

    if (loadSeconds > 0) {
      const base = `${backend.baseUrl}/api/ops`;
      const headers = { Authorization: `Bearer ${STATIC_TOKEN}` };
      // ~150 distinct views, as SRE leads would open them: per owner, text searches,
      // tier x level, each failing check, deep pages, summaries.
      const checks = (await (await api('/api/ops/checks')).json()).checks.map(
        (c: any) => c.id,
      );
      const cursors: string[] = [];
      let cursor: string | undefined;
      for (let i = 0; i < 20; i++) {
        const page = await (
          await api(
            `/api/ops/compliance?limit=50&sort=score&order=asc${
              cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''
            }`,
          )
        ).json();
        if (!page.nextCursor) break;
        cursors.push(page.nextCursor);
        cursor = page.nextCursor;
      }
      const list = [
        `${base}/compliance?limit=50`,
        `${base}/compliance/summary`,
        ...Array.from(
          { length: 50 },
          (_, i) => `${base}/compliance?limit=50&owner=team-${i}&sort=score`,
        ),
        ...Array.from(
          { length: 20 },
          (_, i) => `${base}/compliance?limit=50&q=svc${i * 37}`,
        ),
        ...['tier-1', 'tier-2', 'tier-3', 'tier-4'].flatMap(t =>
          ['none', 'bronze', 'silver', 'gold'].map(
            l =>
              `${base}/compliance?limit=50&tier=${t}&level=${l}&sort=entityRef&order=desc`,
          ),
        ),
        ...checks.map(
          (c: string) =>
            `${base}/compliance?limit=50&failingCheck=${c}&sort=owner`,
        ),
        ...cursors.map(
          c => `${base}/compliance?limit=50&cursor=${encodeURIComponent(c)}`,
        ),
        ...Array.from(
          { length: 10 },
          (_, i) => `${base}/compliance/summary?owner=team-${i}`,
        ),
      ];
      const entity = Array.from(
        { length: 20 },
        (_, i) =>
          `${base}/entities/component/default/payments-api-${
            i * 4 * Math.floor(size / 100)
          }`,
      );
      // Cold: each view once, one at a time, before anything is cached.
      const cold: number[] = [];
      for (const url of list) {
        const t = performance.now();
        const res = await fetch(url, { headers });
        await res.arrayBuffer();
        cold.push(performance.now() - t);
        if (!res.ok) console.warn(`${url}: ${res.status}`);
      }
      cold.sort((x, y) => x - y);
      const pct = (p: number) =>
        Math.round(
          cold[Math.min(cold.length - 1, Math.floor(p * cold.length))] * 10,
        ) / 10;
      result.coldList = {
        views: list.length,
        p50: pct(0.5),
        p95: pct(0.95),
        max: pct(1),
      };
      // Roll-ups of the 5-level, 1,017-group hierarchy (catalogServer.ts): the org (every group),
      // divisions (127 each) and departments (21), each walking the tree and filtering by its owners.
      const rollups = [
        `${base}/rollups/group/default/org`,
        ...Array.from(
          { length: 8 },
          (_, i) => `${base}/rollups/group/default/division-${i}`,
        ),
        ...Array.from(
          { length: 12 },
          (_, i) => `${base}/rollups/group/default/department-${i * 4}`,
        ),
      ];
      const org = await (
        await api('/api/ops/rollups/group/default/org')
      ).json();
      result.rollupOrg = {
        groups: org.members?.length,
        entities: org.entityCount,
      };
      // Campaigns over the stored evaluation, each with 30 evaluations of burn-up points.
      const campaignCount = Number(process.env.BENCH_CAMPAIGNS ?? 10);
      let campaignUrls: string[] = [];
      if (campaignCount > 0) {
        const knex = connect();
        try {
          campaignUrls = (
            await createCampaigns({
              api,
              base,
              knex,
              count: campaignCount,
              history: 30,
              size,
            })
          ).urls;
        } finally {
          await knex.destroy();
        }
        // The list (every campaign in one pass) and each page, read once each, one at a time.
        const firstReads = async () => {
          const times: number[] = [];
          for (const url of campaignUrls) {
            const t = performance.now();
            const res = await fetch(url, { headers });
            await res.arrayBuffer();
            times.push(Math.round((performance.now() - t) * 10) / 10);
            if (!res.ok) console.warn(`${url}: ${res.status}`);
          }
          const pages = times.slice(1).sort((x, y) => x - y);
          return {
            list: times[0],
            pageP50: pages[Math.floor(pages.length / 2)],
            pageMax: pages[pages.length - 1],
          };
        };
        // Just created: nothing measured yet.
        const created = await firstReads();
        // After a run: the tracker's pass (notices, points) has measured them for the readers.
        const evaluation = await driver.evaluate();
        result.coldCampaigns = {
          campaigns: campaignCount,
          created,
          afterRun: await firstReads(),
          runSeconds: evaluation.seconds,
        };
      }
      for (const [name, urls] of [
        ['compliance list + summary', list],
        ['entity profile', entity],
        ['group roll-up', rollups],
        ['campaign list', campaignUrls.slice(0, 1)],
        ['campaign pages', campaignUrls.slice(1)],
      ] as const) {
        if (urls.length === 0) continue;
        await settleMachine();
        const { stdout } = await promisify(execFile)(process.execPath, [
          ...NODE_ARGS,
          join(__dirname, 'loadGenerator.ts'),
          JSON.stringify({
            urls,
            headers,
            concurrency: 50,
            seconds: loadSeconds,
          }),
        ]);
        result[name] = JSON.parse(String(stdout).trim().split('\n').pop()!);
      }
    }
    return result;
  } finally {
    await backend?.stop();
    catalogServer.stop();
    await drop();
  }
}

async function main() {
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
    .split(',')
    .map(Number);
  const dbs = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
  const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
  const loadSizes = (process.env.BENCH_LOAD_SIZES ?? '10000')
    .split(',')
    .map(Number);
  console.log(
    `node ${process.version}, ops-backend full evaluation (the plugin in its own backend process, catalog over HTTP in another process)`,
  );
  for (const size of sizes) {
    for (const db of dbs) {
      const r = await runOne(
        size,
        db,
        loadSizes.includes(size) ? loadSeconds : 0,
      );
      console.log(
        `${String(size).padStart(7)} entities  ${db.padEnd(8)}  ${
          r.workers
        } worker(s)  ${r.seconds.toFixed(2).padStart(7)} s  ${String(
          r.perSecond,
        ).padStart(6)}/s  ` +
          `next run ${r.secondRunSeconds.toFixed(2)} s  peak RSS ${
            r.peakRssMb
          } MB (${r.rssAtStartMb} MB before the run)`,
      );
      if (r.facts) {
        const f = r.facts;
        console.log(
          `    live facts                 ${f.measured} entities measured (${f.facts} facts): first collection ${f.firstSeconds} s, next ${f.nextSeconds} s, evaluation after it ${f.evaluationAfterSeconds} s; peak RSS ${f.peakRssAfterCollectionMb} MB after the collection, ${f.peakRssMb} MB after the evaluation`,
        );
      }
      if (r.coldList)
        console.log(
          `    compliance views, cold     one at a time: ${r.coldList.views} views, p50 ${r.coldList.p50} ms, p95 ${r.coldList.p95} ms, max ${r.coldList.max} ms`,
        );
      if (r.rollupOrg)
        console.log(
          `    group roll-up of the org   ${r.rollupOrg.groups} groups in 5 levels, ${r.rollupOrg.entities} entities`,
        );
      if (r.coldCampaigns)
        console.log(
          `    campaigns, first reads     ${r.coldCampaigns.campaigns} campaigns with 30 points each: just created: list ${r.coldCampaigns.created.list} ms, a page p50 ${r.coldCampaigns.created.pageP50} ms, max ${r.coldCampaigns.created.pageMax} ms; after a run (${r.coldCampaigns.runSeconds} s): list ${r.coldCampaigns.afterRun.list} ms, a page p50 ${r.coldCampaigns.afterRun.pageP50} ms, max ${r.coldCampaigns.afterRun.pageMax} ms`,
        );
      for (const key of [
        'compliance list + summary',
        'entity profile',
        'group roll-up',
        'campaign list',
        'campaign pages',
      ]) {
        const l = r[key];
        if (l)
          console.log(
            `    ${key.padEnd(26)} 50 clients: ${l.requests} req, ${
              l.rps
            }/s, p50 ${l.p50} ms, p95 ${l.p95} ms, p99 ${l.p99} ms, errors ${
              l.errors
            }`,
          );
      }
    }
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
