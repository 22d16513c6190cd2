import { z } from 'zod';
import { parseDuration } from '../durations';
import {
  BACKUP_SCHEDULES,
  INDICATORS,
  LOG_FORMATS,
  OPERATORS,
  OPERATOR_SYMBOLS,
  OPS_API_VERSION,
  OPS_KIND,
  TIERS,
  TOOL_PURPOSES,
  UNITS,
} from './vocabulary';

/**
 * The zod schemas of `ops.yaml`, section by section. They check structure only;
 * rules that relate fields (an alert on the wrong side of its objective,
 * severities out of order, …) live in `validation/` and run on the parsed value.
 * Objects strip unknown keys; the unknown-key pass reports them with a
 * "did you mean" so a typo is a warning, not a lost section.
 */

const text = z.string().trim().min(1, 'must not be empty');

/** A duration, stored normalised (`60m` → `1h`); `1M` and bare numbers refused. */
export const durationSchema = z
  .string()
  .describe(
    'A duration: a whole number and ms, s, m, h, d or w ("15m", "30d"), or ISO-8601 ("PT15M")',
  )
  .transform((value, ctx) => {
    const result = parseDuration(value);
    if (!result.ok) {
      ctx.addIssue({ code: 'custom', message: result.message });
      return z.NEVER;
    }
    return result.normalized;
  });

/** A URL as written; its scheme is checked by the URL rule, which also strips unsafe ones. */
const url = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .describe('An https URL');

export const environmentSchema = z.object({
  name: z
    .string()
    .regex(
      /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
      'must be a DNS label: lower-case letters, digits and "-", at most 63 characters, e.g. "production"',
    )
    .describe('Unique name, a DNS label such as "production"'),
  purpose: text.optional().describe('What this environment is for'),
  url: url.optional(),
});

export const checklistItemSchema = z.object({
  id: z
    .string()
    .regex(
      /^[a-z0-9]+(-[a-z0-9]+)*$/,
      'must be a lower-case slug such as "tests-passing"',
    )
    .describe(
      'Stable id; standard ones: tests-passing, code-reviewed, migrations-ready, rollback-plan',
    ),
  title: text,
  required: z.boolean().default(true),
});

export const deploymentProcessSchema = z.object({
  environment: z
    .string()
    .optional()
    .describe(
      'Environment these steps deploy to; omit for steps that apply to all',
    ),
  steps: z.array(text).min(1, 'needs at least one step'),
  commands: z.array(text).optional(),
});

/**
 * One step as a runbook's code block writes it (`# Deploy to staging` then
 * its commands): `{ name, command | commands, environment? }`.
 */
export const deploymentStepSchema = z.object({
  name: text.describe('What the step does, e.g. "Deploy to staging"'),
  command: text.optional(),
  commands: z.array(text).optional(),
  environment: z
    .string()
    .optional()
    .describe('Environment the step deploys to; omit for steps of every one'),
});

type ProcessGroup = z.output<typeof deploymentProcessSchema>;

/**
 * The process as the rest of OpsKit reads it: consecutive steps for the same
 * environment form one group, so both forms render and score alike.
 */
function groupSteps(
  items: (ProcessGroup | z.output<typeof deploymentStepSchema>)[],
): ProcessGroup[] {
  const out: ProcessGroup[] = [];
  let open: ProcessGroup | undefined;
  for (const item of items) {
    if (!('name' in item)) {
      out.push(item);
      open = undefined;
      continue;
    }
    const commands = [
      ...(item.command ? [item.command] : []),
      ...(item.commands ?? []),
    ];
    if (!open || open.environment !== item.environment) {
      open = {
        ...(item.environment !== undefined
          ? { environment: item.environment }
          : {}),
        steps: [],
      };
      out.push(open);
    }
    open.steps.push(item.name);
    if (commands.length)
      open.commands = [...(open.commands ?? []), ...commands];
  }
  return out;
}

const rollbackObject = z.object({
  steps: z.array(text).min(1, 'needs at least one step'),
  automated: z.boolean().optional(),
});

export const deploymentSchema = z.object({
  process: z
    .array(z.union([deploymentProcessSchema, deploymentStepSchema]))
    .transform(groupSteps)
    .optional(),
  rollback: z
    .union([
      text.transform(
        step => ({ steps: [step] } as { steps: string[]; automated?: boolean }),
      ),
      rollbackObject,
    ])
    .optional(),
  checklist: z.array(checklistItemSchema).optional(),
});

