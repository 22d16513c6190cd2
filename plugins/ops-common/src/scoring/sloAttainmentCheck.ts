import { liveSloSummary, type LiveSlo } from '../facts/sloFacts';
import { describeValue } from '../validation/sloRules';
import { MONITORING_SCORECARD } from './monitoringChecks';
import { listOf } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

function reading(slo: LiveSlo): string {
  return slo.value === null ? 'no value' : describeValue(slo.value, slo.unit);
}

function unknownReason(slo: LiveSlo): string {
  if (slo.state === 'stale')
    return `${slo.slo} (stale: ${slo.error ?? 'source unreachable'})`;
  if (slo.state === 'error') return `${slo.slo} (${slo.error})`;
  return `${slo.slo} (${slo.error ?? 'not measured yet'})`;
}

/**
 * Scores what the service does, not what it declares: the production SLOs
 * with a `query` are measured by a fact provider (Prometheus) and must meet
 * their objectives. Unknown values (stale, failed query) warn rather than
 * fail, so an outage of the metrics source does not drop
 * every service's level.
 *
 * @public
 */
export const slosMetInProductionCheck: OpsCheck = {
  id: 'slos-met-in-production',
  scorecard: MONITORING_SCORECARD,
  title: 'SLOs met in production',
  description:
    'Each production SLO with a `query` is measured live and meets its objective.',
  howToFix:
    'Bring the breached indicators back within their objectives (or revisit objectives that no longer fit); fix failing queries.',
  level: 'gold',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, facts }) {
    const summary = liveSloSummary(profile, facts.live);
    if (!summary)
      return {
        status: 'not-applicable',
        message: 'no production SLO has a query to measure',
      };
    const breached = summary.slos.filter(
      s => s.state === 'breached' || s.state === 'alerting',
    );
    const unknown = summary.slos.filter(
      s => s.state === 'stale' || s.state === 'error',
    );
    const unmeasured = summary.slos.filter(s => s.state === 'unmeasured');
    // Nothing measured at all: no provider is installed, or it has not run yet. Not the service's fault.
    if (unmeasured.length === summary.total) {
      return {
        status: 'not-applicable',
        message: `not measured yet: ${listOf(
          unmeasured.map(s => (s.error ? `${s.slo} (${s.error})` : s.slo)),
        )}`,
      };
    }
    if (breached.length) {
      const described = breached.map(
        s =>
          `${s.slo} at ${reading(s)} misses ${s.objective}${
            s.state === 'alerting' ? ' (alerting)' : ''
          }`,
      );
      return { status: 'fail', message: listOf(described) };
    }
    if (unknown.length)
      return {
        status: 'warn',
        message: `unknown in ${summary.environment}: ${listOf(
          unknown.map(unknownReason),
        )}`,
      };
    const skipped = unmeasured.length
      ? ` (${unmeasured.length} not measured yet)`
      : '';
    return {
      status: 'pass',
      message: `${summary.met} SLO(s) met in ${summary.environment}${skipped}`,
    };
  },
};
