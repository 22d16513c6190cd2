import { formatDuration } from '../durations';

/**
 * OpenSLO's duration shorthand: a whole number and one of m, h, d, w, M
 * (month), Q (quarter), Y (year), as `28d`, `1w`, `1M`. OpsKit's durations
 * have no months: those become days as the OpenSLO Go SDK counts them
 * (M = 30d, Q = 90d, Y = 365d), and the caller says so.
 */

const SHORTHAND = /^([0-9]{1,9})([mhdwMQY])$/;

const MINUTES: Record<string, number> = {
  m: 1,
  h: 60,
  d: 1440,
  w: 10_080,
  M: 43_200,
  Q: 129_600,
  Y: 525_600,
};

export interface Shorthand {
  value: number;
  unit: string;
  /** The same length as an OpsKit duration (`1M` → `30d`), undefined for 0. */
  duration?: string;
  /** The unit has no fixed length (M, Q, Y), so `duration` is an approximation. */
  calendarUnit: boolean;
}

/** Reads a duration shorthand; undefined when it is not one. */
export function readShorthand(input: unknown): Shorthand | undefined {
  if (typeof input !== 'string') return undefined;
  const match = SHORTHAND.exec(input.trim());
  if (!match) return undefined;
  const value = Number(match[1]);
  const unit = match[2];
  const ms = value * MINUTES[unit] * 60_000;
  return {
    value,
    unit,
    ...(ms > 0 ? { duration: formatDuration(ms) } : {}),
    calendarUnit: unit === 'M' || unit === 'Q' || unit === 'Y',
  };
}

/** What to write instead of a value that is not a duration shorthand. */
export function shorthandHint(input: unknown): string {
  const shown =
    typeof input === 'string' ? `"${input.slice(0, 40)}"` : String(input);
  return `${shown} is not an OpenSLO duration; write a whole number and m, h, d, w, M, Q or Y, e.g. "28d", "1w" or "1M"`;
}
