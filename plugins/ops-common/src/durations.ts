import { lookupTable } from './lookupTable';
/**
 * Durations: `15m`, `1h`, `30d`, `2w`, `500ms`, or ISO-8601 (`PT15M`, `P30D`).
 * Stored normalised to the largest unit that divides them exactly (`90m` stays
 * `90m`, `60m` becomes `1h`) so that equal durations compare equal as text.
 */

/** @public */
export type DurationUnit = 'ms' | 's' | 'm' | 'h' | 'd' | 'w';

const UNIT_MS: Record<DurationUnit, number> = lookupTable({
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
});

const SHORT = /^([1-9][0-9]{0,11})(ms|s|m|h|d|w)$/;
const ISO =
  /^P(?:([0-9]+)W)?(?:([0-9]+)D)?(?:T(?:([0-9]+)H)?(?:([0-9]+)M)?(?:([0-9]+(?:\.[0-9]{1,3})?)S)?)?$/;

/**
 * The outcome of reading a duration: its length in ms, or why it is refused.
 *
 * @public
 */
export type DurationResult =
  | { ok: true; ms: number; normalized: string }
  | { ok: false; message: string };

/**
 * Reads a duration written by a person; never throws.
 *
 * @public
 */
export function parseDuration(input: unknown): DurationResult {
  if (typeof input === 'number') {
    return {
      ok: false,
      message: `a bare number (${input}) has no unit; write it with one, e.g. "${input}m" or "${input}d"`,
    };
  }
  if (typeof input !== 'string') {
    return { ok: false, message: 'expected a duration such as "15m" or "30d"' };
  }
  const text = input.trim();
  const short = SHORT.exec(text);
  if (short) {
    const ms = Number(short[1]) * UNIT_MS[short[2] as DurationUnit];
    return { ok: true, ms, normalized: formatDuration(ms) };
  }
  if (/^[1-9][0-9]*M$/.test(text)) {
    return {
      ok: false,
      message: `"${text}" is ambiguous: minutes are written "${text.slice(
        0,
        -1,
      )}m" and months are not a fixed length (write days, e.g. "30d")`,
    };
  }
  if (/^[1-9][0-9]*(y|mo|Y)$/.test(text)) {
    return {
      ok: false,
      message: `"${text}" uses a unit of varying length; write days or weeks, e.g. "365d" or "52w"`,
    };
  }
  const iso = text.length > 1 ? ISO.exec(text) : null;
  if (iso && text !== 'PT') {
    const [, w, d, h, m, s] = iso;
    const ms =
      Number(w ?? 0) * UNIT_MS.w +
      Number(d ?? 0) * UNIT_MS.d +
      Number(h ?? 0) * UNIT_MS.h +
      Number(m ?? 0) * UNIT_MS.m +
      Math.round(Number(s ?? 0) * 1000);
    if (ms > 0) return { ok: true, ms, normalized: formatDuration(ms) };
  }
  if (/^P.*[YM].*$/.test(text) && !text.includes('T')) {
    return {
      ok: false,
      message: `"${text}" uses ISO years or months, which vary in length; use days (P30D) or weeks (P4W)`,
    };
  }
  if (/^0+(ms|s|m|h|d|w)?$/.test(text)) {
    return { ok: false, message: 'a duration must be longer than zero' };
  }
  return {
    ok: false,
    message: `"${truncate(
      text,
    )}" is not a duration; write a whole number and a unit (ms, s, m, h, d, w), e.g. "15m", "30d", or ISO-8601 such as "PT15M"`,
  };
}

/**
 * Formats milliseconds with the largest unit that divides them exactly.
 *
 * @public
 */
export function formatDuration(ms: number): string {
  const units: DurationUnit[] = ['w', 'd', 'h', 'm', 's'];
  for (const unit of units) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}

// Checks convert the same few policy durations for every entity: remember them.
const MS_CACHE = new Map<string, number | undefined>();

/**
 * Milliseconds of a duration that has already been validated, else undefined.
 *
 * @public
 */
export function durationToMs(input: string | undefined): number | undefined {
  if (input === undefined) return undefined;
  if (MS_CACHE.has(input)) return MS_CACHE.get(input);
  const result = parseDuration(input);
  const ms = result.ok ? result.ms : undefined;
  if (MS_CACHE.size < 1000) MS_CACHE.set(input, ms);
  return ms;
}

/**
 * Shortens user text quoted back in a message.
 *
 * @public
 */
export function truncate(text: string, max = 60): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Milliseconds of a YYYY-MM-DD day's start (UTC), or NaN for text that is
 * not a day that exists: Date.parse would roll 2027-02-30 over to March.
 *
 * @public
 */
export function dayStart(day: string): number {
  if (!DAY.test(day)) return NaN;
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) return NaN;
  return new Date(ms).toISOString().slice(0, 10) === day ? ms : NaN;
}
