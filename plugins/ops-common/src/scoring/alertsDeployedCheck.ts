import {
  missingAlerts,
  rulesFactName,
  type DeployedAlert,
} from '../budgets/deployedRules';
import { sliQueries } from '../budgets/sliMeasurement';
import { sloQueries } from '../facts/sloFacts';
import { MONITORING_SCORECARD } from './monitoringChecks';
import { listOf, productionEnvironment } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

/**
 * Drift between the runbook and Prometheus: every alert the runbook
 * declares for production (an SLO's `alert` with a `query`, and page-level
 * burn-rate alerts for an SLO with an `sli`) is loaded as a rule there. The
 * rules come from the `rules/<environment>` fact (the Prometheus module
 * reads `/api/v1/rules`); see `entityAlerts` for how rules are matched.
 *
 * @public
 */
export const alertsDeployedCheck: OpsCheck = {
  id: 'alerts-deployed',
  scorecard: MONITORING_SCORECARD,
  title: 'Declared alerts are deployed',
  description:
    "Each alert the runbook declares for production is loaded in production's Prometheus: SLO thresholds with a `query`, and burn-rate page alerts for SLOs with an `sli`.",
  howToFix:
    'Generate the rules with `opskit rules catalog-info.yaml` (or the scaffolder action) and load them into Prometheus (`rule_files`, or your PrometheusRule pipeline).',
  level: 'silver',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, facts }) {
    const production = productionEnvironment(profile)?.name ?? 'production';
    const declares =
      sloQueries(profile).some(
        q => q.environment === production && q.slo.alert && q.query,
      ) || sliQueries(profile).some(q => q.environment === production);
    if (!declares)
      return {
        status: 'not-applicable',
        message: 'no production SLO declares an alert with a query or an SLI',
      };
    const fact = (facts.live ?? []).find(
      f => f.name === rulesFactName(production),
    );
    if (!fact)
      return {
        status: 'not-applicable',
        message: `the rules loaded in ${production} have not been read yet`,
      };
    const value = fact.value as unknown as { alerts?: DeployedAlert[] } | null;
    if (!value || !Array.isArray(value.alerts))
      return {
        status: 'warn',
        message: `the rules loaded in ${production} are unknown: ${
          fact.error ?? 'no value'
        }`,
      };
    const missing = missingAlerts(profile, production, value.alerts);
    const stale = fact.stale ? ` (stale: ${fact.error ?? 'source down'})` : '';
    if (missing.length)
      return {
        status: 'fail',
        message: `not loaded in ${production}'s Prometheus: ${listOf(
          missing,
        )}${stale}; label hand-written rules opskit_entity and opskit_slo`,
      };
    const firing = value.alerts.filter(a => a.firing > 0).length;
    return {
      status: stale ? 'warn' : 'pass',
      message: `${value.alerts.length} alert(s) loaded in ${production}${
        firing ? `, ${firing} firing` : ''
      }${stale}`,
    };
  },
};
