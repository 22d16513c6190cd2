/*
 * Fact collection against a real Prometheus: N components (budgetEntities.ts)
 * with three SLOs each that carry an SLI (two ratios, one latency
 * histogram), measured in three environments, so 9 budgets per entity. A
 * real backend process (benchBackend.ts: ops-backend and its Prometheus
 * module) reads them from a catalog-compatible server (catalogServer.ts
 * budgets) and asks Debian's `prometheus` (scripts/ensure-tool.sh
 * prometheus), which scrapes budgetExporter.ts: per service and environment
 * a request counter by code and a latency histogram, ~7 series each.
 *
 * Measured per collection: wall time (the plugin's `ops facts: … in N ms`),
 * the queries Prometheus answered (its own /metrics,
 * prometheus_http_requests_total by handler, read before and after), the
 * engine's time inside them, what was stored (budget facts with a value,
 * with an error), peak RSS of the backend and of Prometheus. The first
 * collection starts from an empty store; the next one re-measures
 * everything with the facts in place (what every scheduled run costs). Each
 * batch size gets its own backend, Prometheus and exporter.
 *
 *   ./run yarn workspace bench bench:facts
 *   BENCH_SIZES=10000  BENCH_DATABASES=sqlite,postgres
 *   BENCH_CONCURRENCY=8,32 (ops.facts.concurrency; 8 is the plugin's default)
 *   BENCH_BATCH_SIZES=500,1 (ops.prometheus.batchSize: 500 is the default, 1
 *   the baseline of one query per SLI and environment, timed once)
 *   BENCH_SCRAPE_INTERVAL=10s  BENCH_CPU_PROFILE=<dir> (the backend's V8 profile)
 */
import { join } from 'node:path';
import {
  startPrometheus,
  type RealPrometheus,
} from '@opskit/plugin-ops-backend-module-prometheus/testUtils';
import {
  Collection,
  cpuProfileEnv,
  cpuTicks,
  database,
  Driver,
  MANUAL_SCHEDULE,
  memory,
  parseFactsLine,
  settle,
  startChild,
} from './benchDriver';
import { BUDGET_ENVIRONMENTS } from './budgetEntities';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  startBackendProcess,
  STATIC_TOKEN,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';

const SLIS_PER_ENTITY = 3;
/** 5m, 30m, 1h, 2h, 6h, 1d, 3d and the SLO's own window. */
const WINDOWS_PER_SLI = 8;

/** Prometheus's own counters: requests by handler, engine time, memory. */
async function prometheusStats(prometheus: RealPrometheus) {
  const text = await (await fetch(`${prometheus.url}/metrics`)).text();
  const sum = (name: string, labels: RegExp = /.*/) =>
    text
      .split('\n')
      .filter(
        line => line.startsWith(`${name}{`) || line.startsWith(`${name} `),
      )
      .filter(line => labels.test(line))
      .reduce((total, line) => total + Number(line.split(' ').pop()), 0);
  return {
    queries: sum(
      'prometheus_http_requests_total',
      /handler="\/api\/v1\/query"/,
    ),
    rangeQueries: sum(
      'prometheus_http_requests_total',
      /handler="\/api\/v1\/query_range"/,
    ),
    rulesReads: sum(
      'prometheus_http_requests_total',
      /handler="\/api\/v1\/rules"/,
    ),
    engineSeconds: sum(
      'prometheus_engine_query_duration_seconds_sum',
      /slice="inner_eval"/,
    ),
    rssMb: Math.round(sum('process_resident_memory_bytes') / 2 ** 20),
    cpuSeconds: sum('process_cpu_seconds_total'),
    series: sum('prometheus_tsdb_head_series'),
  };
}

/** What the collection stored: budget facts with a value, with an error, and how they came out. */
async function storedBudgets(db: ReturnType<typeof database>) {
  const knex = db.connect();
  try {
    const rows: { value: string | null; error: string | null }[] = await knex(
      'ops_facts',
    )
      .where('name', 'like', 'budget/%')
      .select('value', 'error');
    let measured = 0;
    let exhausted = 0;
    let paging = 0;
    const errors = new Map<string, number>();
    for (const row of rows) {
      const value = row.value ? JSON.parse(row.value) : null;
      if (row.error || value?.remaining === undefined) {
        const key = row.error ?? 'no value';
        errors.set(key, (errors.get(key) ?? 0) + 1);
        continue;
      }
      measured++;
      if (value.exhausted) exhausted++;
      if (value.firing?.some((f: any) => f.severity === 'page')) paging++;
    }
    return {
      budgets: rows.length,
      measured,
      exhausted,
      paging,
      errors: [...errors].slice(0, 3),
    };
  } finally {
    await knex.destroy();
  }
}

/** Until every series has two samples in the last 5 minutes: before that a rate is empty. */
async function waitForRates(prometheus: RealPrometheus, size: number) {
  const expected = size * BUDGET_ENVIRONMENTS.length * 2;
  const deadline = Date.now() + 5 * 60_000;
  while (Date.now() < deadline) {
    const rated = await prometheus.query(
      'count(rate(http_requests_total[5m]))',
    );
    if (rated === expected) return;
    await new Promise(r => setTimeout(r, 2000));
  }
  throw new Error(`Prometheus has no rate for all ${expected} series yet`);
}

