/*
 * ops-backend benchmark: a full catalog-wide evaluation of N synthetic
 * entities served over HTTP by a catalog-compatible server (its own process),
 * read through the real CatalogClient, scored with ops-common and written by
 * DatabaseOpsStore to SQLite and to PostgreSQL; then the compliance list and
 * entity endpoints under 50 concurrent clients (load from another process).
 *
 *   ./run yarn workspace bench bench:evaluation
 *   BENCH_SIZES=10000,100000  BENCH_DATABASES=sqlite,postgres  BENCH_LOAD_SECONDS=10
 *
 * Each (size, database) runs in a fresh child process so its peak RSS is its own.
 */
import { spawn, execFile, execFileSync } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CatalogClient } from '@backstage/catalog-client';
import {
  BUILT_IN_CHECKS,
  effectiveChecks,
  observeSlo,
  readOpsConfig,
  sloQueries,
} from '@opskit/plugin-ops-common';
import {
  CatalogEvaluator,
  DatabaseOpsStore,
  FactCollector,
  createRouter,
  defaultScoringWorkers,
} from '@opskit/plugin-ops-backend';
import express from 'express';
import knexFactory, { type Knex } from 'knex';

const NODE_ARGS = [
  '--max-old-space-size=4096',
  '-r',
  require.resolve('@backstage/cli/config/nodeTransform.cjs'),
];
const PG = process.env.BENCH_PG ?? 'postgresql://postgres@127.0.0.1:5432';

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

async function database(
  kind: string,
  label: string,
): Promise<{ knex: Knex; drop: () => Promise<void> }> {
  if (kind === 'sqlite') {
    const file = join(
      mkdtempSync(join(tmpdir(), 'opskit-bench-')),
      'ops.sqlite',
    );
    const knex = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: file },
      useNullAsDefault: true,
    });
    return { knex, drop: () => knex.destroy() };
  }
  const name = `opskit_bench_${label}_${Date.now()}`;
  const admin = knexFactory({ client: 'pg', connection: `${PG}/postgres` });
  await admin.raw(`create database ${name}`);
  const knex = knexFactory({
    client: 'pg',
    connection: `${PG}/${name}`,
    pool: { min: 0, max: 10 },
  });
  return {
    knex,
    drop: async () => {
      await knex.destroy();
      await admin.raw(`drop database if exists ${name}`);
      await admin.destroy();
    },
  };
}

const quietLogger: any = {
  info() {},
  debug() {},
  warn: (m: string) => console.warn(m),
  error: (m: string) => console.error(m),
  child() {
    return quietLogger;
  },
};