const thresholdObject = z.object({
  op: z.enum(OPERATORS),
  value: z.number(),
});

const SHORTHAND =
  /^(<=|>=|<|>|≤|≥)\s*(-?[0-9]+(?:\.[0-9]+)?)\s*(ms|s|%|percent|ratio|count|rps)?$/;

/** `"<200ms"`, `">= 99.9%"`: the runbook's own way of writing a threshold. */
const thresholdShorthand = z.string().transform((value, ctx) => {
  const match = SHORTHAND.exec(value.trim());
  if (!match) {
    ctx.addIssue({
      code: 'custom',
      message: `"${value}" is not a threshold; write an operator and a number such as "<200ms" or ">= 99.9%", or {op: lt, value: 200}`,
    });
    return z.NEVER;
  }
  const unit = match[3] === '%' ? 'percent' : match[3];
  return {
    op: OPERATOR_SYMBOLS[match[1]],
    value: Number(match[2]),
    ...(unit ? { writtenUnit: unit } : {}),
  };
});

export const objectiveSchema = z.union([thresholdShorthand, thresholdObject]);

export const alertSchema = z.union([
  thresholdShorthand,
  thresholdObject.extend({ for: durationSchema.optional() }),
]);

const promql = text.describe('PromQL returning a count of events');

/**
 * What an SLO measures to budget errors: a ratio of event counts (OpenSLO's
 * ratioMetric: good or bad over total) or a latency threshold over a
 * Prometheus histogram (the share of requests in the `le` bucket nearest the
 * threshold).
 */
export const sliSchema = z.union([
  z.object({ good: promql, total: promql }),
  z.object({ bad: promql, total: promql }),
  z.object({
    histogram: z
      .string()
      .regex(
        /^[a-zA-Z_:][a-zA-Z0-9_:]*$/,
        'is not a Prometheus metric name (letters, digits, _ and :)',
      )
      .describe('The histogram metric, without _bucket'),
    threshold: durationSchema.describe(
      'Requests faster than this are good: "200ms"',
    ),
    selector: text
      .optional()
      .describe('Label matchers for the series: job="payments-api"'),
  }),
]);

/**
 * One burn-rate alert of an SLO's own (an OpenSLO AlertCondition, or written
 * in ops.yaml): it fires when the error ratio over `window` exceeds
 * `factor` × the error budget for `for`. An SLO that has them gets these
 * instead of the default multiwindow alerts.
 */
export const burnRateAlertSchema = z.object({
  severity: text.describe(
    "The alert's severity label: page, ticket, or your own (sev1)",
  ),
  factor: z
    .number()
    .positive('must be above 0: 1 spends the budget exactly over the window')
    .describe('Fires when the budget burns this many times too fast (14.4)'),
  window: durationSchema.describe(
    'The error ratio is measured over this window ("1h")',
  ),
  for: durationSchema
    .optional()
    .describe('How long the burn must last before the alert fires ("5m")'),
});

export const sloSchema = z.object({
  name: text,
  indicator: z.enum(INDICATORS),
  unit: z.enum(UNITS),
  objective: objectiveSchema,
  alert: alertSchema.optional(),
  window: durationSchema.optional(),
  query: text.optional().describe('PromQL that yields the current value'),
  sli: sliSchema.optional(),
  environment: z.string().optional(),
  burnRateAlerts: z
    .array(burnRateAlertSchema)
    .min(1, 'needs at least one alert; leave it out for the default ones')
    .optional()
    .describe(
      "This SLO's own burn-rate alerts, instead of the default multiwindow ones",
    ),
});

/**
 * `slos: {openslo: slos.yaml}`: the SLOs are OpenSLO v1 documents in a file
 * beside ops.yaml (the catalog module and the CLI read it).
 */
export const openSloSlosSchema = z.object({
  openslo: text.describe(
    'Path of an OpenSLO v1 file, relative to ops.yaml ("slos/openslo.yaml")',
  ),
});

export const monitoringToolSchema = z.object({
  name: text,
  purpose: z.enum(TOOL_PURPOSES),
  url: url.optional(),
});

export const dashboardSchema = z.object({
  name: text,
  url,
  environment: z.string().optional(),
});

export const monitoringSchema = z.object({
  tools: z.array(monitoringToolSchema).optional(),
  dashboards: z.array(dashboardSchema).optional(),
});

