import {
  REQUIRED_LOG_FIELDS,
  type ToolPurpose,
} from '../descriptor/vocabulary';
import { responseTimeMs } from '../validation/incidentRules';
import { isAlertOnRightSide } from '../validation/sloRules';
import { listOf, productionEnvironment } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

/** @public */
export const MONITORING_SCORECARD = 'monitoring';

export const sloIndicatorsCheck: OpsCheck = {
  id: 'slo-indicators',
  scorecard: MONITORING_SCORECARD,
  title: 'Required SLOs with alerts',
  description:
    'Each indicator the tier requires has an SLO with an objective and an alert: a threshold on the right side of it, or burn-rate alerts from its `sli`.',
  howToFix:
    'Add `slos` entries for the missing indicators, each with `objective` and `alert` (e.g. objective "<200ms", alert ">500ms"), or an `sli` whose error budget `opskit rules` alerts on.',
  level: 'bronze',
  weight: 3,
  appliesTo: COMPONENTS,
  evaluate({ profile, policy }) {
    const required = policy.requiredIndicators;
    if (required.length === 0)
      return {
        status: 'not-applicable',
        message: `${profile.effectiveTier} requires no SLOs`,
      };
    const slos = profile.slos ?? [];
    const missing: string[] = [];
    const noAlert: string[] = [];
    for (const indicator of required) {
      const candidates = slos.filter(s => s.indicator === indicator);
      if (candidates.length === 0) missing.push(indicator);
      // An SLI is alerted on by its burn-rate alerts (generated, or its own burnRateAlerts).
      else if (!candidates.some(s => s.sli || isAlertOnRightSide(s)))
        noAlert.push(indicator);
    }
    const problems: string[] = [];
    if (missing.length) problems.push(`no SLO for ${listOf(missing)}`);
    if (noAlert.length)
      problems.push(`no usable alert threshold for ${listOf(noAlert)}`);
    if (problems.length)
      return {
        status: 'fail',
        message: `${problems.join('; ')} (${
          profile.effectiveTier
        } requires ${listOf(required)})`,
      };
    return {
      status: 'pass',
      message: `${listOf(required)} each have an objective and an alert`,
    };
  },
};

/** Purposes covered by tools listed in ops.yaml and by other tools' annotations. */
export function coveredPurposes(
  profile: Parameters<OpsCheck['evaluate']>[0]['profile'],
): Set<ToolPurpose> {
  const covered = new Set<ToolPurpose>(
    (profile.monitoring?.tools ?? []).map(t => t.purpose),
  );
  const refs = profile.references;
  if (refs.grafanaDashboardSelector) covered.add('visualization');
  if (
    refs.pagerDutyServiceId ||
    refs.pagerDutyIntegrationKey ||
    refs.opsgenieComponentSelector ||
    refs.opsgenieTeam ||
    refs.grafanaAlertLabelSelector ||
    refs.prometheusAlert
  ) {
    covered.add('alerting');
  }
  if (refs.prometheusRule) covered.add('metrics');
  return covered;
}

const NEEDED: ToolPurpose[] = ['metrics', 'visualization', 'alerting'];

export const monitoringToolsCheck: OpsCheck = {
  id: 'monitoring-tools',
  scorecard: MONITORING_SCORECARD,
  title: 'Monitoring tools cover metrics, dashboards and alerting',
  description:
    'The tools listed (or referenced through their annotations) cover metrics, visualization and alerting.',
  howToFix:
    "List the tools under `monitoring.tools` with their `purpose` (metrics, visualization, alerting), or add the tools' own annotations.",
  level: 'bronze',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const covered = coveredPurposes(profile);
    const missing = NEEDED.filter(p => !covered.has(p));
    if (missing.length)
      return { status: 'fail', message: `nothing covers ${listOf(missing)}` };
    return {
      status: 'pass',
      message: `covered: ${listOf([...covered].sort())}`,
    };
  },
};

export const productionDashboardsCheck: OpsCheck = {
  id: 'production-dashboards',
  scorecard: MONITORING_SCORECARD,
  title: 'Production dashboards',
  description: 'There is at least one dashboard for production.',
  howToFix:
    'Add `monitoring.dashboards` with `environment: production` and an https URL, or a `grafana/dashboard-selector` annotation.',
  level: 'silver',
  weight: 1,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const prod = productionEnvironment(profile)?.name ?? 'production';
    const dashboards = (profile.monitoring?.dashboards ?? []).filter(
      d => !d.environment || d.environment === prod,
    );
    if (dashboards.length)
      return {
        status: 'pass',
        message: `${dashboards.length} dashboard(s) for ${prod}`,
      };
    if (profile.references.grafanaDashboardSelector)
      return { status: 'pass', message: 'Grafana dashboards by selector' };
    return { status: 'fail', message: `no dashboard for ${prod}` };
  },
};

