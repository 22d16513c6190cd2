import { budgetSpent } from './errorBudget';

/**
 * The windows a burn rate is measured over, in the workbook's multiwindow,
 * multi-burn-rate alerts.
 *
 * @public
 */
export const BURN_RATE_WINDOWS = [
  '5m',
  '30m',
  '1h',
  '2h',
  '6h',
  '1d',
  '3d',
] as const;

/** @public */
export type BurnRateWindow = (typeof BURN_RATE_WINDOWS)[number];

const WINDOW_MS: Record<BurnRateWindow, number> = {
  '5m': 5 * 60_000,
  '30m': 30 * 60_000,
  '1h': 3_600_000,
  '2h': 2 * 3_600_000,
  '6h': 6 * 3_600_000,
  '1d': 86_400_000,
  '3d': 3 * 86_400_000,
};

/**
 * A burn-rate window's length in milliseconds.
 *
 * @public
 */
export function burnRateWindowMs(window: BurnRateWindow): number {
  return WINDOW_MS[window];
}

/**
 * One alert condition: the burn rate is at least `factor` over both the long
 * window (it is significant) and the short one (it is still happening, so the
 * alert resets soon after the burn stops).
 *
 * @public
 */
export interface BurnRateCondition {
  severity: 'page' | 'ticket';
  long: BurnRateWindow;
  short: BurnRateWindow;
  factor: number;
}

/**
 * The workbook's recommended conditions for a 30-day SLO: page at 14.4×
 * over 1h and 5m (2 % of the budget in an hour) or 6× over 6h and 30m (5 %
 * in six hours); ticket at 3× over 1d and 2h (10 % in a day) or 1× over 3d
 * and 6h (10 % in three days).
 *
 * @public
 */
export const DEFAULT_BURN_RATE_CONDITIONS: readonly BurnRateCondition[] = [
  { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
  { severity: 'page', long: '6h', short: '30m', factor: 6 },
  { severity: 'ticket', long: '1d', short: '2h', factor: 3 },
  { severity: 'ticket', long: '3d', short: '6h', factor: 1 },
];

/** @public */
export interface BurnRateVerdict extends BurnRateCondition {
  /** Both windows at or above the factor. */
  firing: boolean;
  /** The share of the budget this condition's long window spends when it just fires. */
  budgetAtFiring: number;
  longRate?: number;
  shortRate?: number;
}

/**
 * Which conditions hold for the measured burn rates (a window that was not
 * measured cannot fire its conditions).
 *
 * @public
 */
export function burnRateVerdicts(
  rates: Partial<Record<BurnRateWindow, number>>,
  windowMs: number,
  conditions: readonly BurnRateCondition[] = DEFAULT_BURN_RATE_CONDITIONS,
): BurnRateVerdict[] {
  return conditions.map(condition => {
    const longRate = rates[condition.long];
    const shortRate = rates[condition.short];
    return {
      ...condition,
      firing:
        longRate !== undefined &&
        shortRate !== undefined &&
        longRate >= condition.factor &&
        shortRate >= condition.factor,
      budgetAtFiring: budgetSpent(
        condition.factor,
        WINDOW_MS[condition.long],
        windowMs,
      ),
      ...(longRate !== undefined ? { longRate } : {}),
      ...(shortRate !== undefined ? { shortRate } : {}),
    };
  });
}
