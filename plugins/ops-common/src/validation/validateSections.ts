import type { IndexMaps } from '../descriptor/parseSection';
import type { OpsSections } from '../descriptor/types';
import { validateBackups, validateRecovery } from './dataRules';
import { validateEscalation, validateSeverities } from './incidentRules';
import type { OpsIssue } from './issues';
import { RuleContext, type RuleSection } from './ruleContext';
import {
  validateDeployment,
  validateEnvironments,
  validateLogging,
  validateMonitoring,
  validateVersionHistory,
} from './sectionRules';
import { validateSlos } from './sloRules';
import { sanitizeRunbook, sanitizeUrls } from './urlRules';

/** @public */
export interface SectionLocator {
  (section: RuleSection): {
    prefix: string;
    source?: string;
    indexMaps?: IndexMaps;
  };
}

/** Default locations: section names as paths, as in an ops.yaml without `incident:`. */
export const plainLocator: SectionLocator = section => ({ prefix: section });

/**
 * Runs every cross-field rule on structurally valid sections. Returns the
 * issues and the sections with unsafe URLs removed.
 *
 * @public
 */
export function validateSections(
  sections: OpsSections & { runbook?: string },
  options: { now?: number; locate?: SectionLocator } = {},
): { sections: OpsSections & { runbook?: string }; issues: OpsIssue[] } {
  const ctx = new RuleContext(
    options.now ?? Date.now(),
    options.locate ?? plainLocator,
  );
  const environments = new Set((sections.environments ?? []).map(e => e.name));
  validateEnvironments(ctx, sections.environments);
  validateDeployment(ctx, sections.deployment, environments);
  validateSlos(ctx, sections.slos, environments);
  validateMonitoring(ctx, sections.monitoring, environments);
  validateLogging(ctx, sections.logging);
  validateSeverities(ctx, sections.severities);
  validateEscalation(ctx, sections.escalation);
  validateBackups(ctx, sections.backups);
  validateRecovery(ctx, sections.recovery);
  validateVersionHistory(ctx, sections.versionHistory);
  const clean = sanitizeUrls(ctx, sections);
  const runbook = sanitizeRunbook(ctx, sections.runbook);
  return { sections: { ...clean, runbook }, issues: ctx.issues };
}
