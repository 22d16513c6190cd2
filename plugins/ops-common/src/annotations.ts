/**
 * Annotation keys OpsKit reads from catalog entities.
 *
 * Keys obey catalog-model's rules: one `/`, a name of at most 63 characters,
 * string values. Sections given as annotations hold YAML text (a block scalar
 * in catalog-info.yaml) and win over the descriptor file and org defaults.
 */

/**
 * The prefix of every OpsKit annotation.
 *
 * @public
 */
export const OPS_ANNOTATION_PREFIX = 'opskit.io/';

/**
 * Location of the ops descriptor, like `backstage.io/techdocs-ref` (`dir:.`, a relative path, `url:`).
 *
 * @public
 */
export const OPS_REF_ANNOTATION = 'opskit.io/ops-ref';
/**
 * The whole descriptor as YAML text: written by the catalog module from `ops-ref`, or inlined with `$text`.
 *
 * @public
 */
export const OPS_DESCRIPTOR_ANNOTATION = 'opskit.io/descriptor';
/**
 * Set by the catalog module when the descriptor named by `ops-ref` could not be read.
 *
 * @public
 */
export const OPS_DESCRIPTOR_ERROR_ANNOTATION = 'opskit.io/descriptor-error';
/**
 * Set by the catalog module when the descriptor came from a Markdown runbook:
 * JSON with the file (`path`, `url`), the issues only the Markdown can have
 * and the line of each descriptor path, so issues point into the runbook.
 *
 * @public
 */
export const OPS_DESCRIPTOR_FILE_ANNOTATION = 'opskit.io/descriptor-file';
/**
 * Location of OpenSLO v1 documents whose SLOs the entity has, read like
 * `opskit.io/ops-ref`: a relative file (`./slos.openslo.yaml`), `dir:./slos`
 * (every .yaml/.yml file in it holding OpenSLO), or `url:https://…` (one file).
 *
 * @public
 */
export const OPS_OPENSLO_REF_ANNOTATION = 'opskit.io/openslo-ref';
/**
 * OpenSLO v1 text (multi-document YAML): written by the catalog module from
 * `openslo-ref` and from a descriptor's `slos: {openslo: …}`, or inlined with
 * `$text`. Its SLOs join the profile's.
 *
 * @public
 */
export const OPS_OPENSLO_ANNOTATION = 'opskit.io/openslo';
/**
 * Set by the catalog module when the OpenSLO files could not be read.
 *
 * @public
 */
export const OPS_OPENSLO_ERROR_ANNOTATION = 'opskit.io/openslo-error';
/**
 * `tier-1` (most critical) to `tier-4`.
 *
 * @public
 */
export const OPS_TIER_ANNOTATION = 'opskit.io/tier';
/**
 * URL or TechDocs path of the published runbook.
 *
 * @public
 */
export const OPS_RUNBOOK_ANNOTATION = 'opskit.io/runbook';

/**
 * One annotation per descriptor section. The value is that section in YAML;
 * escalation also takes a short comma list (`group:oncall, user:jane`).
 *
 * @public
 */
export const OPS_SECTION_ANNOTATIONS = {
  environments: 'opskit.io/environments',
  deployment: 'opskit.io/deployment',
  slos: 'opskit.io/slos',
  monitoring: 'opskit.io/monitoring',
  logging: 'opskit.io/logging',
  severities: 'opskit.io/severities',
  escalation: 'opskit.io/escalation',
  backups: 'opskit.io/backups',
  recovery: 'opskit.io/recovery',
  versionHistory: 'opskit.io/version-history',
} as const;

/**
 * Annotations of other tools that OpsKit reuses by reference, so nobody has
 * to repeat them in ops.yaml.
 *
 * @public
 */
export const WELL_KNOWN_ANNOTATIONS = {
  pagerDutyServiceId: 'pagerduty.com/service-id',
  pagerDutyIntegrationKey: 'pagerduty.com/integration-key',
  opsgenieComponentSelector: 'opsgenie.com/component-selector',
  opsgenieTeam: 'opsgenie.com/team',
  grafanaDashboardSelector: 'grafana/dashboard-selector',
  grafanaAlertLabelSelector: 'grafana/alert-label-selector',
  techdocsRef: 'backstage.io/techdocs-ref',
  prometheusRule: 'prometheus.io/rule',
  prometheusAlert: 'prometheus.io/alert',
} as const;

/**
 * Every annotation key that makes an entity carry ops data.
 *
 * @public
 */
export const OPS_DATA_ANNOTATIONS: readonly string[] = [
  OPS_REF_ANNOTATION,
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_TIER_ANNOTATION,
  OPS_RUNBOOK_ANNOTATION,
  OPS_OPENSLO_REF_ANNOTATION,
  OPS_OPENSLO_ANNOTATION,
  ...Object.values(OPS_SECTION_ANNOTATIONS),
];

/**
 * The minimal entity shape OpsKit reads; any catalog `Entity` fits.
 *
 * @public
 */
export interface OpsEntityLike {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    annotations?: Record<string, unknown>;
  };
  spec?: Record<string, unknown> | unknown;
}

/**
 * True when the entity carries any OpsKit annotation. Frontends use it to show
 * the Ops tab; it never inspects the values (that is what validation is for).
 *
 * @public
 */
export function isOpsAvailable(entity: OpsEntityLike | undefined): boolean {
  const annotations = entity?.metadata?.annotations;
  if (!annotations || typeof annotations !== 'object') return false;
  return OPS_DATA_ANNOTATIONS.some(key =>
    Object.prototype.hasOwnProperty.call(annotations, key),
  );
}
