import type { Slo } from '../descriptor/types';

/**
 * Error budgets and burn rates, as the Google SRE workbook defines them
 * (chapter 5, "Alerting on SLOs"). Pure numbers: the Prometheus module
 * measures the ratios, the Ops tab and the checks read these.
 *
 * Vocabulary: the objective is a percentage of good events (99.9); the
 * budget is the share of events allowed to be bad (0.001); a ratio is bad
 * events over all events in some window; the burn rate is that ratio over
 * the budget (1 = the budget lasts exactly the SLO window).
 */

/**
 * The share of events an objective allows to be bad: 99.9 → 0.001.
 *
 * @public
 */
export function budgetFraction(objective: number): number {
  if (!(objective > 0 && objective < 100))
    throw new RangeError(
      `an objective is a percentage above 0 and below 100, not ${objective}`,
    );
  // Rounded to the objective's own precision: 1 - 0.999 is 0.0010000000000000009 in floating point.
  return Number((1 - objective / 100).toPrecision(12));
}

/**
 * An SLI's objective as a percentage of good events, whichever unit it is
 * written in (`>= 99.9%`, or `>= 0.999` with unit ratio).
 *
 * @public
 */
export function objectivePercent(slo: Pick<Slo, 'unit' | 'objective'>): number {
  return slo.unit === 'ratio' ? slo.objective.value * 100 : slo.objective.value;
}

/**
 * A share of the budget as people read it: 0.6 → "60 %", 0.1234 → "12.3 %".
 *
 * @public
 */
export function describeShare(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/**
 * How fast a bad-event ratio spends the budget: 1 spends it in exactly one
 * SLO window.
 *
 * @public
 */
export function burnRate(badRatio: number, objective: number): number {
  return badRatio / budgetFraction(objective);
}

/**
 * The budget over the SLO window from the counts measured over that window.
 *
 * @public
 */
export interface ErrorBudget {
  /** The share of events allowed to be bad (1 - objective). */
  budget: number;
  /** Bad events over all events in the window. */
  badRatio: number;
  /** The share of the budget spent (above 1 when overspent). */
  consumed: number;
  /** The share left (below 0 when overspent). */
  remaining: number;
  /** True when nothing is left. */
  exhausted: boolean;
}

/**
 * The window's budget from its good and total event counts (a ratio SLI);
 * undefined when the window saw no events, which spends nothing but proves
 * nothing either.
 *
 * @public
 */
export function errorBudget(
  objective: number,
  counts: { good: number; total: number },
): ErrorBudget | undefined {
  const { good, total } = counts;
  if (!(total > 0) || !Number.isFinite(good) || good < 0) return undefined;
  const budget = budgetFraction(objective);
  const badRatio = Math.min(1, Math.max(0, (total - good) / total));
  const consumed = badRatio / budget;
  return {
    budget,
    badRatio,
    consumed,
    remaining: 1 - consumed,
    exhausted: consumed >= 1,
  };
}

/**
 * How long the budget left lasts at a burn rate: the remaining share of the
 * budget times the SLO window, over the rate. Undefined when nothing is
 * burning; 0 when nothing is left.
 *
 * @public
 */
export function timeToExhaustionMs(
  remaining: number,
  rate: number,
  windowMs: number,
): number | undefined {
  if (remaining <= 0) return 0;
  if (!(rate > 0)) return undefined;
  return (remaining * windowMs) / rate;
}

/**
 * The share of the budget a burn rate spends in `durationMs` of an SLO window.
 *
 * @public
 */
export function budgetSpent(
  rate: number,
  durationMs: number,
  windowMs: number,
): number {
  return (rate * durationMs) / windowMs;
}
