import type { OpsProfile, Slo } from '../descriptor/types';
import { durationToMs } from '../durations';
import {
  BURN_RATE_WINDOWS,
  burnRateVerdicts,
  DEFAULT_BURN_RATE_CONDITIONS,
  type BurnRateCondition,
  type BurnRateWindow,
} from './burnRateAlerts';
import type { HistogramBucket } from './histogramBucket';
import { queryVariables } from '../facts/sloFacts';
import {
  batchCounters,
  batchRatios,
  sliBatchForm,
  type BatchCounter,
} from './sliBatches';
import {
  budgetFraction,
  objectivePercent,
  timeToExhaustionMs,
} from './errorBudget';
import {
  DEFAULT_SLO_WINDOW,
  errorRatio,
  sliCounters,
  histogramBucketsQuery,
  promRange,
  quoted,
  sloEnvironments,
  sloExpander,
} from './sliExpressions';

/**
 * What every budget fact's name starts with.
 *
 * @public
 */
export const BUDGET_FACT_PREFIX = 'budget/';

/**
 * The fact an SLI's budget is stored as, per environment.
 *
 * @public
 */
export function budgetFactName(environment: string, slo: string): string {
  return `${BUDGET_FACT_PREFIX}${environment}/${slo}`;
}

/**
 * The environment and SLO of a budget fact's name (an environment has no
 * `/`; an SLO name may); undefined for any other fact.
 *
 * @public
 */
export function parseBudgetFactName(
  name: string,
): { environment: string; slo: string } | undefined {
  if (!name.startsWith(BUDGET_FACT_PREFIX)) return undefined;
  const rest = name.slice(BUDGET_FACT_PREFIX.length);
  const slash = rest.indexOf('/');
  if (slash <= 0 || slash === rest.length - 1) return undefined;
  return { environment: rest.slice(0, slash), slo: rest.slice(slash + 1) };
}

/**
 * The label that tells the windows apart in the one query per SLO and environment.
 *
 * @public
 */
export const WINDOW_LABEL = 'opskit_window';

/**
 * One SLO with an SLI in one environment, as one Prometheus query: the
 * error ratio over each burn-rate window and over the SLO's window, each
 * series labelled with its window, so one round trip measures them all.
 *
 * @public
 */
export interface SliQuery {
  slo: Slo;
  index: number;
  environment: string;
  factName: string;
  /** The SLO's window as PromQL writes it (`4w`), and in ms. */
  window: string;
  windowMs: number;
  /** The windows asked, burn-rate ones first. */
  windows: string[];
  query?: string;
  error?: string;
  /**
   * For a histogram SLI: the query listing its buckets (`le`), its threshold,
   * and the budget query counted on another bucket, for when the threshold
   * has none (see histogramBucket).
   */
  histogram?: {
    thresholdMs: number;
    bucketsQuery: string;
    queryFor(bucketMs: number): string;
  };
  /**
   * When the same SLI of other entities differs from this one only in one
   * label's value (`service="$service"`): `key` is equal for all of them in
   * this environment, `counters()` are its counters' rates per window
   * summed by `label`, for batchedCountersQuery to ask for many values at
   * once, and `ratios` divides one value's counters into the error ratio
   * per window, as `query` would have returned them. A histogram's is
   * counted on the threshold's own bucket. The Prometheus module asks once
   * per page of entities.
   */
  batch?: {
    key: string;
    label: string;
    value: string;
    /** Its counters per window, for batchedCountersQuery. */
    counters(): BatchCounter[];
    ratios(
      counter: (
        window: string,
        part: 'good' | 'bad' | 'total',
      ) => number | undefined,
    ): Record<string, number>;
  };
}

/**
 * One SLO with an SLI in one environment: what sliQueries builds a query
 * for, without the query (the budget check needs only the fact's name).
 *
 * @public
 */
export type SliTarget = Pick<
  SliQuery,
  'slo' | 'index' | 'environment' | 'factName'
>;

/**
 * Each SLO with an `sli`, in its environment, else each declared one.
 *
 * @public
 */
export function sliTargets(profile: OpsProfile): SliTarget[] {
  const out: SliTarget[] = [];
  (profile.slos ?? []).forEach((slo, index) => {
    if (!slo.sli) return;
    for (const environment of sloEnvironments(profile, slo))
      out.push({
        slo,
        index,
        environment,
        factName: budgetFactName(environment, slo.name),
      });
  });
  return out;
}

/**
 * The SLI queries of a profile: one per sliTargets entry.
 *
 * @public
 */
