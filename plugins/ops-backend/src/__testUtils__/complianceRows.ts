import type { ComplianceRow } from '../database/OpsStore';

/** A stored compliance row of `component:default/<name>`: team-a's bronze service. */
export function row(
  name: string,
  overrides: Partial<ComplianceRow> = {},
): ComplianceRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/team-a',
    system: 'system:default/shop',
    tier: 'tier-2',
    declaredTier: true,
    title: undefined,
    score: 50,
    level: 'bronze',
    scorecards: {
      deployment: { score: 60, level: 'silver' },
      monitoring: { score: 40, level: 'bronze' },
    },
    failingChecks: ['slo-indicators'],
    warningChecks: [],
    errorCount: 0,
    warningCount: 1,
    ...overrides,
  };
}
