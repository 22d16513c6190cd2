/**
 * The closed vocabularies of the ops model. They follow established standards
 * (OpenSLO operators, PagerDuty escalation policies, GitHub environments) so
 * nobody learns a new language to describe a service.
 */

export const TIERS = ['tier-1', 'tier-2', 'tier-3', 'tier-4'] as const;
export type Tier = (typeof TIERS)[number];

export const INDICATORS = [
  'latency',
  'error-rate',
  'availability',
  'throughput',
  'saturation',
  'freshness',
  'correctness',
  'custom',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const UNITS = ['ms', 's', 'percent', 'ratio', 'count', 'rps'] as const;
export type Unit = (typeof UNITS)[number];

/** Comparison operators, as in OpenSLO. */
export const OPERATORS = ['lt', 'lte', 'gt', 'gte'] as const;
export type Operator = (typeof OPERATORS)[number];

export const TOOL_PURPOSES = [
  'metrics',
  'visualization',
  'alerting',
  'logging',
  'tracing',
] as const;
export type ToolPurpose = (typeof TOOL_PURPOSES)[number];

export const LOG_FORMATS = ['json', 'text'] as const;
export const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;
/** Fields a structured log line needs to be useful during an incident. */
export const REQUIRED_LOG_FIELDS = [
  'timestamp',
  'level',
  'service',
  'message',
  'context',
] as const;

export const BACKUP_SCHEDULES = [
  'hourly',
  'daily',
  'weekly',
  'monthly',
] as const;

/** Checklist items every deployment is expected to carry. */
export const STANDARD_CHECKLIST_IDS = [
  'tests-passing',
  'code-reviewed',
  'migrations-ready',
  'rollback-plan',
] as const;

export const OPS_API_VERSION = 'opskit.io/v1';
export const OPS_KIND = 'OpsDescriptor';
