import {
  buildOpsProfile,
  type FactInput,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import type { Entity } from '@backstage/catalog-model';
import { prometheusFactProvider } from './prometheusFactProvider';
import {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from './testUtils';

jest.setTimeout(90_000);

const DESCRIPTOR = `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments: [{name: production}]
slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, sli: {good: 'ok_total{service="$service"}', total: 'all_total{service="$service"}'}}
  - {name: Fast enough, indicator: latency, unit: percent, objective: ">=99%", alert: "<95%", window: 28d, sli: {histogram: req_seconds, threshold: 250ms, selector: 'service="$service"'}}
`;

/** Per scrape: requests good of all, and the latency buckets (the last one has none at 250 ms). */
const SERVICES = {
  healthy: [1000, 1000, { '0.1': 900, '0.25': 995, '+Inf': 1000 }],
  slow: [9995, 10000, { '0.1': 900, '0.25': 995, '+Inf': 1000 }],
  fast: [900, 1000, { '0.1': 500, '0.25': 800, '+Inf': 1000 }],
  idle: [0, 0, { '0.1': 0, '0.25': 0, '+Inf': 0 }],
  'other-buckets': [1000, 1000, { '0.2': 995, '0.5': 1000, '+Inf': 1000 }],
} as const;

/** Components with these names and this descriptor, with their profiles. */
function entitiesNamed(names: string[], descriptor: string) {
  return names.map(name => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name,
        annotations: { 'opskit.io/descriptor': descriptor },
      },
      spec: {},
    };
    return { entity, profile: buildOpsProfile(entity).profile };
  });
}

const entities = entitiesNamed(Object.keys(SERVICES), DESCRIPTOR);

/** Each entity's facts, by entity and fact name, with what can differ between two reads a moment apart rounded. */
async function collectAll(
  provider: ReturnType<typeof prometheusFactProvider>,
  profiles: { entity: Entity; profile: OpsProfile }[],
) {
  const out: Record<string, Record<string, unknown>> = {};
  for (const { entity, profile } of profiles) {
    const facts = (await provider.collect({
      entity,
      profile,
      previous: [],
      signal: new AbortController().signal,
    })) as FactInput[];
    out[entity.metadata.name] = Object.fromEntries(
      facts
        .filter(f => f.name.startsWith('budget/'))
        .map((f: any) => {
          const v = f.value;
          return [
            f.name,
            v
              ? {
                  remaining:
                    v.remaining === null
                      ? null
                      : Math.round(v.remaining * 1e6) / 1e6,
                  exhausted: v.exhausted,
                  firing: v.firing,
                  bucket: v.bucket,
                  windows: Object.keys(v.burnRates).sort(),
                }
              : { error: f.error, unavailable: f.unavailable },
          ];
        }),
    );
  }
  return out;
}

/** Instant queries Prometheus has answered, from its own /metrics. */
async function queriesAnswered(prometheus: RealPrometheus) {
  const text = await (await fetch(`${prometheus.url}/metrics`)).text();
  return text
    .split('\n')
    .filter(
      l =>
        l.startsWith('prometheus_http_requests_total{') &&
        l.includes('handler="/api/v1/query"'),
    )
    .reduce((sum, l) => sum + Number(l.split(' ').pop()), 0);
}

