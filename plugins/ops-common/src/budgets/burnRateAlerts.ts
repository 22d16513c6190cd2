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

/**
 * Checks burn-rate conditions written in config (`ops.prometheus.burnRates`)
 * and returns them typed, or the first problem with its path: a window
 * OpsKit does not measure, a short window not shorter than its long one, a
 * factor that is not a positive number, or no page condition at all (the
 * error-budget check warns on pages).
 *
 * @public
 */
export function readBurnRateConditions(
  value: unknown,
  path = 'burnRates',
): { conditions: BurnRateCondition[] } | { error: string } {
  if (!Array.isArray(value) || value.length === 0)
    return { error: `${path}: must be a non-empty list of conditions` };
  const windows = BURN_RATE_WINDOWS as readonly string[];
  const conditions: BurnRateCondition[] = [];
  for (const [i, item] of value.entries()) {
    const at = `${path}[${i}]`;
    if (typeof item !== 'object' || item === null)
      return { error: `${at}: must be {severity, long, short, factor}` };
    const { severity, long, short, factor } = item as Record<string, unknown>;
    if (severity !== 'page' && severity !== 'ticket')
      return { error: `${at}.severity: must be page or ticket` };
    for (const [name, w] of [
      ['long', long],
      ['short', short],
    ] as const)
      if (typeof w !== 'string' || !windows.includes(w))
        return {
          error: `${at}.${name}: must be one of ${windows.join(', ')}`,
        };
    if (WINDOW_MS[short as BurnRateWindow] >= WINDOW_MS[long as BurnRateWindow])
      return { error: `${at}.short: must be shorter than long (${long})` };
    if (typeof factor !== 'number' || !(factor > 0) || !Number.isFinite(factor))
      return { error: `${at}.factor: must be a number above 0, e.g. 14.4` };
    conditions.push({
      severity,
      long: long as BurnRateWindow,
      short: short as BurnRateWindow,
      factor,
    });
  }
  if (!conditions.some(c => c.severity === 'page'))
    return { error: `${path}: needs at least one page condition` };
  return { conditions };
}
