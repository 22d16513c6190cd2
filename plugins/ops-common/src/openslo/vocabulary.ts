/**
 * The words of OpenSLO v1 that OpsKit reads
 * (https://github.com/OpenSLO/OpenSLO, the v1 specification).
 */

/**
 * The only OpenSLO version OpsKit reads.
 *
 * @public
 */
export const OPENSLO_API_VERSION = 'openslo/v1';

/**
 * The kinds of OpenSLO v1 documents.
 *
 * @public
 */
export const OPENSLO_KINDS = [
  'SLO',
  'SLI',
  'AlertPolicy',
  'AlertCondition',
  'AlertNotificationTarget',
  'DataSource',
  'Service',
] as const;

/** @public */
export type OpenSloKind = (typeof OPENSLO_KINDS)[number];

export const BUDGETING_METHODS = [
  'Occurrences',
  'Timeslices',
  'RatioTimeslices',
] as const;

export const OPENSLO_OPERATORS = ['lt', 'lte', 'gt', 'gte'] as const;

export const RAW_TYPES = ['success', 'failure'] as const;

/** RFC 1123 labels, as OpenSLO requires every implementation to accept for names. */
export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

export const MAX_DISPLAY_NAME = 63;
export const MAX_DESCRIPTION = 1050;

/**
 * Metric source types whose queries are PromQL: the rest (Datadog,
 * CloudWatch, …) are read as OpenSLO but give OpsKit nothing to measure.
 */
export const PROMQL_SOURCE_TYPES = [
  'prometheus',
  'thanos',
  'cortex',
  'mimir',
  'victoriametrics',
] as const;

/**
 * Keys of an OpenSLO document's `metadata.annotations` that tell OpsKit what
 * OpenSLO has no field for.
 *
 * @public
 */
export const OPENSLO_OPSKIT_ANNOTATIONS = {
  /** The OpsKit indicator (`latency`, `error-rate`, …); default `availability` for ratios, `custom` for thresholds. */
  indicator: 'opskit.io/indicator',
  /** The unit of a threshold metric's value (`ms`, `s`, `percent`, …); default `count`, a plain number. */
  unit: 'opskit.io/unit',
  /** The environment the SLO is measured in; default every environment of the entity. */
  environment: 'opskit.io/environment',
} as const;
