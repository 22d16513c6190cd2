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
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory, { type Knex } from 'knex';
import { createCampaigns } from './campaignLoad';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  startBackendProcess,
  STATIC_TOKEN,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';

const NODE_ARGS = [
  '--max-old-space-size=4096',
  '-r',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';
const EVALUATION_TASK = 'ops-catalog-evaluation';
const FACTS_TASK = 'ops-facts';
/** Never by itself: every run in a measurement is one the benchmark started. */
const MANUAL_SCHEDULE =
  '{ frequency: { trigger: manual }, timeout: { minutes: 30 } }';
const RUN_TIMEOUT_MS = 30 * 60_000;
const FACTS_LINE =
  /ops facts: (\d+) collected, (\d+) failed, (\d+) changed \((\d+) entities written\) over (\d+) entities in (\d+) ms/;

function startChild(
  args: string[],
): Promise<{ port: number; stop: () => void }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...NODE_ARGS, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    child.stdout.on('data', chunk => {
      const match = String(chunk).match(/listening (\d+)/);
      if (match) resolve({ port: Number(match[1]), stop: () => child.kill() });
    });
    child.on('exit', code => reject(new Error(`child exited ${code}`)));
  });
}

/** The backend's database config, and how to remove what it created. */
function database(
  kind: string,
  label: string,
): { config: string[]; drop: () => Promise<void>; connect: () => Knex } {
  if (kind === 'sqlite') {
    // One file per plugin in this directory: <dir>/ops.sqlite.
    const dir = mkdtempSync(join(tmpdir(), 'opskit-bench-'));
    return {
      config: [
        '  database:',
        '    client: better-sqlite3',
        `    connection: { directory: ${JSON.stringify(dir)} }`,
      ],
      drop: async () => rmSync(dir, { recursive: true, force: true }),
      connect: () =>
        knexFactory({
          client: 'better-sqlite3',
          connection: { filename: join(dir, 'ops.sqlite') },
          useNullAsDefault: true,
        }),
    };
  }
  if (kind !== 'postgres') throw new Error(`unknown database ${kind}`);
  // The backend creates <prefix><pluginId> (here <prefix>ops) itself.
  const prefix = `opskit_bench_${label}_${Date.now()}_`;
  return {
    config: [
      '  database:',
      '    client: pg',
      `    connection: ${JSON.stringify(PG)}`,
      `    prefix: ${prefix}`,
    ],
    connect: () =>
      knexFactory({ client: 'pg', connection: `${PG}/${prefix}ops` }),
    drop: async () => {
      const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
      try {
        const { rows } = await admin.raw(
          'select datname from pg_database where datname like ?',
          [`${prefix}%`],
        );
        for (const { datname } of rows as { datname: string }[])
          await admin.raw('drop database if exists ??', [datname]);
      } finally {
        await admin.destroy();
      }
    },
  };
}

/** The backend process's memory in MB: peak (VmHWM) and current (VmRSS). */
function memory(pid: number): { peakMb: number; rssMb: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string) =>
    Number(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return {
    peakMb: Math.round(kb('VmHWM') / 1024),
    rssMb: Math.round(kb('VmRSS') / 1024),
  };
}

/** CPU time the process has used, all threads, in clock ticks. */
function cpuTicks(pid: number): number {
  // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Waits until the process has been idle (under 2 % of a core) for two seconds in a row, at most a minute. */
async function settle(pid: number): Promise<void> {
  const started = Date.now();
  let quiet = 0;
  let last = cpuTicks(pid);
  while (quiet < 2 && Date.now() - started < 60_000) {
    await new Promise(r => setTimeout(r, 1000));
    const now = cpuTicks(pid);
    // Clock ticks are 1/100 s on Linux: 2 ticks a second is 2 %.
    quiet = now - last <= 2 ? quiet + 1 : 0;
    last = now;
  }
}

interface EvaluationRun {
  id: number;
  status: string;
  startedAt: string;
  finishedAt?: string;
  entityCount: number;
}

interface Collection {
  collected: number;
  changed: number;
  seconds: number;
}

/** Drives one backend through the plugin's and the scheduler's HTTP APIs. */
class Driver {
  constructor(
    private readonly backend: BackendProcess,
    private readonly collections: Collection[],
  ) {}

  private async json(path: string, init?: RequestInit) {
    const res = await this.backend.api(path, init);
    if (!res.ok)
      throw new Error(`${init?.method ?? 'GET'} ${path}: ${res.status}`);
    return res.json();
  }

  async lastRun(): Promise<EvaluationRun | undefined> {
    return (
      (await this.json('/api/ops/compliance/summary')).lastRun ?? undefined
    );
  }

  /** Starts the task now; a 409 (still finishing its previous run) is retried. */
  private async trigger(taskId: string) {
    await this.backend.waitFor(
      `the scheduler to accept ${taskId}`,
      async () =>
        (
          await this.backend.api(
            `/api/ops/.backstage/scheduler/v1/tasks/${taskId}/trigger`,
            { method: 'POST' },
          )
        ).ok,
      60_000,
    );
  }

  /** Until the task has run and nothing is due: a manual task that has been triggered has a start time until it is claimed. */
  private async finished(taskId: string) {
    await this.backend.waitFor(
      `${taskId} to finish`,
      async () => {
        const { tasks } = await this.json(
          '/api/ops/.backstage/scheduler/v1/tasks',
        );
        const state = tasks.find((t: any) => t.taskId === taskId)?.taskState;
        return state?.status === 'idle' && !state.startsAt;
      },
      RUN_TIMEOUT_MS,
    );
  }

  /** The run that followed `before`, once its task is done; fails unless it succeeded. */
  private async runAfter(before: EvaluationRun | undefined) {
    await this.finished(EVALUATION_TASK);
    const run = await this.lastRun();
    if (!run || run.id === before?.id) throw new Error('no evaluation ran');
    if (run.status !== 'succeeded' || !run.finishedAt)
      throw new Error(`evaluation ${run.id} ${run.status}`);
    return {
      run,
      seconds:
        Math.round(
          (Date.parse(run.finishedAt) - Date.parse(run.startedAt)) / 10,
        ) / 100,
    };
  }

  /** One catalog-wide evaluation, as the schedule would start it. */
  async evaluate() {
    const before = await this.lastRun();
    await this.trigger(EVALUATION_TASK);
    return this.runAfter(before);
  }

  /**
   * One fact collection; when it changed facts the plugin starts an
   * evaluation, returned by `evaluation()`. `peakMb` is read as soon as
   * the collection has logged its result, before that evaluation runs.
   */
  async collect() {
    const seen = this.collections.length;
    const before = await this.lastRun();
    await this.trigger(FACTS_TASK);
    const collection = await this.backend.waitFor(
      'a fact collection',
      async () => this.collections[seen],
      RUN_TIMEOUT_MS,
    );
    const { peakMb } = memory(this.backend.pid);
    await this.finished(FACTS_TASK);
    return {
      ...collection,
      peakMb,
      evaluation: () => this.runAfter(before),
    };
  }
}

async function runOne(size: number, db: string, loadSeconds: number) {
  const catalogServer = await startChild([
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
      env: { NODE_ENV: 'production' },
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
        const match = FACTS_LINE.exec(line);
        if (match)
          collections.push({
            collected: Number(match[1]),
            changed: Number(match[3]),
            seconds: Number(match[6]) / 1000,
          });
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
