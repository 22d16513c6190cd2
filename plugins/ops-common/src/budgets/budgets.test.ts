import {
  budgetFraction,
  budgetSpent,
  describeShare,
  objectivePercent,
  burnRate,
  burnRateVerdicts,
  DEFAULT_BURN_RATE_CONDITIONS,
  errorBudget,
  histogramBucket,
  timeToExhaustionMs,
} from '.';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WINDOW_30D = 30 * DAY;

// Worked examples from the Google SRE workbook, "Alerting on SLOs" (99.9 % over 30 days).
describe('error budgets and burn rates (SRE workbook examples)', () => {
  it('gives a 99.9 % objective a budget of 0.1 % of events', () => {
    expect(budgetFraction(99.9)).toBe(0.001);
    expect(budgetFraction(99.99)).toBe(0.0001);
    expect(budgetFraction(95)).toBe(0.05);
    expect(() => budgetFraction(100)).toThrow(/above 0 and below 100/);
    expect(() => budgetFraction(0)).toThrow(RangeError);
  });

  it('reads an objective written as a ratio or a percentage, and shows shares as people read them', () => {
    const objective = (unit: 'ratio' | 'percent', value: number) =>
      objectivePercent({ unit, objective: { op: 'gte', value } });
    expect(objective('ratio', 0.999)).toBeCloseTo(99.9, 10);
    expect(objective('percent', 99.9)).toBe(99.9);
    expect(describeShare(0.6)).toBe('60 %');
    expect(describeShare(0.12345)).toBe('12.3 %');
  });

  it('spends half the budget when 0.05 % of a million requests fail', () => {
    expect(errorBudget(99.9, { good: 999_500, total: 1_000_000 })).toEqual({
      budget: 0.001,
      badRatio: 0.0005,
      consumed: expect.closeTo(0.5, 10),
      remaining: expect.closeTo(0.5, 10),
      exhausted: false,
    });
    // Overspent: 0.2 % bad is twice the budget.
    const over = errorBudget(99.9, { good: 998_000, total: 1_000_000 })!;
    expect(over.consumed).toBeCloseTo(2, 10);
    expect(over.remaining).toBeCloseTo(-1, 10);
    expect(over.exhausted).toBe(true);
    // No events: nothing spent, but nothing known either.
    expect(errorBudget(99.9, { good: 0, total: 0 })).toBeUndefined();
  });

  it('has a burn rate of 1 when the bad ratio equals the budget, 14.4 at 1.44 % errors', () => {
    expect(burnRate(0.001, 99.9)).toBeCloseTo(1, 10);
    expect(burnRate(0.0144, 99.9)).toBeCloseTo(14.4, 10);
    // The workbook's table: 100 % errors burn a 99.9 % budget 1,000 times too fast.
    expect(burnRate(1, 99.9)).toBeCloseTo(1000, 6);
  });

  it('spends 2 % of the budget at 14.4× in an hour, 5 % at 6× in six hours, 10 % at 3× in a day and at 1× in three days', () => {
    expect(budgetSpent(14.4, HOUR, WINDOW_30D)).toBeCloseTo(0.02, 10);
    expect(budgetSpent(6, 6 * HOUR, WINDOW_30D)).toBeCloseTo(0.05, 10);
    expect(budgetSpent(3, DAY, WINDOW_30D)).toBeCloseTo(0.1, 10);
    expect(budgetSpent(1, 3 * DAY, WINDOW_30D)).toBeCloseTo(0.1, 10);
  });

  it('exhausts a full budget in 50 hours at 14.4×, a whole window at 1×', () => {
    expect(timeToExhaustionMs(1, 14.4, WINDOW_30D)).toBeCloseTo(50 * HOUR, 0);
    expect(timeToExhaustionMs(1, 1, WINDOW_30D)).toBe(WINDOW_30D);
    // Half left at 2×: a quarter of the window.
    expect(timeToExhaustionMs(0.5, 2, WINDOW_30D)).toBe(WINDOW_30D / 4);
    expect(timeToExhaustionMs(0.5, 0, WINDOW_30D)).toBeUndefined();
    expect(timeToExhaustionMs(-0.2, 3, WINDOW_30D)).toBe(0);
  });

  it('fires a condition only when both its long and short windows burn at its factor', () => {
    const verdicts = burnRateVerdicts(
      { '5m': 20, '1h': 15, '30m': 2, '6h': 7, '2h': 1, '1d': 2, '3d': 1.2 },
      WINDOW_30D,
    );
    expect(
      verdicts.map(v => [v.severity, v.long, v.short, v.factor, v.firing]),
    ).toEqual([
      ['page', '1h', '5m', 14.4, true],
      // 6× over 6h, but the last 30 minutes have calmed down: reset.
      ['page', '6h', '30m', 6, false],
      ['ticket', '1d', '2h', 3, false],
      ['ticket', '3d', '6h', 1, true],
    ]);
    expect(verdicts.map(v => v.budgetAtFiring)).toEqual([
      expect.closeTo(0.02, 10),
      expect.closeTo(0.05, 10),
      expect.closeTo(0.1, 10),
      expect.closeTo(0.1, 10),
    ]);
    // A window not measured cannot fire.
    expect(burnRateVerdicts({ '1h': 100 }, WINDOW_30D)[0].firing).toBe(false);
    // Configurable: a stricter page.
    expect(
      burnRateVerdicts({ '1h': 10, '5m': 10 }, WINDOW_30D, [
        { severity: 'page', long: '1h', short: '5m', factor: 10 },
      ])[0].firing,
    ).toBe(true);
    expect(DEFAULT_BURN_RATE_CONDITIONS).toHaveLength(4);
  });
});

describe('histogramBucket', () => {
  const les = [
    '0.005',
    '0.01',
    '0.025',
    '0.05',
    '0.1',
    '0.25',
    '0.5',
    '1',
    '+Inf',
  ];

  it('counts a threshold on its own bucket when the histogram has one', () => {
    expect(histogramBucket(250, les)).toEqual({
      le: 0.25,
      thresholdSeconds: 0.25,
      offBy: 0,
    });
  });

  it('takes the nearest bucket and says how far off it is', () => {
    const near = histogramBucket(95, les)!;
    expect(near.le).toBe(0.1);
    expect(near.warning).toBeUndefined();
    const far = histogramBucket(200, les)!;
    expect(far.le).toBe(0.25);
    expect(far.offBy).toBeCloseTo(0.25, 10);
    expect(far.warning).toBe(
      'no bucket near 200 ms: counted on le="0.25" (250 ms, 25 % off); add a bucket at 0.2 to the histogram',
    );
    // A tie goes to the lower bucket: stricter, never flattering.
    expect(histogramBucket(75, les)!.le).toBe(0.05);
  });

  it('has no bucket for a histogram without finite boundaries', () => {
    expect(histogramBucket(200, ['+Inf'])).toBeUndefined();
    expect(histogramBucket(200, [])).toBeUndefined();
  });
});
