import type { OpsDefaults } from '../defaults';
import type { Slo } from '../descriptor/types';
import { OPS_API_VERSION, OPS_KIND, type Tier } from '../descriptor/vocabulary';
import { validateOpsDescriptor } from '../descriptor/parseDescriptor';
import { writeYaml } from '../descriptor/yaml';
import type { OpsIssue } from '../validation/issues';

/**
 * What a template asks a team for; everything else comes from the org defaults of the tier.
 *
 * @public
 */
export interface DescriptorInputs {
  tier: Tier;
  environments?: Array<{ name: string; url?: string; purpose?: string }>;
  /** The owner's on-call group: the first escalation level. */
  onCallGroup?: string;
  /** Further escalation levels, after the on-call group. */
  escalation?: Array<string | { targets: string | string[]; after?: string }>;
  /** Overrides of the tier's default SLOs by name; unknown names are added. */
  slos?: Array<Record<string, unknown> & { name: string }>;
  backups?: Array<Record<string, unknown>>;
  runbook?: string;
  /** First version entry; omitted when not given. */
  version?: { version: string; date: string; author?: string };
  /**
   * A descriptor to start from (a team's existing runbook, imported): its
   * sections replace the org defaults; the inputs above still win.
   */
  base?: Record<string, unknown>;
  /** Where `base` came from, for the file's header (`docs/runbook.md`). */
  baseSource?: string;
}

/** @public */
export interface CreatedDescriptor {
  /** The descriptor as written (plain data, the `ops.yaml` shape). */
  descriptor: Record<string, unknown>;
  /** `ops.yaml` text, with a header saying where it came from. */
  text: string;
  /** Validation of the result; callers refuse to write when any is an error. */
  issues: OpsIssue[];
}

/** A parsed SLO back in the shape people write (`objective: {op, value}`). */
function writtenSlo(slo: Slo): Record<string, unknown> {
  const threshold = (t: { op: string; value: number; for?: string }) => ({
    op: t.op,
    value: t.value,
    ...(t.for ? { for: t.for } : {}),
  });
  return {
    name: slo.name,
    indicator: slo.indicator,
    unit: slo.unit,
    objective: threshold(slo.objective),
    ...(slo.alert
      ? {
          alert: threshold(
            slo.alert as { op: string; value: number; for?: string },
          ),
        }
      : {}),
    ...(slo.window ? { window: slo.window } : {}),
    ...(slo.query ? { query: slo.query } : {}),
    ...(slo.environment ? { environment: slo.environment } : {}),
  };
}

const compact = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(
    Object.entries(value).filter(
      ([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0),
    ),
  ) as T;

/**
 * A new service's `ops.yaml`: the org defaults for its tier (SLOs, severities,
 * logging, checklist) merged with what the template asked, then validated
 * with the same rules the catalog applies. The scaffolder writes it only when
 * no issue is an error.
 *
 * @public
 */
export function createOpsDescriptor(
  defaults: OpsDefaults,
  inputs: DescriptorInputs,
  options: { now?: number } = {},
): CreatedDescriptor {
  const policy = defaults.tiers[inputs.tier];
  const base = (inputs.base ?? {}) as Record<string, any>;
  const slos: Array<Record<string, unknown>> = Array.isArray(base.slos)
    ? base.slos.map((slo: Record<string, unknown>) => ({ ...slo }))
    : (policy?.slos ?? []).map(writtenSlo);
  for (const override of inputs.slos ?? []) {
    const index = slos.findIndex(slo => slo.name === override.name);
    if (index >= 0) slos[index] = { ...slos[index], ...override };
    else slos.push(override);
  }
  const asked = [
    ...(inputs.onCallGroup
      ? [{ targets: [inputs.onCallGroup], after: '15m' }]
      : []),
    ...(inputs.escalation ?? []),
  ];
  const escalation = asked.length ? asked : base.incident?.escalation ?? [];
  const versionHistory = [
    ...(inputs.version
      ? [
          compact({
            ...inputs.version,
            changes: [
              inputs.base
                ? 'Descriptor created from the runbook'
                : 'Created from the service template',
            ],
          }),
        ]
      : []),
    ...(Array.isArray(base.versionHistory) ? base.versionHistory : []),
  ];
  const descriptor = compact({
    apiVersion: OPS_API_VERSION,
    kind: OPS_KIND,
    tier: inputs.tier,
    runbook: inputs.runbook ?? base.runbook,
    environments:
      inputs.environments?.map(env => compact({ ...env })) ?? base.environments,
    deployment: {
      ...base.deployment,
      checklist:
        base.deployment?.checklist ??
        defaults.checklist.map(item => ({ ...item })),
    },
    slos,
    monitoring: base.monitoring,
    logging: base.logging ?? { ...defaults.logging },
    incident: compact({
      severities:
        base.incident?.severities ??
        defaults.severities.map(s => compact({ ...s })),
      escalation,
    }),
    backups: inputs.backups ?? base.backups,
    recovery: base.recovery,
    versionHistory: versionHistory.length ? versionHistory : undefined,
    notes: base.notes,
  });
  const { issues } = validateOpsDescriptor(descriptor, { now: options.now });
  const header = [
    inputs.base
      ? `# Operations descriptor, written from ${
          inputs.baseSource ?? 'the runbook'
        } and the organisation's ${inputs.tier} defaults.`
      : `# Operations descriptor, written from the organisation's ${inputs.tier} defaults.`,
    '# Edit it freely: the catalog reads it through opskit.io/ops-ref and the Ops tab shows it.',
    '# Reference: the OpsKit README, "ops.yaml reference".',
    '',
  ].join('\n');
  return { descriptor, text: header + writeYaml(descriptor), issues };
}
