import type { OpsProfile } from '../descriptor/types';
import type { EntityFact } from '../facts/liveFacts';
import { sloQueries } from '../facts/sloFacts';
import { describeAlert } from '../validation/sloRules';
import { sliQueries } from './sliMeasurement';

/**
 * One alerting rule loaded in Prometheus (from `/api/v1/rules`), as much
 * of it as drift checks and the Ops tab need.
 *
 * @public
 */
export interface DeployedAlert {
  name: string;
  labels: Record<string, string>;
  expr: string;
  /** inactive, pending or firing. */
  state: string;
  /** Active alerts of this rule that are firing now. */
  firing: number;
}

/**
 * The fact the deployed alerts of an entity are stored as, per environment.
 *
 * @public
 */
export function rulesFactName(environment: string): string {
  return `rules/${environment}`;
}

const squeezed = (text: string) => text.replace(/\s+/g, '');

/**
 * The alerting rules that belong to an entity in one environment: labelled
 * with its ref (`opskit_entity`, as `opskit rules` writes them) and, when
 * labelled with one, that environment (`opskit_environment`), or, for
 * hand-written rules, whose expression contains one of its SLO queries as
 * expanded for that environment (whitespace aside).
 *
 * @public
 */
export function entityAlerts(
  profile: OpsProfile,
  environment: string,
  alerts: readonly DeployedAlert[],
): DeployedAlert[] {
  const ref = profile.entityRef.toLowerCase();
  const queries = sloQueries(profile)
    .filter(q => q.environment === environment && q.query)
    .map(q => squeezed(q.query!));
  return alerts.filter(
    alert =>
      (alert.labels.opskit_entity?.toLowerCase() === ref &&
        // One Prometheus may serve several environments: a rule labelled for another is not this one's.
        (alert.labels.opskit_environment ?? environment) === environment) ||
      queries.some(q => squeezed(alert.expr).includes(q)),
  );
}

/**
 * What the runbook declares for one environment and is not loaded: each
 * SLO with an `alert` and a `query` needs a threshold alert (labelled
 * `opskit_slo` with its name, or matching its query), each SLO with an
 * `sli` page-level burn-rate alerts. Returned as sentences naming each one.
 *
 * @public
 */
export function missingAlerts(
  profile: OpsProfile,
  environment: string,
  deployed: readonly DeployedAlert[],
): string[] {
  const missing: string[] = [];
  const ofSlo = (name: string) =>
    deployed.filter(a => a.labels.opskit_slo === name);
  for (const query of sloQueries(profile)) {
    if (query.environment !== environment || !query.slo.alert || !query.query)
      continue;
    const expr = squeezed(query.query);
    const found =
      ofSlo(query.slo.name).some(a => a.name === 'OpsKitSloThreshold') ||
      deployed.some(a => squeezed(a.expr).includes(expr));
    if (!found)
      missing.push(
        `the alert of "${query.slo.name}" (${describeAlert(query.slo)})`,
      );
  }
  for (const query of sliQueries(profile)) {
    if (query.environment !== environment) continue;
    // An SLO's own burn-rate alerts carry the severities it chose (sev1, critical).
    const pages = ofSlo(query.slo.name).filter(
      a =>
        a.name === 'OpsKitErrorBudgetBurn' &&
        (a.labels.severity === 'page' || query.slo.burnRateAlerts),
    );
    if (pages.length === 0)
      missing.push(`the burn-rate page alerts of "${query.slo.name}"`);
  }
  return missing;
}

const RULES_FACT = /^rules\/(.+)$/;

/**
 * The alerts firing now in each environment, from an entity's
 * `rules/<environment>` facts (environments where none fires left out).
 *
 * @public
 */
export function firingAlerts(
  facts: readonly EntityFact[] | undefined,
): Array<{ environment: string; alerts: DeployedAlert[]; fact: EntityFact }> {
  return (facts ?? []).flatMap(fact => {
    const environment = RULES_FACT.exec(fact.name)?.[1];
    const alerts = (fact.value as { alerts?: DeployedAlert[] } | null)?.alerts;
    if (!environment || !Array.isArray(alerts)) return [];
    const now = alerts.filter(a => a.firing > 0);
    return now.length ? [{ environment, alerts: now, fact }] : [];
  });
}
