import type { OpsProfile, Slo } from '../descriptor/types';
import {
  BURN_RATE_WINDOWS,
  DEFAULT_BURN_RATE_CONDITIONS,
  type BurnRateCondition,
  type BurnRateWindow,
} from './burnRateAlerts';
import { budgetFraction, objectivePercent } from './errorBudget';
import {
  DEFAULT_SLO_WINDOW,
  errorRatio,
  promRange,
  quoted,
  sliCounters,
  sloEnvironments,
  sloExpander,
} from './sliExpressions';

/**
 * A Prometheus rule (recording or alerting), as rule files hold them.
 *
 * @public
 */
export interface PrometheusRule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/**
 * Prometheus rule groups for a profile's SLOs: `promtool check rules` takes
 * the YAML of `{ groups }`.
 *
 * @public
 */
export interface PrometheusRuleGroups {
  groups: Array<{ name: string; rules: PrometheusRule[] }>;
}

/** @public */
export interface PrometheusRulesOptions {
  /** Where the runbook is read (`runbook_url` on every alert). */
  runbookUrl?: string;
  /** The entity's Ops tab (`ops_tab` on every alert). */
  opsTabUrl?: string;
  conditions?: readonly BurnRateCondition[];
}

/**
 * The recording rule of an SLI's error ratio over one window.
 *
 * @public
 */
export function errorRatioRecord(window: string): string {
  return `opskit:sli_error_ratio:rate${window}`;
}

const PROMQL_OPERATOR: Record<Slo['objective']['op'], string> = {
  lt: '<',
  lte: '<=',
  gt: '>',
  gte: '>=',
};

const slug = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/**
 * The rule groups for a profile's SLOs, one group per SLO and environment:
 *
 * - for an SLO with an SLI, a recording rule of its error ratio over each
 *   burn-rate window and over its own window, and the multiwindow,
 *   multi-burn-rate alerts (page and ticket); an SLO with `burnRateAlerts`
 *   (OpenSLO's alert conditions) gets those instead, each over one window:
 *   the error ratio over `window` above `factor` × the budget, for `for`;
 * - for an SLO with a `query` and an `alert`, the runbook's own threshold
 *   alert (`> 500 ms for 5m`).
 *
 * Every rule carries `opskit_entity`, `opskit_slo` and `opskit_environment`,
 * so deployed rules can be matched to the runbook; alerts also carry
 * `severity` (page or ticket) and `opskit_severity`, the incident policy's
 * level for it: the most severe for a page, the next for a ticket.
 *
 * @public
 */