export function sliQueries(profile: OpsProfile): SliQuery[] {
  const out: SliQuery[] = [];
  for (const target of sliTargets(profile)) {
    const { slo, environment } = target;
    const window = promRange(slo.window ?? DEFAULT_SLO_WINDOW);
    const windowMs = durationToMs(slo.window ?? DEFAULT_SLO_WINDOW)!;
    // An SLO's own burn-rate alerts are measured over their windows too, so the budget knows when they fire.
    const windows = [
      ...new Set<string>([
        ...BURN_RATE_WINDOWS,
        window,
        ...(slo.burnRateAlerts ?? []).map(a => promRange(a.window)),
      ]),
    ];
    {
      const base: Omit<SliQuery, 'query' | 'error'> = {
        ...target,
        window,
        windowMs,
        windows,
      };
      try {
        const expand = sloExpander(profile, slo, environment);
        const queryFor = (bucketMs?: number) =>
          windows
            .map(
              w =>
                `label_replace(${errorRatio(
                  slo.sli!,
                  w,
                  expand,
                  bucketMs,
                )}, ${quoted(WINDOW_LABEL)}, ${quoted(w)}, "", "")`,
            )
            .join(' or ');
        const sli = slo.sli!;
        const form = sliBatchForm(sli, queryVariables(profile, environment));
        // Expanded now, so an unknown variable is this SLI's error here, not when the query is built.
        sliCounters(sli, expand);
        // Short and equal for every entity this SLI can be asked with: its label, windows and selectors with the placeholder.
        const key = form
          ? JSON.stringify([form.label, windows, sliCounters(form.sli, expand)])
          : undefined;
        const entry: SliQuery = {
          ...base,
          ...(form && key
            ? {
                batch: {
                  key,
                  label: form.label,
                  value: form.value,
                  counters: () =>
                    batchCounters(form.sli, windows, expand, form.label),
                  ratios: counter => batchRatios(sli, windows, counter),
                },
              }
            : { query: queryFor() }),
          ...('histogram' in sli
            ? {
                histogram: {
                  thresholdMs: durationToMs(sli.threshold) ?? 0,
                  bucketsQuery: histogramBucketsQuery(sli, expand),
                  queryFor,
                },
              }
            : {}),
        };
        // A batched SLI's own query (a few KB) is only needed when its batch did not answer it: built then.
        if (entry.batch) {
          let own: string | undefined;
          Object.defineProperty(entry, 'query', {
            enumerable: true,
            get: () => (own ??= queryFor()),
          });
        }
        out.push(entry);
      } catch (error) {
        out.push({ ...base, error: (error as Error).message });
      }
    }
  }
  return out;
}

/**
 * An SLI's budget in one environment, from the error ratios measured over
 * its windows: what the Ops tab shows and the budget check reads.
 *
 * @public
 */
export interface BudgetObservation {
  slo: string;
  environment: string;
  /** The objective, in percent of good events. */
  objective: number;
  window: string;
  /** Bad events over all events in the SLO's window; null when it saw no events. */
  badRatio: number | null;
  /** The share of the budget left (below 0 when overspent); null without events. */
  remaining: number | null;
  exhausted: boolean;
  /** Per window measured (no events: left out). */
  burnRates: Partial<Record<BurnRateWindow, number>>;
  /** The alert conditions that hold. */
  firing: Array<{
    severity: 'page' | 'ticket';
    long: string;
    short: string;
    factor: number;
  }>;
  /** At the last hour's burn rate, how long the budget left lasts (ms); absent when nothing burns. */
  exhaustsInMs?: number;
  /** A histogram SLI's bucket counted as fast enough, and a warning when it is not near the threshold. */
  bucket?: HistogramBucket;
}

/**
 * The budget of one SLI query from the ratios Prometheus returned, by
 * window. A window whose ratio is not a number (no events: 0/0) is left out.
 *
 * @public
 */
export function observeBudget(
  query: SliQuery,
  ratios: Record<string, number>,
  conditions: readonly BurnRateCondition[] = DEFAULT_BURN_RATE_CONDITIONS,
  bucket?: HistogramBucket,
): BudgetObservation {
  const objective = objectivePercent(query.slo);
  const budget = budgetFraction(objective);
  const ratio = (w: string) =>
    Number.isFinite(ratios[w])
      ? Math.min(1, Math.max(0, ratios[w]))
      : undefined;
  const burnRates: Partial<Record<BurnRateWindow, number>> = {};
  for (const w of BURN_RATE_WINDOWS) {
    const r = ratio(w);
    if (r !== undefined) burnRates[w] = r / budget;
  }
  const badRatio = ratio(query.window) ?? null;
  const remaining = badRatio === null ? null : 1 - badRatio / budget;
  const hourly = burnRates['1h'];
  const exhaustsInMs =
    remaining !== null && hourly !== undefined
      ? timeToExhaustionMs(remaining, hourly, query.windowMs)
      : undefined;
  return {
    slo: query.slo.name,
    environment: query.environment,
    objective,
    window: query.window,
    badRatio,
    remaining,
    exhausted: remaining !== null && remaining <= 0,
    burnRates,
    firing: query.slo.burnRateAlerts
      ? ownAlertsFiring(query, ratios, budget)
      : burnRateVerdicts(burnRates, query.windowMs, conditions)
          .filter(v => v.firing)
          .map(({ severity, long, short, factor }) => ({
            severity,
            long,
            short,
            factor,
          })),
    ...(exhaustsInMs !== undefined ? { exhaustsInMs } : {}),
    ...(bucket ? { bucket } : {}),
  };
}

/**
 * An SLO's own burn-rate alerts that hold now, each over its one window (as
 * `prometheusRules` writes them; `for` is Prometheus's to wait out). A
 * severity other than `page` counts as a ticket: only pages make the
 * error-budget check warn.
 */
function ownAlertsFiring(
  query: SliQuery,
  ratios: Record<string, number>,
  budget: number,
): BudgetObservation['firing'] {
  return (query.slo.burnRateAlerts ?? []).flatMap(alert => {
    const w = promRange(alert.window);
    const ratio = ratios[w];
    if (!Number.isFinite(ratio) || ratio / budget < alert.factor) return [];
    return [
      {
        severity: alert.severity === 'page' ? 'page' : 'ticket',
        long: w,
        short: w,
        factor: alert.factor,
      } as const,
    ];
  });
}
