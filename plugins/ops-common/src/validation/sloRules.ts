import type { Slo, Threshold } from '../descriptor/types';
import type { Operator, Unit } from '../descriptor/vocabulary';
import type { RuleContext } from './ruleContext';
import { durationToMs } from '../durations';
import { lookupTable } from '../lookupTable';

const LOWER_IS_BETTER: ReadonlySet<Operator> = new Set(['lt', 'lte']);
const SYMBOL: Record<Operator, string> = lookupTable({
  lt: '<',
  lte: '≤',
  gt: '>',
  gte: '≥',
});

/**
 * How a value reads with its unit: `200 ms`, `99.9%`.
 *
 * @public
 */
export function describeValue(
  value: number,
  unit?: Unit,
  options: { exact?: boolean } = {},
): string {
  let suffix = '';
  if (unit === 'percent') suffix = '%';
  else if (unit && unit !== 'count' && unit !== 'ratio') suffix = ` ${unit}`;
  // Measured values come with float noise (0.30000000000000004): four significant digits are plenty to read.
  // Declared values (objectives, thresholds) are shown as written: 99.995 is not 99.99.
  const shown =
    Number.isInteger(value) || options.exact
      ? value
      : Number(value.toPrecision(4));
  return `${shown}${suffix}`;
}

/**
 * How an objective or threshold reads to a person: `< 200 ms`.
 *
 * @public
 */
export function describeThreshold(
  threshold: Pick<Threshold, 'op' | 'value'>,
  unit?: Unit,
): string {
  return `${SYMBOL[threshold.op]} ${describeValue(threshold.value, unit, {
    exact: true,
  })}`;
}

/**
 * How an SLO's alert reads: `> 500 ms for 5m`, or undefined when it has none.
 *
 * @public
 */
export function describeAlert(
  slo: Pick<Slo, 'alert' | 'unit'>,
): string | undefined {
  if (!slo.alert) return undefined;
  const lasting =
    'for' in slo.alert && slo.alert.for ? ` for ${slo.alert.for}` : '';
  return `${describeThreshold(slo.alert, slo.unit)}${lasting}`;
}

const RANGES: Partial<Record<Unit, [number, number, string]>> = {
  percent: [0, 100, 'a percentage lies between 0 and 100'],
  ratio: [0, 1, 'a ratio lies between 0 and 1 (use unit percent for 99.9)'],
};

/** Indicators that read oddly with some units: a hint, not an error. */
const EXPECTED_UNITS: Record<string, Unit[]> = lookupTable({
  latency: ['ms', 's'],
  'error-rate': ['percent', 'ratio', 'count', 'rps'],
  availability: ['percent', 'ratio'],
  throughput: ['rps', 'count'],
});

function checkValue(ctx: RuleContext, at: string, slo: Slo, value: number) {
  const range = RANGES[slo.unit];
  if (range && (value < range[0] || value > range[1])) {
    ctx.error(
      'slos',
      at,
      `${value} is outside ${range[0]}–${range[1]}: ${range[2]}`,
    );
  }
  if (!range && value < 0) {
    ctx.error(
      'slos',
      at,
      `${value} ${slo.unit} is negative; a ${slo.indicator} value cannot be`,
    );
  }
}

/** Returns false when the threshold is written in another unit than the SLO's. */
function checkWrittenUnit(
  ctx: RuleContext,
  at: string,
  slo: Slo,
  threshold: Threshold,
): boolean {
  const written = (threshold as { writtenUnit?: string }).writtenUnit;
  if (written && written !== slo.unit) {
    ctx.error(
      'slos',
      at,
      `is written in ${written} but the SLO's unit is ${slo.unit}; use one unit for both`,
    );
    return false;
  }
  return true;
}

/**
 * An alert must fire only once the objective is already missed: for "lower is
 * better" it needs `>`/`≥` at or above the objective, and the reverse for
 * "higher is better". Anything else pages people while all is well, or never.
 *
 * @public
 */
export function isAlertOnRightSide(slo: Slo): boolean {
  if (!slo.alert) return false;
  const objectiveLower = LOWER_IS_BETTER.has(slo.objective.op);
  if (objectiveLower === LOWER_IS_BETTER.has(slo.alert.op)) return false;
  return objectiveLower
    ? slo.alert.value >= slo.objective.value
    : slo.alert.value <= slo.objective.value;
}

function checkAlertSide(ctx: RuleContext, i: number, slo: Slo) {
  const alert = slo.alert;
  if (!alert) return;
  const objectiveLower = LOWER_IS_BETTER.has(slo.objective.op);
  const alertLower = LOWER_IS_BETTER.has(alert.op);
  const objective = describeThreshold(slo.objective, slo.unit);
  const threshold = describeThreshold(alert, slo.unit);
  if (objectiveLower === alertLower) {
    ctx.error(
      'slos',
      `[${i}].alert`,
      `alert "${threshold}" points the same way as the objective "${objective}", so it fires while the objective is met; use ${
        objectiveLower ? '">"' : '"<"'
      }`,
    );
    return;
  }
  const wrongSide = objectiveLower
    ? alert.value < slo.objective.value
    : alert.value > slo.objective.value;
  if (wrongSide) {
    ctx.error(
      'slos',
      `[${i}].alert.value`,
      `alert threshold ${threshold} is on the wrong side of the objective ${objective}: it fires before the objective is missed; set it ${
        objectiveLower ? 'at or above' : 'at or below'
      } ${slo.objective.value}`,
    );
  }
}

