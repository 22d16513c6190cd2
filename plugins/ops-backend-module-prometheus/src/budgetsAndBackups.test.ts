import {
  alertsDeployedCheck,
  backupsFreshCheck,
  buildOpsProfile,
  prometheusRules,
  writeYaml,
  type EntityFact,
  type FactInput,
} from '@opskit/plugin-ops-common';
import { prometheusFactProvider } from './prometheusFactProvider';
import {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from './testUtils';

jest.setTimeout(90_000);

const slo = (name: string, svc: string, sli: string, extra = '') =>
  `  - {name: ${name}, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, environment: production, ${extra}sli: ${sli.replace(
    /SVC/g,
    svc,
  )}}`;
const ratio = `{good: 'ok_total{svc="SVC"}', total: 'all_total{svc="SVC"}'}`;

const DESCRIPTOR = `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://checkout.example.com}
slos:
${slo('Healthy', 'healthy', ratio)}
${slo('Slow burn', 'slow', ratio)}
${slo('Fast burn', 'fast', ratio)}
${slo('Idle', 'idle', ratio)}
  - {name: Never failed, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, environment: production, sli: {bad: 'errors_total{svc="never"}', total: 'all_total{svc="healthy"}'}}
  - {name: Within a second, indicator: latency, unit: percent, objective: ">=99%", alert: "<95%", window: 28d, environment: production, sli: {histogram: slow_seconds, threshold: 1s, selector: 'svc="web"'}}
  - {name: Fast enough, indicator: latency, unit: percent, objective: ">=99%", alert: "<95%", window: 28d, environment: production, sli: {histogram: req_seconds, threshold: 200ms, selector: 'svc="web"'}}
  - {name: Between buckets, indicator: latency, unit: percent, objective: ">=99%", alert: "<95%", window: 28d, environment: production, sli: {histogram: req_seconds, threshold: 250ms, selector: 'svc="web"'}}
`;

const profile = buildOpsProfile({
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: { 'opskit.io/descriptor': DESCRIPTOR },
  },
  spec: {},
}).profile;