async function runOne(
  size: number,
  db: string,
  concurrency: number,
  batchSize: number,
  scrapeInterval: string,
) {
  const children: { stop: () => void }[] = [];
  const store = database(db, `facts${size}`);
  let prometheus: RealPrometheus | undefined;
  let backend: BackendProcess | undefined;
  try {
    const exporter = await startChild([
      join(__dirname, 'budgetExporter.ts'),
      String(size),
    ]);
    children.push(exporter);
    prometheus = await startPrometheus(exporter.port, { scrapeInterval });
    await waitForRates(prometheus, size);
    const catalogServer = await startChild([
      join(__dirname, 'catalogServer.ts'),
      String(size),
      'budgets',
    ]);
    children.push(catalogServer);
    const collections: Collection[] = [];
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
        ...store.config,
        'discovery:',
        '  endpoints:',
        `    - target: 'http://127.0.0.1:${catalogServer.port}/api/{{pluginId}}'`,
        '      plugins: [catalog]',
        'permission:',
        '  enabled: false',
        'ops:',
        `  schedule: ${MANUAL_SCHEDULE}`,
        '  evaluation: { kinds: [Component] }',
        '  notifications: { enabled: false }',
        `  prometheus: { default: { baseUrl: '${prometheus.url}' }, batchSize: ${batchSize} }`,
        `  facts: { schedule: ${MANUAL_SCHEDULE}, concurrency: ${concurrency} }`,
      ],
      onLine: line => {
        const collection = parseFactsLine(line);
        if (collection) collections.push(collection);
      },
    });
    const driver = new Driver(backend, collections);
    await settle(backend.pid);

    const measure = async () => {
      const before = await prometheusStats(prometheus!);
      const backendTicks = cpuTicks(backend!.pid);
      const collection = await driver.collect();
      const after = await prometheusStats(prometheus!);
      // Clock ticks are 1/100 s; this includes the evaluation's start if it began before the log line was read.
      const backendCpuSeconds = (cpuTicks(backend!.pid) - backendTicks) / 100;
      const queries = after.queries - before.queries;
      const budgets = await storedBudgets(store);
      const slis = size * SLIS_PER_ENTITY * BUDGET_ENVIRONMENTS.length;
      return {
        collection,
        report: {
          seconds: collection.seconds,
          entitiesCollected: collection.collected,
          entitiesFailed: collection.failed,
          queries,
          queriesPerSecond: Math.round(queries / collection.seconds),
          // The goal's unit: at most 1 per SLI, window and environment (8 windows per SLI here).
          queriesPerSliPerEnvironment:
            Math.round((queries / slis) * 10_000) / 10_000,
          queriesPerSliWindowEnvironment:
            Math.round((queries / (slis * WINDOWS_PER_SLI)) * 100_000) /
            100_000,
          rangeQueries: after.rangeQueries - before.rangeQueries,
          rulesReads: after.rulesReads - before.rulesReads,
          engineMsPerQuery:
            Math.round(
              ((after.engineSeconds - before.engineSeconds) * 1000 * 100) /
                Math.max(1, queries),
            ) / 100,
          ...budgets,
          // CPU seconds during the collection: with 2 cores, their sum over the wall time says how busy the machine was.
          prometheusCpuSeconds:
            Math.round((after.cpuSeconds - before.cpuSeconds) * 10) / 10,
          backendCpuSeconds,
          backendPeakRssMb: collection.peakMb,
          prometheusRssMb: after.rssMb,
          prometheusSeries: after.series,
        },
      };
    };
    const first = await measure();
    // It changed every fact: let the evaluation it started finish before the next collection.
    await first.collection.evaluation();
    // The baseline (each entity on its own) is timed once: it takes minutes.
    const next = batchSize > 1 ? await measure() : undefined;
    if (next && next.collection.changed > 0) await next.collection.evaluation();
    return {
      size,
      db,
      concurrency,
      batchSize,
      scrapeInterval,
      first: first.report,
      ...(next ? { next: next.report } : {}),
      backendPeakRssMb: memory(backend.pid).peakMb,
    };
  } finally {
    await backend?.stop();
    await prometheus?.stop();
    for (const child of children) child.stop();
    await store.drop();
  }
}

async function main() {
  const list = (name: string, fallback: string) =>
    (process.env[name] ?? fallback).split(',').filter(Boolean);
  const sizes = list('BENCH_SIZES', '10000').map(Number);
  const databases = list('BENCH_DATABASES', 'sqlite');
  const concurrencies = list('BENCH_CONCURRENCY', '8').map(Number);
  const batchSizes = list('BENCH_BATCH_SIZES', '500,1').map(Number);
  const scrapeInterval = process.env.BENCH_SCRAPE_INTERVAL ?? '10s';
  const results = [];
  for (const size of sizes)
    for (const db of databases)
      for (const concurrency of concurrencies)
        for (const batchSize of batchSizes) {
          const result = await runOne(
            size,
            db,
            concurrency,
            batchSize,
            scrapeInterval,
          );
          console.log(JSON.stringify(result));
          results.push(result);
        }
  console.log(JSON.stringify({ results }, null, 2));
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
