import { pagedSlos, prometheusRulesError } from '../budgets/prometheusRules';
import { sloEnvironments } from '../budgets/sliExpressions';
import { MONITORING_SCORECARD } from './monitoringChecks';
import { listOf, productionEnvironment } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

/**
 * Whether each production SLO with an `sli` can page on budget burn: the
 * rules `opskit rules` generates for it hold a page-severity burn-rate
 * alert (an SLO's own `burnRateAlerts` may leave pages out, and a query
 * with an unknown variable cannot be written). SLOs without an SLI (a p95
 * threshold over an instant query) have no budget and are not asked.
 * Whether the rules are loaded in Prometheus is `alerts-deployed`'s
 * question; this one needs no Prometheus, so it scores a service before its
 * first deploy.
 *
 * @public
 */
export const burnRateAlertsCheck: OpsCheck = {
  id: 'burn-rate-alerts',
  scorecard: MONITORING_SCORECARD,
  title: 'Burn-rate alerts defined',
  description:
    'Each production SLO with an `sli` has a page-severity burn-rate alert in the rules `opskit rules` generates, so a fast burn of its error budget pages.',
  howToFix:
    "Give an SLO's `burnRateAlerts` at least one page severity (or drop them for the default multiwindow conditions), and fix any query `opskit rules` cannot write.",
  level: 'silver',
  weight: 1,
  appliesTo: COMPONENTS,
  evaluate({ profile }) {
    const production = productionEnvironment(profile)?.name ?? 'production';
    const slos = (profile.slos ?? []).filter(
      slo => slo.sli && sloEnvironments(profile, slo).includes(production),
    );
    if (slos.length === 0)
      return {
        status: 'not-applicable',
        message: `no SLO with an sli applies to ${production}`,
      };
    const error = prometheusRulesError(profile);
    // An unknown $variable in a query: the rules cannot be written at all.
    if (error !== undefined)
      return {
        status: 'fail',
        message: `the rules cannot be generated: ${error}`,
      };
    const paged = pagedSlos(profile, production);
    const withoutPage = slos.filter(s => !paged.has(s.name)).map(s => s.name);
    if (withoutPage.length)
      return {
        status: 'fail',
        message: `no page-severity burn-rate alert in ${production}: ${listOf(
          withoutPage,
        )}`,
      };
    return {
      status: 'pass',
      message: `page burn-rate alerts for ${listOf(
        slos.map(s => s.name),
      )} in ${production}`,
    };
  },
};
