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

/** The `le` label value of a threshold: Prometheus writes bucket bounds as plain decimals of seconds. */
function leOf(thresholdMs: number): string {
  return String(Number((thresholdMs / 1000).toPrecision(12)));
}

/** The bad-event ratio over `range`, from the SLI (with $environment and friends expanded). */
export function errorRatio(
  sli: NonNullable<Slo['sli']>,
  range: string,
  expand: (q: string) => string,
): string {
  const rate = (series: string) => `sum(rate(${expand(series)}[${range}]))`;
  if ('good' in sli) return `1 - (${rate(sli.good)} / ${rate(sli.total)})`;
  if ('bad' in sli) return `${rate(sli.bad)} / ${rate(sli.total)}`;
  const thresholdMs = durationToMs(sli.threshold) ?? 0;
  const matchers = sli.selector ? expand(sli.selector) : '';
  const bucket = `${sli.histogram}_bucket{${
    matchers ? `${matchers},` : ''
  }le=${quoted(leOf(thresholdMs))}}`;
  const count = `${sli.histogram}_count${matchers ? `{${matchers}}` : ''}`;
  return `1 - (sum(rate(${bucket}[${range}])) / sum(rate(${count}[${range}])))`;
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
  return query => {
    const expanded = expandQuery(query, variables);
    if ('error' in expanded)
      throw new Error(`SLO "${slo.name}": ${expanded.error}`);
    return expanded.query;
  };
}
