import type { z } from 'zod';
import type { sectionSchemas } from './schema';
import type { Tier } from './vocabulary';
import type { DescriptorFile } from './descriptorFile';

/**
 * Parsed, normalised sections of the ops model.
 *
 * @public
 */
export type Environment = z.output<typeof sectionSchemas.environments>[number];
/** @public */
export type Deployment = z.output<typeof sectionSchemas.deployment>;
/** @public */
export type ChecklistItem = NonNullable<Deployment['checklist']>[number];
/** @public */
export type Slo = z.output<typeof sectionSchemas.slos>[number];
/** @public */
export type Threshold = Slo['objective'];
/**
 * One of an SLO's own burn-rate alerts (from an OpenSLO alert policy, or written in ops.yaml).
 *
 * @public
 */
export type SloBurnRateAlert = NonNullable<Slo['burnRateAlerts']>[number];
/** @public */
export type Monitoring = z.output<typeof sectionSchemas.monitoring>;
/** @public */
export type Logging = z.output<typeof sectionSchemas.logging>;
/** @public */
export type Severity = z.output<typeof sectionSchemas.severities>[number];
/** @public */
export type EscalationLevel = z.output<
  typeof sectionSchemas.escalation
>[number];
/** @public */
export type Backup = z.output<typeof sectionSchemas.backups>[number];
/** @public */
export type Recovery = z.output<typeof sectionSchemas.recovery>;
/** @public */
export type VersionEntry = z.output<
  typeof sectionSchemas.versionHistory
>[number];

/** @public */
export type RunbookNote = z.output<typeof sectionSchemas.notes>[number];

/**
 * The sections, each optional: a service describes what it has.
 *
 * @public
 */
export interface OpsSections {
  environments?: Environment[];
  deployment?: Deployment;
  slos?: Slo[];
  monitoring?: Monitoring;
  logging?: Logging;
  severities?: Severity[];
  escalation?: EscalationLevel[];
  backups?: Backup[];
  recovery?: Recovery;
  versionHistory?: VersionEntry[];
  /** Chapters of an imported runbook that OpsKit does not read, kept verbatim. */
  notes?: RunbookNote[];
}

/**
 * Where a section's value came from; precedence is annotation over descriptor over defaults.
 *
 * @public
 */
export type SectionSource = 'annotation' | 'descriptor' | 'defaults';

/**
 * References to other tools' annotations, reused rather than repeated.
 *
 * @public
 */
export interface OpsReferences {
  pagerDutyServiceId?: string;
  pagerDutyIntegrationKey?: string;
  opsgenieComponentSelector?: string;
  opsgenieTeam?: string;
  grafanaDashboardSelector?: string;
  grafanaAlertLabelSelector?: string;
  techdocsRef?: string;
  prometheusRule?: string;
  prometheusAlert?: string;
}

/**
 * Everything OpsKit knows about one entity's operations, merged and validated.
 *
 * @public
 */
export interface OpsProfile extends OpsSections {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  /** The declared tier, or undefined when none was declared. */
  tier?: Tier;
  /** The tier whose policy applies: the declared one, else the configured fallback. */
  effectiveTier: Tier;
  runbook?: string;
  references: OpsReferences;
  /** Resource refs from `spec.dependsOn`: the data stores that need backups. */
  dataStores: string[];
  sources: Partial<
    Record<keyof OpsSections | 'tier' | 'runbook', SectionSource>
  >;
  /** The Markdown runbook the descriptor was imported from, when it was. */
  descriptorFile?: DescriptorFile;
}
