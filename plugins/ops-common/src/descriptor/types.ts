import type { z } from 'zod';
import type { sectionSchemas } from './schema';
import type { Tier } from './vocabulary';

/** Parsed, normalised sections of the ops model. */
export type Environment = z.output<typeof sectionSchemas.environments>[number];
export type Deployment = z.output<typeof sectionSchemas.deployment>;
export type ChecklistItem = NonNullable<Deployment['checklist']>[number];
export type Slo = z.output<typeof sectionSchemas.slos>[number];
export type Threshold = Slo['objective'];
export type Monitoring = z.output<typeof sectionSchemas.monitoring>;
export type Logging = z.output<typeof sectionSchemas.logging>;
export type Severity = z.output<typeof sectionSchemas.severities>[number];
export type EscalationLevel = z.output<
  typeof sectionSchemas.escalation
>[number];
export type Backup = z.output<typeof sectionSchemas.backups>[number];
export type Recovery = z.output<typeof sectionSchemas.recovery>;
export type VersionEntry = z.output<
  typeof sectionSchemas.versionHistory
>[number];

/** The sections, each optional: a service describes what it has. */
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
}

/** Where a section's value came from; precedence is annotation > descriptor > defaults. */
export type SectionSource = 'annotation' | 'descriptor' | 'defaults';

/** References to other tools' annotations, reused rather than repeated. */
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

/** Everything OpsKit knows about one entity's operations, merged and validated. */
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
}