export const loggingSchema = z.object({
  // `ERROR`, `WARN` as runbooks write them: the same levels, stored lower-case.
  levels: z.array(text.transform(level => level.toLowerCase())).optional(),
  format: z.enum(LOG_FORMATS).optional(),
  fields: z.array(text).optional(),
  retention: durationSchema.optional(),
});

export const severitySchema = z.object({
  id: text.describe('P1 is the most severe'),
  description: text.optional(),
  responseTime: z.union([z.literal('best-effort'), durationSchema]),
});

/** One escalation level (PagerDuty's shape); a bare string is a level of one target. */
export const escalationLevelSchema = z.union([
  text.transform(
    target => ({ targets: [target] } as { targets: string[]; after?: string }),
  ),
  z.object({
    targets: z
      .union([text.transform(t => [t]), z.array(text)])
      .describe('Entity refs (group:payments-oncall, user:jane) or names'),
    after: durationSchema
      .optional()
      .describe('Escalate after this long without acknowledgement'),
  }),
]);

const cron = /^(\S+\s+){4}\S+$/;
export const backupSchema = z.object({
  data: text.describe(
    'The data store, e.g. resource:payments-db or "orders database"',
  ),
  schedule: z
    .string()
    .refine(
      s =>
        (BACKUP_SCHEDULES as readonly string[]).includes(s) ||
        cron.test(s.trim()),
      'must be hourly, daily, weekly, monthly or a 5-field cron expression',
    ),
  retention: durationSchema,
  rpo: durationSchema.optional(),
  rto: durationSchema.optional(),
  tool: text.optional(),
  freshness: text
    .optional()
    .describe(
      "PromQL returning the age in seconds of the last successful backup, or its Unix time (Velero's velero_backup_last_successful_timestamp)",
    ),
});

export const recoverySchema = z.object({
  steps: z.array(text).optional(),
  lastTested: z
    .string()
    .regex(
      /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/,
      'must be a date such as 2026-03-01',
    )
    .refine(s => !Number.isNaN(Date.parse(s)), 'is not a real date')
    .optional(),
  rto: durationSchema.optional(),
});

export const versionEntrySchema = z.object({
  version: text,
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'must be a date such as 2026-03-01')
    .optional(),
  author: text.optional(),
  changes: z.union([text.transform(c => [c]), z.array(text)]).optional(),
});

/** A chapter of the runbook OpsKit does not read, kept verbatim (Markdown) so the rendered runbook still shows it. */
export const noteSchema = z.object({
  title: text,
  body: text.describe('Markdown, as the runbook wrote it'),
});

export const tierSchema = z.enum(TIERS);

/**
 * Each section with its schema; the parser validates them one by one.
 *
 * @public
 */
export const sectionSchemas = {
  environments: z.array(environmentSchema),
  deployment: deploymentSchema,
  slos: z.array(sloSchema),
  monitoring: monitoringSchema,
  logging: loggingSchema,
  severities: z.array(severitySchema),
  escalation: z.array(escalationLevelSchema),
  backups: z.array(backupSchema),
  recovery: recoverySchema,
  versionHistory: z.array(versionEntrySchema),
  notes: z.array(noteSchema),
} as const;

/** @public */
export type SectionName = keyof typeof sectionSchemas;
/** @public */
export const SECTION_NAMES = Object.keys(sectionSchemas) as SectionName[];

/**
 * The whole `ops.yaml`, used for the JSON Schema that editors read.
 *
 * @public
 */
export const descriptorSchema = z
  .object({
    apiVersion: z.literal(OPS_API_VERSION),
    kind: z.literal(OPS_KIND),
    tier: tierSchema.optional(),
    runbook: text
      .optional()
      .describe('URL or TechDocs path of the published runbook'),
    environments: sectionSchemas.environments.optional(),
    deployment: sectionSchemas.deployment.optional(),
    slos: z.union([sectionSchemas.slos, openSloSlosSchema]).optional(),
    monitoring: sectionSchemas.monitoring.optional(),
    logging: sectionSchemas.logging.optional(),
    incident: z
      .object({
        severities: sectionSchemas.severities.optional(),
        escalation: sectionSchemas.escalation.optional(),
      })
      .optional(),
    backups: sectionSchemas.backups.optional(),
    recovery: sectionSchemas.recovery.optional(),
    versionHistory: sectionSchemas.versionHistory.optional(),
    notes: sectionSchemas.notes.optional(),
  })
  .describe('OpsKit operations descriptor (ops.yaml)');