describe('SLIs batched over a page of entities, in a real Prometheus', () => {
  let exporter: Exporter;
  let prometheus: RealPrometheus;
  beforeAll(async () => {
    exporter = await startExporter();
    for (const [service, [ok, all, buckets]] of Object.entries(SERVICES)) {
      exporter.counter('ok_total', { service }, ok);
      exporter.counter('all_total', { service }, all);
      exporter.histogram('req_seconds', { service }, buckets);
    }
    prometheus = await startPrometheus(exporter.port);
    await prometheus.until('sum(rate(all_total{service="slow"}[5m]))');
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('measures every budget as each entity alone would, in one query and what it could not answer', async () => {
    const config = {
      targets: new Map(),
      fallback: { baseUrl: prometheus.url, headers: {} },
    };
    let before = await queriesAnswered(prometheus);
    const alone = await collectAll(prometheusFactProvider(config), entities);
    const aloneQueries = (await queriesAnswered(prometheus)) - before;

    const provider = prometheusFactProvider(config);
    before = await queriesAnswered(prometheus);
    await provider.preparePage!(entities, {
      signal: new AbortController().signal,
    });
    const batched = await collectAll(provider, entities);
    const batchedQueries = (await queriesAnswered(prometheus)) - before;

    expect(batched).toEqual(alone);
    // Alone: a ratio query and a bucket listing plus a histogram query per entity.
    expect(aloneQueries).toBe(5 * 3);
    // Batched: one query for both SLIs of all five; the histogram without a bucket at 250 ms asks on its own (its buckets, then 200 ms).
    expect(batchedQueries).toBe(1 + 2);
    expect(batched['other-buckets']['budget/production/Fast enough']).toEqual(
      expect.objectContaining({
        bucket: expect.objectContaining({ le: 0.2 }),
      }),
    );
    expect(batched.fast['budget/production/Success']).toMatchObject({
      exhausted: true,
    });
    expect(batched.healthy['budget/production/Success']).toMatchObject({
      remaining: 1,
    });
  });

  it('asks in batches of ops.prometheus.batchSize, and each on its own at 1', async () => {
    const config = (batchSize: number) => ({
      targets: new Map(),
      fallback: { baseUrl: prometheus.url, headers: {} },
      batchSize,
    });
    const queries = async (batchSize: number) => {
      const provider = prometheusFactProvider(config(batchSize));
      const before = await queriesAnswered(prometheus);
      await provider.preparePage!(entities, {
        signal: new AbortController().signal,
      });
      const facts = await collectAll(provider, entities);
      return { facts, queries: (await queriesAnswered(prometheus)) - before };
    };
    const [two, one] = [await queries(2), await queries(1)];
    // Five entities in batches of 2, 2 and 1: the last (the histogram without a bucket at 250 ms) asks alone, its ratio once, its histogram twice.
    expect(two.queries).toBe(2 + 1 + 2);
    expect(one.queries).toBe(5 * 3);
    expect(two.facts).toEqual(one.facts);
  });

  it('keeps the facts stale, never failing, when Prometheus is gone before the page is asked', async () => {
    const provider = prometheusFactProvider({
      targets: new Map(),
      fallback: { baseUrl: 'http://127.0.0.1:9', headers: {} },
    });
    await provider.preparePage!(entities, {
      signal: new AbortController().signal,
    });
    const facts = await collectAll(provider, entities.slice(0, 1));
    expect(facts.healthy['budget/production/Success']).toEqual({
      error: undefined,
      unavailable: expect.stringContaining('unreachable'),
    });
  });
});

describe('a batch Prometheus refuses, in a real Prometheus with a query limit', () => {
  // Prometheus counts the samples a query holds at once: each window of each selected series, growing by one per series each second of scraping. The batch selects 120 times more series than one entity's query.
  const SERVICE_COUNT = 120;
  const services = Array.from(
    { length: SERVICE_COUNT },
    (_, i) => `svc-${String(i).padStart(3, '0')}`,
  );
  /** Bad requests of 10,000 per scrape. */
  const BAD = [0, 2, 25, 45, 100, 200];
  const RATIO_DESCRIPTOR = `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments: [{name: production}]
slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, sli: {good: 'ok_total{service="$service"}', total: 'all_total{service="$service"}'}}
`;
  const many = entitiesNamed(services, RATIO_DESCRIPTOR);
  let exporter: Exporter;
  let prometheus: RealPrometheus;

  beforeAll(async () => {
    exporter = await startExporter();
    services.forEach((service, i) => {
      // Bad ratios away from the burn-rate thresholds (1, 3, 6, 14.4 times the budget's 0.1 %), so two reads a moment apart fire the same alerts.
      exporter.counter('ok_total', { service }, 10000 - BAD[i % BAD.length]);
      exporter.counter('all_total', { service }, 10000);
    });
    // One entity's query holds ~24 samples per second scraped (under the limit for a minute), the batch ~120 times as many (over it after 1 s).
    prometheus = await startPrometheus(exporter.port, {
      flags: ['--query.max-samples=1500'],
    });
    await prometheus.until(
      `sum(rate(all_total{service="${services[0]}"}[5m]))`,
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('asks a batch refused for its size again in halves, with the same budgets as each entity alone', async () => {
    const config = {
      targets: new Map(),
      fallback: { baseUrl: prometheus.url, headers: {} },
    };
    const provider = prometheusFactProvider(config);
    const collectBatched = async () => {
      const before = await queriesAnswered(prometheus);
      await provider.preparePage!(many, {
        signal: new AbortController().signal,
      });
      const facts = await collectAll(provider, many);
      return { facts, queries: (await queriesAnswered(prometheus)) - before };
    };
    const first = await collectBatched();
    // Later pages start from the size that was answered.
    const again = await collectBatched();
    const alone = await collectAll(prometheusFactProvider(config), many);

    // The 120 refused, then halves until they fit: more than one query, fewer than one per entity.
    expect(first.queries).toBeGreaterThan(1);
    expect(first.queries).toBeLessThan(SERVICE_COUNT);
    expect(first.facts).toEqual(alone);
    expect(again.facts).toEqual(alone);
    expect(first.facts['svc-000']['budget/production/Success']).toMatchObject({
      remaining: 1,
      exhausted: false,
    });
    expect(first.facts['svc-005']['budget/production/Success']).toMatchObject({
      exhausted: true,
    });
  });
});