describe('error budgets measured in a real Prometheus', () => {
  let exporter: Exporter;
  let prometheus: RealPrometheus;
  const collect = async (baseUrl: string) => {
    const provider = prometheusFactProvider({
      targets: new Map(),
      fallback: { baseUrl, headers: {} },
    });
    const facts = (await provider.collect({
      profile,
      signal: new AbortController().signal,
    } as any)) as FactInput[];
    return Object.fromEntries(facts.map(f => [f.name, f])) as Record<
      string,
      any
    >;
  };

  beforeAll(async () => {
    exporter = await startExporter();
    // Per scrape (1 s): healthy 0 % bad, slow 0.05 % (0.5× a 0.1 % budget), fast 10 % (100×), idle nothing.
    for (const [svc, ok, all] of [
      ['healthy', 1000, 1000],
      ['slow', 9995, 10000],
      ['fast', 900, 1000],
      ['idle', 0, 0],
    ] as const) {
      exporter.counter('ok_total', { svc }, ok);
      exporter.counter('all_total', { svc }, all);
    }
    // 99 % of requests under 200 ms: exactly the objective, a burn rate of 1.
    exporter.histogram(
      'req_seconds',
      { svc: 'web' },
      { '0.1': 900, '0.2': 990, '+Inf': 1000 },
    );
    // The rules `opskit rules` writes, but for the slow-burn SLO's: drift to find.
    const { groups } = prometheusRules(profile);
    // A Java-style histogram: its bounds written "1.0", not "1".
    exporter.histogram(
      'slow_seconds',
      { svc: 'web' },
      { '0.5': 900, '1.0': 995, '+Inf': 1000 },
    );
    prometheus = await startPrometheus(exporter.port, {
      rules: writeYaml({
        groups: groups.filter(g => !g.name.includes(':slow-burn:')),
      }),
    });
    // rate() needs two samples of every series.
    await prometheus.until('sum(rate(all_total{svc="slow"}[5m]))');
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('measures budget left, burn rates and the alert conditions per SLO, in one query per SLO and environment', async () => {
    const facts = await collect(prometheus.url);
    expect(facts['budget/production/Healthy'].error).toBeUndefined();
    const healthy = facts['budget/production/Healthy'].value;
    expect(healthy).toMatchObject({
      objective: 99.9,
      window: '4w',
      badRatio: 0,
      remaining: 1,
      exhausted: false,
      firing: [],
    });
    expect(healthy.burnRates['5m']).toBe(0);
    expect(healthy.exhaustsInMs).toBeUndefined();

    const slow = facts['budget/production/Slow burn'].value;
    expect(slow.burnRates['1h']).toBeCloseTo(0.5, 1);
    expect(slow.remaining).toBeCloseTo(0.5, 1);
    expect(slow.firing).toEqual([]);
    // Half the budget left at half the sustainable rate: a whole window (28 days).
    expect(slow.exhaustsInMs / 86_400_000).toBeCloseTo(28, 0);

    const fast = facts['budget/production/Fast burn'].value;
    expect(fast.burnRates['5m']).toBeCloseTo(100, 0);
    expect(fast.exhausted).toBe(true);
    expect(
      fast.firing.map((f: any) => `${f.severity} ${f.long}/${f.short}`),
    ).toEqual(['page 1h/5m', 'page 6h/30m', 'ticket 1d/2h', 'ticket 3d/6h']);
    expect(fast.exhaustsInMs).toBe(0);
    expect(
      Date.now() - Date.parse(facts['budget/production/Fast burn'].observedAt),
    ).toBeLessThan(60_000);

    // No events: nothing spent, nothing known.
    expect(facts['budget/production/Idle'].value).toMatchObject({
      badRatio: null,
      remaining: null,
      exhausted: false,
      burnRates: {},
      firing: [],
    });

    // A bad counter with no series at all (nothing ever failed): no errors, not no events.
    expect(facts['budget/production/Never failed'].value).toMatchObject({
      badRatio: 0,
      remaining: 1,
    });
    // le="1.0" is the 1s bucket: 0.5 % slow on a 99 % objective.
    expect(
      facts['budget/production/Within a second'].value.badRatio,
    ).toBeCloseTo(0.005, 5);

    // The histogram's le="0.2" bucket: 1 % slow requests on a 99 % objective.
    const latency = facts['budget/production/Fast enough'].value;
    expect(latency.badRatio).toBeCloseTo(0.01, 5);
    expect(latency.burnRates['1h']).toBeCloseTo(1, 3);
    expect(latency.bucket).toEqual({
      le: 0.2,
      thresholdSeconds: 0.2,
      offBy: 0,
    });

    // No bucket at 250 ms: counted on the nearest (le="0.2"), and said.
    const between = facts['budget/production/Between buckets'].value;
    expect(between.badRatio).toBeCloseTo(0.01, 5);
    expect(between.bucket.le).toBe(0.2);
    expect(between.bucket.offBy).toBeCloseTo(0.2, 10);
    expect(between.bucket.warning).toBe(
      'no bucket near 250 ms: counted on le="0.2" (200 ms, 20 % off); add a bucket at 0.25 to the histogram',
    );
  });

  it('reads the loaded rules: what fires for the entity, and the declared alerts that are not loaded', async () => {
    // Recording rules first, then the alerts on them: wait until the fast burn pages.
    let facts: Record<string, any> = {};
    for (let i = 0; i < 100; i++) {
      facts = await collect(prometheus.url);
      const alerts = facts['rules/production']?.value?.alerts ?? [];
      if (alerts.some((a: any) => a.firing > 0 && a.labels.severity === 'page'))
        break;
      await new Promise(r => setTimeout(r, 300));
    }
    const alerts = facts['rules/production'].value.alerts;
    // Pages: only the fast burn's two page conditions (the histogram burns at exactly 1×: a ticket, which may fire).
    const pages = alerts
      .filter((a: any) => a.firing > 0 && a.labels.severity === 'page')
      .map((a: any) => `${a.labels.opskit_slo} ${a.labels.opskit_window}`)
      .sort();
    expect(pages).toEqual(['Fast burn 1h/5m', 'Fast burn 6h/30m']);
    expect(
      alerts.every(
        (a: any) => a.labels.opskit_entity === 'component:default/checkout',
      ),
    ).toBe(true);
    const verdict = alertsDeployedCheck.evaluate({
      profile,
      facts: {
        live: [
          {
            provider: 'prometheus',
            checkedAt: new Date().toISOString(),
            observedAt: null,
            stale: false,
            ...facts['rules/production'],
          } as EntityFact,
        ],
      },
      now: Date.now(),
    } as any);
    expect(verdict).toEqual({
      status: 'fail',
      message: `not loaded in production's Prometheus: the burn-rate page alerts of "Slow burn"; label hand-written rules opskit_entity and opskit_slo`,
    });
  });

  it('keeps the old values (marked stale by ops-backend) when Prometheus cannot be asked', async () => {
    const facts = await collect('http://127.0.0.1:9');
    expect(facts['budget/production/Healthy']).toEqual({
      name: 'budget/production/Healthy',
      unavailable: expect.stringMatching(
        /^Prometheus at http:\/\/127.0.0.1:9 is unreachable/,
      ),
    });
  });
});

describe('backup freshness measured in a real Prometheus', () => {
  let exporter: Exporter;
  let prometheus: RealPrometheus;
  const now = Math.floor(Date.now() / 1000);
  const backups = buildOpsProfile({
    kind: 'Component',
    metadata: {
      name: 'payments',
      annotations: {
        'opskit.io/descriptor': `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://payments.example.com}
backups:
  - {data: resource:payments-db, schedule: daily, retention: 30d, tool: Velero, freshness: 'max(velero_backup_last_successful_timestamp{schedule="payments-db",env="$environment"})'}
  - {data: resource:ledger-db, schedule: hourly, retention: 7d, tool: pgBackRest, freshness: 'max(pgbackrest_backup_since_last_completion_seconds{stanza="ledger"})'}
  - {data: resource:audit-db, schedule: daily, retention: 30d, freshness: 'max(nothing_here)'}
`,
      },
    },
    spec: {},
  }).profile;

  beforeAll(async () => {
    exporter = await startExporter();
    // Velero: a timestamp 5 hours ago (fresh for a daily schedule); pgBackRest: 3 hours since the last, on an hourly schedule (stale past 2 h).
    exporter.set(
      'velero_backup_last_successful_timestamp',
      { schedule: 'payments-db', env: 'production' },
      now - 5 * 3600,
    );
    exporter.set(
      'pgbackrest_backup_since_last_completion_seconds',
      { stanza: 'ledger' },
      3 * 3600,
    );
    prometheus = await startPrometheus(exporter.port);
    await prometheus.until(
      'count(pgbackrest_backup_since_last_completion_seconds)',
    );
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('reads a last-success timestamp and an age, and the check fails the one older than twice its schedule', async () => {
    const provider = prometheusFactProvider({
      targets: new Map(),
      fallback: { baseUrl: prometheus.url, headers: {} },
    });
    const facts = (await provider.collect({
      profile: backups,
      signal: new AbortController().signal,
    } as any)) as any[];
    const byName = Object.fromEntries(facts.map(f => [f.name, f]));
    const velero = byName['backup/resource:payments-db'].value;
    expect(Math.abs(velero.ageSeconds - 5 * 3600)).toBeLessThan(120);
    expect(velero).toMatchObject({ fresh: true, maxAgeSeconds: 2 * 86_400 });
    expect(byName['backup/resource:ledger-db'].value).toMatchObject({
      ageSeconds: 3 * 3600,
      maxAgeSeconds: 7200,
      fresh: false,
    });
    expect(byName['backup/resource:audit-db']).toMatchObject({
      value: null,
      error: expect.stringMatching(/no series/),
    });
    const live = facts.map(f => ({
      provider: 'prometheus',
      checkedAt: new Date().toISOString(),
      observedAt: f.observedAt ? new Date(f.observedAt).toISOString() : null,
      stale: false,
      ...f,
    })) as EntityFact[];
    expect(
      backupsFreshCheck.evaluate({
        profile: backups,
        facts: { live },
        now: Date.now(),
      } as any),
    ).toEqual({
      status: 'fail',
      message:
        'resource:ledger-db last succeeded 3h ago, more than twice its hourly schedule (2h)',
    });
  });
});
