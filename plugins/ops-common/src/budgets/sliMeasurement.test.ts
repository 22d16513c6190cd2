import { buildOpsProfile } from '../profile';
import {
  budgetFactName,
  observeBudget,
  parseBudgetFactName,
  sliQueries,
} from './sliMeasurement';

const HOUR = 3_600_000;

function profileOf(slos: string) {
  const descriptor = `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://x.example.com}
  - {name: staging, url: https://x.staging.example.com}
slos:
${slos}`;
  return buildOpsProfile({
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: { 'opskit.io/descriptor': descriptor },
    },
    spec: {},
  }).profile;
}

describe('sliQueries', () => {
  it('asks every window of an SLI in one query per environment, each series labelled with its window', () => {
    const queries = sliQueries(
      profileOf(
        `  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", window: 28d, sli: {good: 'ok{env="$environment"}', total: 'all{env="$environment"}'}}\n  - {name: Plain, indicator: latency, unit: ms, objective: "<200ms", query: "x"}\n`,
      ),
    );
    expect(queries.map(q => [q.factName, q.window])).toEqual([
      ['budget/production/Success', '4w'],
      ['budget/staging/Success', '4w'],
    ]);
    expect(queries[0].windows).toEqual([
      '5m',
      '30m',
      '1h',
      '2h',
      '6h',
      '1d',
      '3d',
      '4w',
    ]);
    expect(queries[0].query).toContain(
      'label_replace(1 - ((sum(rate(ok{env="production"}[5m])) or vector(0)) / sum(rate(all{env="production"}[5m]))), "opskit_window", "5m", "", "") or label_replace(',
    );
    expect(queries[0].query!.match(/label_replace\(/g)).toHaveLength(8);
  });

  it('says which variable is unknown instead of asking', () => {
    const [query] = sliQueries(
      profileOf(
        `  - {name: S, indicator: availability, unit: percent, objective: ">=99%", window: 28d, environment: production, sli: {bad: 'e{x="$nope"}', total: t}}\n`,
      ),
    );
    expect(query.query).toBeUndefined();
    expect(query.error).toMatch(/^SLO "S": unknown variable \$nope/);
  });
});

describe('observeBudget', () => {
  const [query] = sliQueries(
    profileOf(
      `  - {name: S, indicator: availability, unit: percent, objective: ">=99.9%", window: 30d, environment: production, sli: {good: g, total: t}}\n`,
    ),
  );

  it('pages on a fast burn, with the budget left and when it runs out', () => {
    // 1.5 % errors for the last hour: 15× a 0.1 % budget; 0.05 % over the 30 days: half the budget left.
    const seen = observeBudget(query, {
      '5m': 0.015,
      '30m': 0.015,
      '1h': 0.015,
      '2h': 0.008,
      '6h': 0.004,
      '1d': 0.001,
      '3d': 0.0008,
      '30d': 0.0005,
    });
    expect(seen.remaining).toBeCloseTo(0.5, 10);
    expect(seen.exhausted).toBe(false);
    expect(seen.burnRates['1h']).toBeCloseTo(15, 10);
    expect(seen.firing).toEqual([
      { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
    ]);
    // Half of 30 days' budget at 15×: 24 hours.
    expect(seen.exhaustsInMs).toBeCloseTo(24 * HOUR, 0);
  });

  it('is exhausted when the window spent more than its budget, and knows nothing without events', () => {
    const over = observeBudget(query, { '30d': 0.002, '1h': 0 });
    expect(over.remaining).toBeCloseTo(-1, 10);
    expect(over.exhausted).toBe(true);
    expect(over.exhaustsInMs).toBe(0);
    const none = observeBudget(query, { '30d': NaN });
    expect(none).toMatchObject({
      badRatio: null,
      remaining: null,
      exhausted: false,
      firing: [],
    });
    expect(none.burnRates).toEqual({});
  });
});

describe('parseBudgetFactName', () => {
  it('reads back what budgetFactName wrote, SLO names with slashes included', () => {
    expect(
      parseBudgetFactName(budgetFactName('production', 'api/read')),
    ).toEqual({ environment: 'production', slo: 'api/read' });
    expect(parseBudgetFactName('slo/production/x')).toBeUndefined();
    expect(parseBudgetFactName('budget/production')).toBeUndefined();
    expect(parseBudgetFactName('budget//x')).toBeUndefined();
  });
});

describe("an SLO's own burn-rate alerts", () => {
  const [query] = sliQueries(
    profileOf(
      `  - {name: S, indicator: availability, unit: percent, objective: ">=99.9%", window: 30d, environment: production, sli: {good: g, total: t}, burnRateAlerts: [{severity: page, factor: 10, window: 45m, for: 2m}, {severity: sev3, factor: 2, window: 1d}]}\n`,
    ),
  );

  it('are measured over their own windows in the same query', () => {
    expect(query.windows).toContain('45m');
    expect(query.query).toContain('"opskit_window", "45m"');
  });

  it('fire instead of the default conditions, a severity other than page as a ticket', () => {
    // 1.2 % over 45m: 12× a 0.1 % budget; 0.3 % over 1d: 3×; the 5m/1h default page condition (15×) is not asked.
    const seen = observeBudget(query, {
      '5m': 0.015,
      '1h': 0.015,
      '45m': 0.012,
      '1d': 0.003,
      '30d': 0.0005,
    });
    expect(seen.firing).toEqual([
      { severity: 'page', long: '45m', short: '45m', factor: 10 },
      { severity: 'ticket', long: '1d', short: '1d', factor: 2 },
    ]);
    expect(
      observeBudget(query, { '45m': 0.009, '1d': 0.001, '30d': 0.0005 }).firing,
    ).toEqual([]);
  });
});
