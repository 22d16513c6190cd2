import type { OpsProfile, Slo } from '../descriptor/types';
import { durationToMs } from '../durations';
import { expandQuery, queryVariables } from '../facts/sloFacts';
import { productionEnvironment } from '../scoring/profileFacts';

/** The budget is counted over this when an SLO names no window (as the SLO rules warn). */
export const DEFAULT_SLO_WINDOW = '28d';

/** A PromQL range (`28d`, `5m`): whole units only; anything else in seconds. */
export function promRange(window: string): string {
  if (/^\d+(ms|s|m|h|d|w|y)$/.test(window)) return window;
  const ms = durationToMs(window);
  return ms === undefined ? window : `${Math.round(ms / 1000)}s`;
}

/** A label value for Prometheus (an entity ref or a name is fine as it is). */
export const quoted = (value: string) => JSON.stringify(value);

/**
 * The `le` matcher of a threshold's bucket: Prometheus writes bucket bounds
 * as decimals of seconds, and clients (and Prometheus 3's normalisation)
 * differ in trailing zeros ("1" or "1.0", "0.2" or "0.20"), so the matcher
 * is a regular expression that takes any of them.
 */
function leMatcher(thresholdMs: number): string {
  const plain = String(Number((thresholdMs / 1000).toPrecision(12)));
  // A backslash doubled for the PromQL string: the regex sees \. (a literal dot).
  const escaped = plain.replace('.', '\\\\.');
  return `le=~"${
    plain.includes('.') ? `${escaped}0*` : `${escaped}(\\\\.0+)?`
  }"`;
}

/**
 * The counters an SLI counts, as series selectors (with $environment and
 * friends expanded): good or bad events, and all events. A histogram's good
 * events are its bucket at the threshold (or at `bucketMs`), all events its
 * `_count`.
 */
export function sliCounters(
  sli: NonNullable<Slo['sli']>,
  expand: (q: string) => string,
  /** A histogram's bucket to count as fast enough, in ms, when not the threshold's own (see histogramBucket). */
  bucketMs?: number,
): { good?: string; bad?: string; total: string; histogram: boolean } {
  if ('good' in sli)
    return {
      good: expand(sli.good),
      total: expand(sli.total),
      histogram: false,
    };
  if ('bad' in sli)
    return { bad: expand(sli.bad), total: expand(sli.total), histogram: false };
  const thresholdMs = bucketMs ?? durationToMs(sli.threshold) ?? 0;
  const matchers = sli.selector ? expand(sli.selector) : '';
  return {
    good: `${sli.histogram}_bucket{${matchers ? `${matchers},` : ''}${leMatcher(
      thresholdMs,
    )}}`,
    total: `${sli.histogram}_count${matchers ? `{${matchers}}` : ''}`,
    histogram: true,
  };
}

/**
 * The bad-event ratio over `range`, from the SLI (with $environment and
 * friends expanded). A good or bad counter with no series counts as 0 (a
 * service that never failed has no 5xx series; one that only fails has no
 * 2xx series), while no `total` leaves the window empty: no events. A
 * histogram exports every bucket, slow or not: a missing one is a wrong
 * threshold, not zero.
 */
export function errorRatio(
  sli: NonNullable<Slo['sli']>,
  range: string,
  expand: (q: string) => string,
  /** A histogram's bucket to count as fast enough, in ms, when not the threshold's own (see histogramBucket). */
  bucketMs?: number,
): string {
  const { good, bad, total, histogram } = sliCounters(sli, expand, bucketMs);
  const rate = (series: string) => `sum(rate(${series}[${range}]))`;
  const orZero = (series: string) =>
    histogram ? rate(series) : `(${rate(series)} or vector(0))`;
  return bad !== undefined
    ? `${orZero(bad)} / ${rate(total)}`
    : `1 - (${orZero(good!)} / ${rate(total)})`;
}

/**
 * The `le` values a histogram SLI's series export, one series each: the
 * Prometheus module asks this before the budget, to count on the bucket
 * nearest the threshold (and say so) when none sits on it.
 */
export function histogramBucketsQuery(
  sli: Extract<NonNullable<Slo['sli']>, { histogram: string }>,
  expand: (q: string) => string,
): string {
  const matchers = sli.selector ? expand(sli.selector) : '';
  return `group by (le) (${sli.histogram}_bucket${
    matchers ? `{${matchers}}` : ''
  })`;
}

/**
 * The environments an SLO is measured in: its own, else each declared one,
 * else production (as the instant queries of `sloQueries`).
 */
export function sloEnvironments(profile: OpsProfile, slo: Slo): string[] {
  if (slo.environment) return [slo.environment];
  const declared = (profile.environments ?? []).map(e => e.name);
  if (declared.length) return declared;
  return [productionEnvironment(profile)?.name ?? 'production'];
}

/** `$environment`, `$service` and the like filled in; throws naming the SLO on an unknown one. */
export function sloExpander(
  profile: OpsProfile,
  slo: Slo,
  environment: string,
): (query: string) => string {
  const variables = queryVariables(profile, environment);
  // Each selector is expanded once per window it is asked over: keep the first.
  const done = new Map<string, string>();
  return query => {
    const kept = done.get(query);
    if (kept !== undefined) return kept;
    const expanded = expandQuery(query, variables);
    if ('error' in expanded)
      throw new Error(`SLO "${slo.name}": ${expanded.error}`);
    done.set(query, expanded.query);
    return expanded.query;
  };
}
