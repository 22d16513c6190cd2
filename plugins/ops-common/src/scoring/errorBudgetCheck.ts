import { describeShare } from '../budgets/errorBudget';
import { sliTargets, type BudgetObservation } from '../budgets/sliMeasurement';
import { MONITORING_SCORECARD } from './monitoringChecks';
import { listOf, productionEnvironment } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

/**
 * Scores the error budget, as SREs steer by it: every production SLO with
 * an SLI (measured by a fact provider as `budget/<environment>/<slo>`) has
 * budget left over its window, and no page-level burn-rate condition holds.
 * Exhausted fails; a page condition, a stale or failed measurement warns (an
 * outage of the metrics source must not drop every service's level).
 *
 * @public
 */
export const errorBudgetLeftCheck: OpsCheck = {
  id: 'error-budget-left',
  scorecard: MONITORING_SCORECARD,
  title: 'Error budget left in production',
  description:
    'Each production SLO with an `sli` has error budget left over its window, and none burns fast enough to page.',
  howToFix:
    'Stop the burn (roll back, shed load, fix the failing dependency) and hold risky releases until the budget recovers; revisit an objective the service cannot meet.',
  level: 'gold',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, facts }) {
    const production = productionEnvironment(profile)?.name ?? 'production';
    const queries = sliTargets(profile).filter(
      q => q.environment === production,
    );
    if (queries.length === 0)
      return {
        status: 'not-applicable',
        message: 'no production SLO has an SLI to budget',
      };
    const byName = new Map((facts.live ?? []).map(f => [f.name, f]));
    const exhausted: string[] = [];
    const paging: string[] = [];
    const unknown: string[] = [];
    const left: string[] = [];
    let measured = 0;
    for (const query of queries) {
      const fact = byName.get(query.factName);
      const name = query.slo.name;
      if (!fact) continue;
      measured++;
      const seen = fact.value as unknown as BudgetObservation | null;
      if (fact.stale || !seen || typeof seen !== 'object') {
        unknown.push(
          `${name} (${fact.stale ? 'stale: ' : ''}${fact.error ?? 'no value'})`,
        );
        continue;
      }
      if (seen.remaining === null) {
        unknown.push(`${name} (no events in ${seen.window})`);
        continue;
      }
      if (seen.exhausted) {
        exhausted.push(
          `${name} has spent its ${seen.window} budget (${describeShare(
            -seen.remaining,
          )} over)`,
        );
        continue;
      }
      const page = seen.firing.find(f => f.severity === 'page');
      if (page)
        paging.push(
          `${name} burns ${page.factor}× too fast over ${page.long} and ${
            page.short
          } (${describeShare(seen.remaining)} left)`,
        );
      else left.push(`${name} ${describeShare(seen.remaining)} left`);
    }
    if (measured === 0)
      return {
        status: 'not-applicable',
        message: `not measured yet: ${listOf(queries.map(q => q.slo.name))}`,
      };
    if (exhausted.length) return { status: 'fail', message: listOf(exhausted) };
    if (paging.length) return { status: 'warn', message: listOf(paging) };
    if (unknown.length)
      return {
        status: 'warn',
        message: `unknown in ${production}: ${listOf(unknown)}`,
      };
    return {
      status: 'pass',
      message: `budget left in ${production}: ${listOf(left)}`,
    };
  },
};
