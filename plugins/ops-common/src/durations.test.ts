import { durationToMs, formatDuration, parseDuration } from './durations';

describe('parseDuration', () => {
  it.each([
    ['15m', '15m', 900_000],
    ['60m', '1h', 3_600_000],
    ['90m', '90m', 5_400_000],
    ['1440m', '1d', 86_400_000],
    ['14d', '2w', 1_209_600_000],
    ['500ms', '500ms', 500],
    ['PT15M', '15m', 900_000],
    ['P30D', '30d', 2_592_000_000],
    ['PT1H30M', '90m', 5_400_000],
    ['P1W', '1w', 604_800_000],
  ])('reads %s as %s', (input, normalized, ms) => {
    expect(parseDuration(input)).toEqual({ ok: true, normalized, ms });
  });

  it('refuses 1M as ambiguous, naming both readings', () => {
    const result = parseDuration('1M');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toMatch(/ambiguous.*"1m".*months/);
  });

  it.each(['0m', '', 'soon', '1.5h', '-5m', 'P1M', 'P1Y', '5y', 'PT'])(
    'refuses %j',
    input => {
      expect(parseDuration(input).ok).toBe(false);
    },
  );

  it('refuses bare numbers and says how to fix them', () => {
    const result = parseDuration(30);
    expect(!result.ok && result.message).toMatch(/"30m" or "30d"/);
  });

  it('formats and converts', () => {
    expect(formatDuration(172_800_000)).toBe('2d');
    expect(formatDuration(1500)).toBe('1500ms');
    expect(durationToMs('2h')).toBe(7_200_000);
    expect(durationToMs('nope')).toBeUndefined();
  });
});