export function prometheusRules(
  profile: OpsProfile,
  options: PrometheusRulesOptions = {},
): PrometheusRuleGroups {
  const conditions = options.conditions ?? DEFAULT_BURN_RATE_CONDITIONS;
  const severities = profile.severities ?? [];
  // page: the most severe level, ticket: the next; a severity the policy names (P2) is itself.
  const levelOf = (severity: string) =>
    severity === 'page' || severity === 'ticket'
      ? (severity === 'page' ? severities[0] : severities[1] ?? severities[0])
          ?.id
      : severities.find(s => s.id === severity)?.id;
  const groups: PrometheusRuleGroups['groups'] = [];
  for (const slo of profile.slos ?? []) {
    if (!slo.sli && !(slo.query && slo.alert)) continue;
    for (const environment of sloEnvironments(profile, slo)) {
      const expand = sloExpander(profile, slo, environment);
      const labels = {
        opskit_entity: profile.entityRef,
        opskit_slo: slo.name,
        opskit_environment: environment,
      };
      const selector = `{${Object.entries(labels)
        .map(([k, v]) => `${k}=${quoted(v)}`)
        .join(',')}}`;
      const annotations = {
        ...(options.runbookUrl ? { runbook_url: options.runbookUrl } : {}),
        ...(options.opsTabUrl ? { ops_tab: options.opsTabUrl } : {}),
      };
      const rules: PrometheusRule[] = [];
      if (slo.sli) {
        const window = slo.window ?? DEFAULT_SLO_WINDOW;
        const budget = budgetFraction(objectivePercent(slo));
        const own = slo.burnRateAlerts ?? [];
        const windows = [
          ...new Set<string>([
            ...BURN_RATE_WINDOWS,
            promRange(window),
            ...own.map(a => promRange(a.window)),
          ]),
        ];
        for (const w of windows)
          rules.push({
            record: errorRatioRecord(w),
            expr: errorRatio(slo.sli, w, expand),
            labels,
          });
        // The SLO's own alerts (an OpenSLO alert policy) replace the default conditions.
        for (const alert of own) {
          const w = promRange(alert.window);
          const level = levelOf(alert.severity);
          rules.push({
            alert: `OpsKitErrorBudgetBurn`,
            expr: `${errorRatioRecord(w)}${selector} > (${
              alert.factor
            } * ${budget})`,
            ...(alert.for ? { for: promRange(alert.for) } : {}),
            labels: {
              ...labels,
              severity: alert.severity,
              ...(level ? { opskit_severity: level } : {}),
              opskit_window: w,
            },
            annotations: {
              summary: `${profile.entityRef}: "${
                slo.name
              }" in ${environment} burns its error budget ${
                alert.factor
              }× too fast (${w}${alert.for ? ` for ${alert.for}` : ''})`,
              ...annotations,
            },
          });
        }
        for (const condition of own.length ? [] : conditions) {
          const threshold = `(${condition.factor} * ${budget})`;
          const over = (w: BurnRateWindow) =>
            `${errorRatioRecord(w)}${selector} > ${threshold}`;
          rules.push({
            alert: `OpsKitErrorBudgetBurn`,
            expr: `${over(condition.long)} and ${over(condition.short)}`,
            labels: {
              ...labels,
              severity: condition.severity,
              ...(levelOf(condition.severity)
                ? { opskit_severity: levelOf(condition.severity)! }
                : {}),
              opskit_window: `${condition.long}/${condition.short}`,
            },
            annotations: {
              summary: `${profile.entityRef}: "${slo.name}" in ${environment} burns its error budget ${condition.factor}× too fast (${condition.long} and ${condition.short})`,
              ...annotations,
            },
          });
        }
      }
      if (slo.query && slo.alert) {
        const op = PROMQL_OPERATOR[slo.alert.op];
        const lasting = 'for' in slo.alert ? slo.alert.for : undefined;
        rules.push({
          alert: 'OpsKitSloThreshold',
          expr: `(${expand(slo.query)}) ${op} ${slo.alert.value}`,
          ...(lasting ? { for: promRange(lasting) } : {}),
          labels: {
            ...labels,
            severity: 'page',
            ...(levelOf('page') ? { opskit_severity: levelOf('page')! } : {}),
          },
          annotations: {
            summary: `${profile.entityRef}: "${
              slo.name
            }" in ${environment} is ${op} ${slo.alert.value}${
              lasting ? ` for ${lasting}` : ''
            }, the runbook's alert threshold`,
            ...annotations,
          },
        });
      }
      groups.push({
        name: `opskit:${slug(profile.entityRef)}:${slug(slo.name)}:${slug(
          environment,
        )}`,
        rules,
      });
    }
  }
  return { groups };
}

/**
 * Why prometheusRules cannot write a profile's rules (the message it
 * throws: a query with an unknown variable, an objective that leaves no
 * budget), or undefined when it can. The same steps in the same order,
 * without building the rules: the burn-rate check asks it for every entity.
 *
 * @public
 */
export function prometheusRulesError(profile: OpsProfile): string | undefined {
  try {
    for (const slo of profile.slos ?? []) {
      if (!slo.sli && !(slo.query && slo.alert)) continue;
      for (const environment of sloEnvironments(profile, slo)) {
        const expand = sloExpander(profile, slo, environment);
        if (slo.sli) {
          budgetFraction(objectivePercent(slo));
          sliCounters(slo.sli, expand);
        }
        if (slo.query && slo.alert) expand(slo.query);
      }
    }
  } catch (error) {
    return (error as Error).message;
  }
  return undefined;
}

/**
 * The names of the SLOs with an SLI whose rules (prometheusRules, with
 * `conditions`) hold a page-severity burn-rate alert in `environment`:
 * their own `burnRateAlerts` when they have some, else the conditions.
 *
 * @public
 */
export function pagedSlos(
  profile: OpsProfile,
  environment: string,
  conditions: readonly BurnRateCondition[] = DEFAULT_BURN_RATE_CONDITIONS,
): Set<string> {
  const paged = new Set<string>();
  for (const slo of profile.slos ?? []) {
    if (!slo.sli || !sloEnvironments(profile, slo).includes(environment))
      continue;
    const own = slo.burnRateAlerts ?? [];
    const severities = own.length
      ? own.map(a => a.severity)
      : conditions.map(c => c.severity);
    if (severities.includes('page')) paged.add(slo.name);
  }
  return paged;
}
