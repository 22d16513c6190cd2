import type { EntityFact } from '../facts/liveFacts';
import { buildOpsProfile } from '../profile';
import { budgetSample, productionBudget } from './productionBudget';
import { observeBudget, sliQueries } from './sliMeasurement';

const profile = buildOpsProfile({
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      'opskit.io/descriptor': `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://x.example.com}
  - {name: staging, url: https://x.staging.example.com}
slos:
  - {name: availability, indicator: availability, unit: percent, objective: ">=99.9%", window: 30d, sli: {good: g, total: t}}
  - {name: errors, indicator: availability, unit: percent, objective: ">=99%", window: 30d, sli: {bad: b, total: t}}
  - {name: latency, indicator: latency, unit: ms, objective: "<200ms", query: q}
`,
    },
  },
  spec: {},
}).profile;

const queries = sliQueries(profile);

function budgetFact(
  environment: string,
  slo: string,
  ratios: Record<string, number>,
  extra: Partial<EntityFact> = {},
): EntityFact {
  const query = queries.find(
    q => q.environment === environment && q.slo.name === slo,
  )!;
  return {
    name: query.factName,
    provider: 'prometheus',
    value: observeBudget(query, ratios) as any,
    observedAt: '2026-12-01T10:00:00.000Z',
    checkedAt: '2026-12-01T10:00:00.000Z',
    stale: false,
    ...extra,
  };
}

describe('productionBudget', () => {
  it('is the production SLO with the least budget left, ignoring other environments', () => {
    const budget = productionBudget(profile, [
      budgetFact('production', 'availability', { '30d': 0.0005 }),
      budgetFact('production', 'errors', { '30d': 0.008 }),
      // Staging has spent everything: it must not count.
      budgetFact('staging', 'errors', { '30d': 0.5 }),
    ]);
    expect(budget).toMatchObject({
      environment: 'production',
      slo: 'errors',
      exhausted: false,
      paging: false,
      incomplete: false,
      total: 2,
      measured: 2,
    });
    expect(budget!.remaining).toBeCloseTo(0.2, 10);
  });

  it('says when production pages or is exhausted, and when its budgets are incomplete', () => {
    const budget = productionBudget(profile, [
      budgetFact('production', 'availability', {
        '30d': 0.002,
        '1h': 0.02,
        '5m': 0.02,
      }),
      budgetFact(
        'production',
        'errors',
        { '30d': 0 },
        { stale: true, error: 'Prometheus down' },
      ),
    ]);
    expect(budget).toMatchObject({
      slo: 'availability',
      exhausted: true,
      paging: true,
      incomplete: true,
      measured: 2,
    });
    expect(budget!.remaining).toBeCloseTo(-1, 10);
  });

  it('has no remaining share before anything is measured, and nothing without an SLI', () => {
    expect(productionBudget(profile, [])).toMatchObject({
      slo: 'availability',
      remaining: null,
      measured: 0,
      incomplete: true,
      observedAt: null,
    });
    const { profile: plain } = buildOpsProfile({
      kind: 'Component',
      metadata: { name: 'plain' },
      spec: {},
    });
    expect(productionBudget(plain, [])).toBeUndefined();
  });
});

describe('budgetSample', () => {
  it('samples a fresh budget under its UTC day, and nothing else', () => {
    const fact = budgetFact(
      'production',
      'availability',
      { '30d': 0.0005 },
      { observedAt: '2026-12-01T23:30:00.000-02:00' },
    );
    expect(budgetSample(fact)).toEqual({
      day: '2026-12-02',
      remaining: expect.closeTo(0.5, 10),
      observedAt: '2026-12-01T23:30:00.000-02:00',
    });
    expect(budgetSample({ ...fact, stale: true })).toBeUndefined();
    expect(budgetSample({ ...fact, name: 'slo/production/x' })).toBeUndefined();
    expect(
      budgetSample(
        budgetFact('production', 'availability', { '30d': Number.NaN }),
      ),
    ).toBeUndefined();
  });
});
