import { prometheusRules } from '../budgets/prometheusRules';
import {
  entityAlerts,
  rulesFactName,
  type DeployedAlert,
} from '../budgets/deployedRules';
import type { EntityFact } from '../facts/liveFacts';
import { descriptorProfile } from '../__testUtils__/descriptorProfile';
import { alertsDeployedCheck } from './alertsDeployedCheck';

const profile = descriptorProfile(`environments:
  - {name: production, url: https://x.example.com}
slos:
  - {name: Latency, indicator: latency, unit: ms, objective: "<200ms", alert: {op: gt, value: 500, for: 5m}, query: 'max(latency_ms{env="$environment"})'}
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, sli: {good: g, total: t}}
`);

/** The alerts `opskit rules` writes, as /api/v1/rules lists them. */
const generated: DeployedAlert[] = prometheusRules(profile).groups.flatMap(g =>
  g.rules
    .filter(r => r.alert)
    .map(r => ({
      name: r.alert!,
      labels: r.labels ?? {},
      expr: r.expr,
      state: 'inactive',
      firing: 0,
    })),
);
const fact = (
  alerts: DeployedAlert[] | null,
  extra: Partial<EntityFact> = {},
): EntityFact => ({
  provider: 'prometheus',
  name: rulesFactName('production'),
  value: alerts ? ({ alerts } as any) : null,
  observedAt: null,
  checkedAt: '2026-12-04T10:00:00Z',
  stale: false,
  ...extra,
});
const evaluate = (live?: EntityFact[]) =>
  alertsDeployedCheck.evaluate({ profile, facts: { live }, now: 0 } as any);

describe('declared alerts are deployed', () => {
  it('passes when every declared alert is loaded, and counts what fires', () => {
    expect(evaluate([fact(generated)])).toEqual({
      status: 'pass',
      message: '5 alert(s) loaded in production',
    });
    const firing = generated.map((a, i) =>
      i === 0 ? { ...a, state: 'firing', firing: 1 } : a,
    );
    expect(evaluate([fact(firing)]).message).toBe(
      '5 alert(s) loaded in production, 1 firing',
    );
  });

  it('names each alert that is missing', () => {
    expect(evaluate([fact([])])).toEqual({
      status: 'fail',
      message: `not loaded in production's Prometheus: the alert of "Latency" (> 500 ms for 5m) and the burn-rate page alerts of "Success"; label hand-written rules opskit_entity and opskit_slo`,
    });
    // Tickets alone do not page.
    const tickets = generated.filter(
      a => a.labels.severity !== 'page' || a.name === 'OpsKitSloThreshold',
    );
    expect(evaluate([fact(tickets)]).message).toBe(
      `not loaded in production's Prometheus: the burn-rate page alerts of "Success"; label hand-written rules opskit_entity and opskit_slo`,
    );
  });

  it('matches a hand-written rule by its expression, and only the entity’s own rules', () => {
    const handWritten: DeployedAlert = {
      name: 'LatencyHigh',
      labels: { team: 'payments' },
      expr: 'max(latency_ms{env="production"})  > 500',
      state: 'inactive',
      firing: 0,
    };
    const other: DeployedAlert = {
      ...handWritten,
      name: 'Other',
      expr: 'up == 0',
    };
    expect(entityAlerts(profile, 'production', [handWritten, other])).toEqual([
      handWritten,
    ]);
    // The same entity's rule for another environment, in a Prometheus that serves both, is not production's.
    const staging = {
      ...generated[0],
      labels: { ...generated[0].labels, opskit_environment: 'staging' },
      expr: generated[0].expr.replace('"production"', '"staging"'),
    };
    expect(entityAlerts(profile, 'production', [staging])).toEqual([]);
    const pages = generated.filter(a => a.name === 'OpsKitErrorBudgetBurn');
    expect(evaluate([fact([handWritten, ...pages])]).status).toBe('pass');
  });

  it('warns on a stale or unknown list and does not apply before it is read', () => {
    expect(evaluate([fact(generated, { stale: true, error: 'down' })])).toEqual(
      {
        status: 'warn',
        message: '5 alert(s) loaded in production (stale: down)',
      },
    );
    expect(evaluate([fact(null, { error: 'bad' })]).status).toBe('warn');
    expect(evaluate([]).status).toBe('not-applicable');
  });
});
