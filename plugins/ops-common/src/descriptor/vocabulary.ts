import { lookupTable } from '../lookupTable';
/**
 * The closed vocabularies of the ops model. They follow established standards
 * (OpenSLO operators, PagerDuty escalation policies, GitHub environments) so
 * nobody learns a new language to describe a service.
 *
 * @public
 */

export const TIERS = ['tier-1', 'tier-2', 'tier-3', 'tier-4'] as const;
/** @public */
export type Tier = (typeof TIERS)[number];

/** @public */
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
/** @public */
export type Indicator = (typeof INDICATORS)[number];

/** @public */
export const UNITS = ['ms', 's', 'percent', 'ratio', 'count', 'rps'] as const;
/** @public */
export type Unit = (typeof UNITS)[number];

/**
 * Comparison operators, as in OpenSLO.
 *
 * @public
 */
export const OPERATORS = ['lt', 'lte', 'gt', 'gte'] as const;
/** @public */
export type Operator = (typeof OPERATORS)[number];

/**
 * How thresholds are written in runbooks and shorthand: `<200ms`, `≥ 99.9%`.
 *
 * @public
 */
export const OPERATOR_SYMBOLS: Readonly<Record<string, Operator>> = lookupTable(
  {
    '<': 'lt',
    '<=': 'lte',
    '≤': 'lte',
    '>': 'gt',
    '>=': 'gte',
    '≥': 'gte',
  },
);

/** @public */
export const TOOL_PURPOSES = [
  'metrics',
  'visualization',
  'alerting',
  'logging',
  'tracing',
] as const;
/** @public */
export type ToolPurpose = (typeof TOOL_PURPOSES)[number];

/** @public */
export const LOG_FORMATS = ['json', 'text'] as const;
/** @public */
export const LOG_LEVELS = [
  'trace',
  'debug',
  'info',
  'warn',
  'error',
  'fatal',
] as const;
/**
 * Fields a structured log line needs to be useful during an incident.
 *
 * @public
 */
export const REQUIRED_LOG_FIELDS = [
  'timestamp',
  'level',
  'service',
  'message',
  'context',
] as const;

/** @public */
export const BACKUP_SCHEDULES = [
  'hourly',
  'daily',
  'weekly',
  'monthly',
] as const;

/**
 * Checklist items every deployment is expected to carry.
 *
 * @public
 */
export const STANDARD_CHECKLIST_IDS = [
  'tests-passing',
  'code-reviewed',
  'migrations-ready',
  'rollback-plan',
] as const;

/** @public */
export const OPS_API_VERSION = 'opskit.io/v1';
/** @public */
export const OPS_KIND = 'OpsDescriptor';