/** One (size, database) configuration, in this process. Prints one JSON line. */
async function runOne(size: number, db: string, loadSeconds: number) {
  const catalogServer = await startChild([
    join(__dirname, 'catalogServer.ts'),
    String(size),
  ]);
  const client = new CatalogClient({
    discoveryApi: {
      getBaseUrl: async () =>
        `http://127.0.0.1:${catalogServer.port}/api/catalog`,
    },
  });
  const catalog: any = {
    queryEntities: (request: any) => client.queryEntities(request),
    getEntityByRef: (ref: any) => client.getEntityByRef(ref),
    getEntitiesByRefs: (request: any) => client.getEntitiesByRefs(request),
  };
  const { knex, drop } = await database(db, String(size));
  const store = await DatabaseOpsStore.create({
    database: {
      getClient: async () => knex,
      migrations: { skip: false },
    } as any,
  });
  const ops = readOpsConfig({});
  const auth: any = {
    getOwnServiceCredentials: async () => ({
      $$type: '@backstage/BackstageCredentials',
      principal: { type: 'service', subject: 'plugin:ops' },
    }),
  };
  const workers = Number(process.env.BENCH_WORKERS ?? defaultScoringWorkers());
  // The built-in checks, as the plugin computes them when no module adds checks.
  const checkSet = {
    checks: effectiveChecks(BUILT_IN_CHECKS, ops.scoring),
    inlineOnly: false,
  };
  const evaluator = new CatalogEvaluator({
    catalog,
    auth,
    store,
    logger: quietLogger,
    ops,
    kinds: ['Component'],
    historyRetentionMs: 90 * 86_400_000,
    workers,
    checks: checkSet,
  });

  // The plugin loads its scoring workers at startup (see plugin.ts), before any scheduled run.
  await evaluator.ready();
  const rssBefore = process.memoryUsage().rss;
  const t0 = performance.now();
  const run = await evaluator.run('bench');
  const seconds = (performance.now() - t0) / 1000;
  // A second run: what every scheduled run after the first costs (history written only on change).
  const t1 = performance.now();
  await evaluator.run('bench');
  const secondSeconds = (performance.now() - t1) / 1000;
  const result: any = {
    size,
    db,
    workers,
    entities: run.entityCount,
    seconds: Math.round(seconds * 100) / 100,
    perSecond: Math.round(run.entityCount / seconds),
    secondRunSeconds: Math.round(secondSeconds * 100) / 100,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    rssAtStartMb: Math.round(rssBefore / 1024 / 1024),
  };

  // Live facts: a provider that answers at once (as a local Prometheus would) for every SLO query,
  // so this times OpsKit's own cost of a collection and of the evaluation that follows it.
  const collector = new FactCollector({
    catalog,
    auth,
    facts: store.facts,
    logger: quietLogger,
    providers: [
      {
        id: 'bench',
        appliesTo: profile => sloQueries(profile).length > 0,
        collect: async ({ profile }) =>
          sloQueries(profile).map(q => ({
            name: q.factName,
            value: { ...observeSlo(q, 100 + Math.random()) },
          })),
      },
    ],
    defaults: ops.defaults,
    kinds: ['Component'],
    timeoutMs: 10_000,
    concurrency: 8,
  });
  const timed = async <T>(fn: () => Promise<T>): Promise<[T, number]> => {
    const t = performance.now();
    const value = await fn();
    return [value, Math.round(performance.now() - t) / 1000];
  };
  const [firstFacts, firstFactsSeconds] = await timed(() => collector.run());
  const peakAfterCollection = Math.round(process.resourceUsage().maxRSS / 1024);
  const [, evaluationAfterFacts] = await timed(() => evaluator.run('bench'));
  const [, nextFactsSeconds] = await timed(() => collector.run());
  result.facts = {
    measured: firstFacts.collected,
    facts: firstFacts.changed,
    firstSeconds: firstFactsSeconds,
    nextSeconds: nextFactsSeconds,
    evaluationAfterSeconds: evaluationAfterFacts,
    peakRssAfterCollectionMb: peakAfterCollection,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };

  if (loadSeconds > 0) {
    const app = express();
    const allow: any = {
      authorize: async (requests: any[]) =>
        requests.map(() => ({ result: 'ALLOW' })),
    };
    const httpAuth: any = {
      credentials: async () => ({
        $$type: '@backstage/BackstageCredentials',
        principal: { type: 'user', userEntityRef: 'user:default/bench' },
      }),
    };
    const auditor: any = {
      createEvent: async () => ({
        success: async () => {},
        fail: async () => {},
      }),
    };
    app.use(
      '/api/ops',
      await createRouter({
        store,
        catalog,
        httpAuth,
        permissions: allow,
        auditor,
        logger: quietLogger,
        config: {
          ops,
          schedule: {} as any,
          kinds: ['Component'],
          historyRetentionMs: 1e12,
          staleAfterMs: 1e12,
          workers: 0,
          notifications: { enabled: false, optOut: [] },
          facts: { schedule: {} as any, timeoutMs: 10_000, concurrency: 8 },
        },
        refresh: async () => {},
        checks: checkSet,
      }),
    );
    const server = http.createServer(app);
    await new Promise<void>(r => server.listen(0, '127.0.0.1', () => r()));
    const base = `http://127.0.0.1:${(server.address() as any).port}/api/ops`;
    // ~150 distinct views, as SRE leads would open them: per owner, text searches,
    // tier x level, each failing check, deep pages, summaries.
    const checks = (await (await fetch(`${base}/checks`)).json()).checks.map(
      (c: any) => c.id,
    );
    const cursors: string[] = [];
    let cursor: string | undefined;
    for (let i = 0; i < 20; i++) {
      const page = await store.listCompliance({
        filter: {},
        sort: { field: 'score', order: 'asc' },
        limit: 50,
        cursor,
      });
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
      ...cursors.map(c => `${base}/compliance?limit=50&cursor=${c}`),
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
      await (await fetch(url)).arrayBuffer();
      cold.push(performance.now() - t);
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
    for (const [name, urls] of [
      ['compliance list + summary', list],
      ['entity profile', entity],
    ] as const) {
      // Asynchronously: this process serves the requests meanwhile.
      const { stdout } = await promisify(execFile)(process.execPath, [
        ...NODE_ARGS,
        join(__dirname, 'loadGenerator.ts'),
        JSON.stringify({
          urls,
          headers: {},
          concurrency: 50,
          seconds: loadSeconds,
        }),
      ]);
      result[name] = JSON.parse(String(stdout).trim().split('\n').pop()!);
    }
    server.close();
  }
  catalogServer.stop();
  await drop();
  console.log(`RESULT ${JSON.stringify(result)}`);
}

async function main() {
  if (process.argv[2] === '--one') {
    await runOne(
      Number(process.argv[3]),
      process.argv[4],
      Number(process.argv[5]),
    );
    process.exit(0);
  }
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
    .split(',')
    .map(Number);
  const dbs = (process.env.BENCH_DATABASES ?? 'sqlite,postgres').split(',');
  const loadSeconds = Number(process.env.BENCH_LOAD_SECONDS ?? 10);
  const loadSizes = (process.env.BENCH_LOAD_SIZES ?? '10000')
    .split(',')
    .map(Number);
  console.log(
    `node ${process.version}, ops-backend full evaluation (catalog over HTTP in another process)`,
  );
  for (const size of sizes) {
    for (const db of dbs) {
      const out = execFileSync(
        process.execPath,
        [
          ...NODE_ARGS,
          __filename,
          '--one',
          String(size),
          db,
          String(loadSizes.includes(size) ? loadSeconds : 0),
        ],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 64 * 1024 * 1024,
        },
      );
      const line = String(out)
        .split('\n')
        .find(l => l.startsWith('RESULT '));
      const r = JSON.parse(line!.slice(7));
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
      for (const key of ['compliance list + summary', 'entity profile']) {
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