/** The shortest window an error budget is counted over: shorter than the slowest burn-rate window makes no sense. */
const MIN_WINDOW_MS = 3_600_000;
/** Beyond this, few Prometheus servers keep the samples (the default retention is 15 days). */
const LONG_WINDOW_MS = 90 * 86_400_000;

/**
 * An SLO with an SLI budgets errors: its objective is the share of good
 * events over its window (">= 99.9%"), not the indicator's own value.
 */
function checkSli(ctx: RuleContext, i: number, slo: Slo) {
  const { sli } = slo;
  if (!sli) return;
  const share = slo.unit === 'percent' || slo.unit === 'ratio';
  const upward = slo.objective.op === 'gte' || slo.objective.op === 'gt';
  if (!share || !upward)
    ctx.error(
      'slos',
      `[${i}].objective`,
      `with an SLI the objective is the share of good events: write unit: percent and objective ">= 99.9%"`,
    );
  else if (slo.objective.value >= (slo.unit === 'percent' ? 100 : 1))
    ctx.error(
      'slos',
      `[${i}].objective.value`,
      `an objective of 100% leaves no error budget; aim below it (99.9%)`,
    );
  if ('histogram' in sli && slo.indicator !== 'latency')
    ctx.warn(
      'slos',
      `[${i}].sli.histogram`,
      `a histogram threshold measures latency, but the indicator is ${slo.indicator}`,
    );
  const windowMs = slo.window ? durationToMs(slo.window) : undefined;
  if (windowMs === undefined)
    ctx.warn(
      'slos',
      `[${i}].window`,
      `has no window; the error budget is counted over 28d until one is given`,
    );
  else if (windowMs < MIN_WINDOW_MS)
    ctx.error(
      'slos',
      `[${i}].window`,
      `${slo.window} is too short to budget errors over; use at least 1h (28d is usual)`,
    );
  else if (windowMs > LONG_WINDOW_MS)
    ctx.warn(
      'slos',
      `[${i}].window`,
      `${slo.window} is longer than most Prometheus servers keep samples (15 days by default); make sure yours keeps ${slo.window}`,
    );
}

export function validateSlos(
  ctx: RuleContext,
  slos: Slo[] | undefined,
  environments: Set<string>,
) {
  if (!slos) return;
  const names = new Set<string>();
  slos.forEach((slo, i) => {
    const key = `${slo.name}\u0000${slo.environment ?? ''}`;
    if (names.has(key))
      ctx.warn(
        'slos',
        `[${i}].name`,
        `"${slo.name}" is defined twice; give each SLO its own name`,
      );
    names.add(key);
    checkValue(ctx, `[${i}].objective.value`, slo, slo.objective.value);
    // Comparing thresholds written in different units would only add noise.
    let sameUnits = checkWrittenUnit(
      ctx,
      `[${i}].objective`,
      slo,
      slo.objective,
    );
    if (slo.alert) {
      checkValue(ctx, `[${i}].alert.value`, slo, slo.alert.value);
      sameUnits =
        checkWrittenUnit(ctx, `[${i}].alert`, slo, slo.alert) && sameUnits;
    } else if (!slo.burnRateAlerts) {
      ctx.warn(
        'slos',
        `[${i}].alert`,
        `has no alert threshold; nobody is paged when "${slo.name}" degrades`,
      );
    }
    if (slo.burnRateAlerts && !slo.sli)
      ctx.warn(
        'slos',
        `[${i}].burnRateAlerts`,
        'burn-rate alerts need an sli to measure the error ratio; without one they are not generated',
      );
    if (sameUnits) checkAlertSide(ctx, i, slo);
    checkSli(ctx, i, slo);
    // With an SLI every indicator is a share of good events: the unit hint does not apply.
    const expected = slo.sli ? undefined : EXPECTED_UNITS[slo.indicator];
    if (expected && !expected.includes(slo.unit)) {
      ctx.warn(
        'slos',
        `[${i}].unit`,
        `${slo.indicator} is usually measured in ${expected.join(
          ' or ',
        )}, not ${slo.unit}`,
      );
    }
    if (
      slo.environment &&
      environments.size > 0 &&
      !environments.has(slo.environment)
    ) {
      ctx.warn(
        'slos',
        `[${i}].environment`,
        `"${slo.environment}" is not one of the environments (${[
          ...environments,
        ].join(', ')})`,
      );
    }
  });
}
