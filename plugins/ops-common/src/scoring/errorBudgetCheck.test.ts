import { observeBudget, sliQueries } from '../budgets/sliMeasurement';
import type { EntityFact } from '../facts/liveFacts';
import { descriptorProfile } from '../__testUtils__/descriptorProfile';
import { errorBudgetLeftCheck } from './errorBudgetCheck';

const profile = descriptorProfile(`environments:
  - {name: production, url: https://x.example.com}
slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 30d, sli: {good: g, total: t}}
`);
const [query] = sliQueries(profile);

function fact(
  ratios: Record<string, number> | null,
  extra: Partial<EntityFact> = {},
): EntityFact {
  return {
    provider: 'prometheus',
    name: query.factName,
    value: ratios ? ({ ...observeBudget(query, ratios) } as any) : null,
    observedAt: '2026-12-04T10:00:00Z',
    checkedAt: '2026-12-04T10:00:00Z',
    stale: false,
    ...extra,
  };
}
const evaluate = (live?: EntityFact[]) =>
  errorBudgetLeftCheck.evaluate({
    profile,
    facts: { live },
    now: 0,
  } as any);

describe('error budget left in production', () => {
  it('passes with budget left, warns on a page-level burn, fails when exhausted', () => {
    expect(
      evaluate([fact({ '30d': 0.0004, '1h': 0.0005, '5m': 0.0005 })]),
    ).toEqual({
      status: 'pass',
      message: 'budget left in production: Success 60 % left',
    });
    expect(evaluate([fact({ '30d': 0.0004, '1h': 0.02, '5m': 0.02 })])).toEqual(
      {
        status: 'warn',
        message: 'Success burns 14.4× too fast over 1h and 5m (60 % left)',
      },
    );
    expect(evaluate([fact({ '30d': 0.0015 })])).toEqual({
      status: 'fail',
      message: 'Success has spent its 30d budget (50 % over)',
    });
  });

  it('warns when the measurement is stale or saw no events, and does not apply before one or without an SLI', () => {
    expect(
      evaluate([
        fact(
          { '30d': 0.0004 },
          { stale: true, error: 'Prometheus is unreachable' },
        ),
      ]),
    ).toEqual({
      status: 'warn',
      message:
        'unknown in production: Success (stale: Prometheus is unreachable)',
    });
    expect(evaluate([fact({ '30d': NaN })]).status).toBe('warn');
    expect(evaluate([])).toEqual({
      status: 'not-applicable',
      message: 'not measured yet: Success',
    });
    expect(
      errorBudgetLeftCheck.evaluate({
        profile: { ...profile, slos: [] },
        facts: {},
        now: 0,
      } as any),
    ).toEqual({
      status: 'not-applicable',
      message: 'no production SLO has an SLI to budget',
    });
  });
});