export const alertRoutingCheck: OpsCheck = {
  id: 'alert-routing',
  scorecard: MONITORING_SCORECARD,
  title: 'Alerts are routed to people',
  description:
    'Alerts reach an on-call rotation: a PagerDuty or Opsgenie reference, or an alerting tool.',
  howToFix:
    'Add `pagerduty.com/service-id` (or the Opsgenie annotations), or list your alerting tool in `monitoring.tools`.',
  level: 'silver',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const refs = profile.references;
    if (refs.pagerDutyServiceId || refs.pagerDutyIntegrationKey)
      return { status: 'pass', message: 'PagerDuty' };
    if (refs.opsgenieComponentSelector || refs.opsgenieTeam)
      return { status: 'pass', message: 'Opsgenie' };
    const alerting = (profile.monitoring?.tools ?? []).filter(
      t => t.purpose === 'alerting',
    );
    if (alerting.length)
      return { status: 'pass', message: listOf(alerting.map(t => t.name)) };
    return {
      status: 'fail',
      message: 'no paging integration and no alerting tool',
    };
  },
};

export const structuredLoggingCheck: OpsCheck = {
  id: 'structured-logging',
  scorecard: MONITORING_SCORECARD,
  title: 'Structured logging',
  description: `Logs are JSON with the fields ${REQUIRED_LOG_FIELDS.join(
    ', ',
  )}.`,
  howToFix: `Set \`logging.format: json\` and list \`fields\` including ${REQUIRED_LOG_FIELDS.join(
    ', ',
  )}.`,
  level: 'bronze',
  weight: 1,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const logging = profile.logging;
    if (!logging) return { status: 'fail', message: 'no logging section' };
    if (logging.format !== 'json')
      return {
        status: 'fail',
        message: `format is ${logging.format ?? 'not set'}, not json`,
      };
    const fields = new Set(logging.fields ?? []);
    const missing = REQUIRED_LOG_FIELDS.filter(f => !fields.has(f));
    if (missing.length)
      return { status: 'fail', message: `missing field(s) ${listOf(missing)}` };
    return { status: 'pass', message: 'json with all required fields' };
  },
};

export const severitiesCheck: OpsCheck = {
  id: 'severities-ordered',
  scorecard: MONITORING_SCORECARD,
  title: 'Incident severities with ordered response times',
  description:
    'Severities are defined, most severe first, with response times that never shrink.',
  howToFix:
    'List `incident.severities` P1 first with a `responseTime` each (15m, 1h, …, best-effort).',
  level: 'silver',
  weight: 1,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const severities = profile.severities ?? [];
    if (severities.length === 0)
      return { status: 'fail', message: 'no severities defined' };
    for (let i = 1; i < severities.length; i++) {
      if (responseTimeMs(severities[i]) < responseTimeMs(severities[i - 1])) {
        return {
          status: 'fail',
          message: `${severities[i].id} (${
            severities[i].responseTime
          }) is answered faster than ${severities[i - 1].id} (${
            severities[i - 1].responseTime
          })`,
        };
      }
    }
    if (new Set(severities.map(s => s.id)).size !== severities.length)
      return { status: 'fail', message: 'a severity id is listed twice' };
    return {
      status: 'pass',
      message: severities.map(s => `${s.id} ${s.responseTime}`).join(', '),
    };
  },
};

export const escalationPathCheck: OpsCheck = {
  id: 'escalation-path',
  scorecard: MONITORING_SCORECARD,
  title: 'Escalation path',
  description:
    'An escalation path with enough levels for the tier, whose targets are users or groups in the catalog.',
  howToFix:
    'Add `incident.escalation` levels (e.g. `group:<team>-oncall`, then `group:<team>-leads`) naming users/groups that exist in the catalog.',
  level: 'gold',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, policy, facts }) {
    const levels = (profile.escalation ?? []).filter(l => l.targets.length > 0);
    if (levels.length < policy.minEscalationLevels) {
      return {
        status: 'fail',
        message: `${levels.length} escalation level(s); ${profile.effectiveTier} needs at least ${policy.minEscalationLevels}`,
      };
    }
    const targets = levels.flatMap(l => l.targets);
    if (!facts.resolvedTargets)
      return {
        status: 'warn',
        message: `${levels.length} levels; targets not yet checked against the catalog`,
      };
    const unresolved = targets.filter(t => facts.resolvedTargets![t] !== true);
    if (unresolved.length)
      return {
        status: 'fail',
        message: `not found in the catalog: ${listOf(unresolved)}`,
      };
    return {
      status: 'pass',
      message: `${levels.length} levels, all targets in the catalog`,
    };
  },
};

/** @public */
export const MONITORING_CHECKS: OpsCheck[] = [
  sloIndicatorsCheck,
  monitoringToolsCheck,
  productionDashboardsCheck,
  alertRoutingCheck,
  structuredLoggingCheck,
  severitiesCheck,
  escalationPathCheck,
];
