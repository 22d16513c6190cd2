import { parseEntityRef } from '@backstage/catalog-model';
import type { OpsProfile, Slo, Threshold } from '../descriptor/types';
import type { Unit } from '../descriptor/vocabulary';
import {
  isProductionName,
  productionEnvironment,
} from '../scoring/profileFacts';
import { describeThreshold } from '../validation/sloRules';
import type { EntityFact, FactValue } from './liveFacts';

/**
 * SLO attainment as live facts: which queries to run for a profile, how a
 * measured value compares with the objective and the alert threshold, and
 * how the results read on the Ops tab and the compliance page. Any provider
 * (Prometheus today) produces these facts; the check and the UI read them.
 */

/**
 * One query to run: an SLO in one environment, its variables filled in.
 *
 * @public
 */
export interface SloQuery {
  slo: Slo;
  /** The SLO's position in `profile.slos`: its identity, since names may repeat across environments. */
  index: number;
  environment: string;
  /** The fact it is stored as. */
  factName: string;
  /** The PromQL to run, or undefined when it could not be expanded (see `error`). */
  query?: string;
  error?: string;
}

/**
 * What was measured for one SLO in one environment.
 *
 * @public
 */
export interface SloObservation {
  slo: string;
  environment: string;
  unit: Unit;
  query: string;
  value: number | null;
  /** The objective holds for the value; null when there is no value. */
  objectiveMet: boolean | null;
  /** The alert threshold is crossed; null when there is no value or no alert. */
  alerting: boolean | null;
}

/** @public */
export type SloState =
  | 'met'
  | 'breached'
  | 'alerting'
  | 'stale'
  | 'error'
  | 'unmeasured';

/**
 * The Ops tab's and compliance page's view of one SLO's live value.
 *
 * @public
 */
export interface LiveSlo {
  slo: string;
  /** Position in `profile.slos`. */
  index: number;
  /** The objective as it reads now (`< 200 ms`). */
  objective: string;
  environment: string;
  unit: Unit;
  value: number | null;
  state: SloState;
  observedAt: string | null;
  checkedAt: string | null;
  error?: string;
  /** For stale values: what was measured before the source became unreachable. */
  lastKnown?: 'met' | 'breached' | 'alerting';
}

/**
 * A compliance row's summary of production SLO attainment.
 *
 * @public
 */
export interface LiveSloSummary {
  environment: string;
  total: number;
  met: number;
  breached: number;
  alerting: number;
  /** Stale, errored or never measured. */
  unknown: number;
  /** The oldest observation among them: how old the summary is. */
  observedAt: string | null;
  slos: LiveSlo[];
}

/** @public */
export function sloFactName(environment: string, slo: string): string {
  return `slo/${environment}/${slo}`;
}

const VARIABLE = /\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))/g;

/**
 * Fills `$environment`, `${service}` and the like. An unknown variable is an
 * error rather than left in place, where Prometheus would reject it with a
 * message about PromQL syntax instead of the variable's name.
 *
 * @public
 */
export function expandQuery(
  query: string,
  variables: Record<string, string>,
): { query: string } | { error: string } {
  const unknown = new Set<string>();
  const expanded = query.replace(
    VARIABLE,
    (whole, braced: string | undefined, bare: string | undefined) => {
      const name = braced ?? bare!;
      if (Object.prototype.hasOwnProperty.call(variables, name))
        return variables[name];
      unknown.add(name);
      return whole;
    },
  );
  if (unknown.size) {
    return {
      error: `unknown variable ${[...unknown]
        .map(v => `$${v}`)
        .join(', ')} in the query; known: ${Object.keys(variables)
        .map(v => `$${v}`)
        .join(', ')}`,
    };
  }
  return { query: expanded };
}

/**
 * The variables a query may use for this profile in this environment.
 *
 * @public
 */
export function queryVariables(
  profile: OpsProfile,
  environment: string,
): Record<string, string> {
  const { namespace, name } = parseEntityRef(profile.entityRef);
  return {
    environment,
    service: name,
    name,
    namespace,
    kind: profile.kind.toLowerCase(),
    ...(profile.system ? { system: profile.system } : {}),
  };
}

/**
 * The queries of a profile: each SLO with a `query`, in its own environment
 * when it names one, else in each declared environment (or in production when
 * none is declared). When two SLOs of one name land in the same environment,
 * the one that names the environment wins: it was written for it.
 *
 * @public
 */
export function sloQueries(profile: OpsProfile): SloQuery[] {
  const declared = (profile.environments ?? []).map(e => e.name);
  const fallback = productionEnvironment(profile)?.name ?? 'production';
  const byFact = new Map<string, SloQuery>();
  (profile.slos ?? []).forEach((slo, index) => {
    if (!slo.query) return;
    let environments = slo.environment ? [slo.environment] : declared;
    if (environments.length === 0) environments = [fallback];
    for (const environment of environments) {
      const factName = sloFactName(environment, slo.name);
      const existing = byFact.get(factName);
      if (existing && (existing.slo.environment || !slo.environment)) continue;
      const expanded = expandQuery(
        slo.query!,
        queryVariables(profile, environment),
      );
      byFact.set(factName, { slo, index, environment, factName, ...expanded });
    }
  });
  return [...byFact.values()].sort((a, b) => a.index - b.index);
}

function holds(
  value: number,
  threshold: Pick<Threshold, 'op' | 'value'>,
): boolean {
  switch (threshold.op) {
    case 'lt':
      return value < threshold.value;
    case 'lte':
      return value <= threshold.value;
    case 'gt':
      return value > threshold.value;
    default:
      return value >= threshold.value;
  }
}

/**
 * Compares a measured value (in the SLO's unit) with its objective and alert threshold.
 *
 * @public
 */
export function observeSlo(
  query: SloQuery,
  value: number | null,
): SloObservation {
  const measured = value !== null && Number.isFinite(value) ? value : null;
  return {
    slo: query.slo.name,
    environment: query.environment,
    unit: query.slo.unit,
    query: query.query ?? query.slo.query ?? '',
    value: measured,
    objectiveMet:
      measured === null ? null : holds(measured, query.slo.objective),
    alerting:
      measured === null || !query.slo.alert
        ? null
        : holds(measured, query.slo.alert),
  };
}

function isObservation(value: FactValue): value is FactValue & SloObservation {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    typeof value.slo === 'string' &&
    typeof value.environment === 'string'
  );
}

/** Judged against the SLO as it reads now, so an edited objective applies before the next measurement. */
function measuredState(
  slo: Slo,
  value: number | null,
): 'met' | 'breached' | 'alerting' | undefined {
  if (value === null || !Number.isFinite(value)) return undefined;
  if (slo.alert && holds(value, slo.alert)) return 'alerting';
  return holds(value, slo.objective) ? 'met' : 'breached';
}

/**
 * The live view of each of the profile's queried SLOs, from whatever facts were collected.
 *
 * @public
 */
export function liveSlos(
  profile: OpsProfile,
  facts: readonly EntityFact[] | undefined,
): LiveSlo[] {
  const byName = new Map((facts ?? []).map(f => [f.name, f]));
  return sloQueries(profile).map(query => {
    const fact = byName.get(query.factName);
    const base = {
      slo: query.slo.name,
      index: query.index,
      objective: describeThreshold(query.slo.objective, query.slo.unit),
      environment: query.environment,
      unit: query.slo.unit,
    };
    if (!fact) {
      return {
        ...base,
        value: null,
        state: 'unmeasured' as const,
        observedAt: null,
        checkedAt: null,
        ...(query.error ? { error: query.error } : {}),
      };
    }
    const observation = isObservation(fact.value) ? fact.value : undefined;
    const measured = observation
      ? measuredState(query.slo, observation.value)
      : undefined;
    const common = {
      ...base,
      value: observation?.value ?? null,
      observedAt: fact.observedAt,
      checkedAt: fact.checkedAt,
      ...(fact.error ? { error: fact.error } : {}),
    };
    if (fact.stale)
      return {
        ...common,
        state: 'stale' as const,
        ...(measured ? { lastKnown: measured } : {}),
      };
    if (fact.error || !measured)
      return {
        ...common,
        state: fact.error ? ('error' as const) : ('unmeasured' as const),
      };
    return { ...common, state: measured };
  });
}

/**
 * Production's SLOs for the compliance list; undefined when none has a query.
 *
 * @public
 */
export function liveSloSummary(
  profile: OpsProfile,
  facts: readonly EntityFact[] | undefined,
): LiveSloSummary | undefined {
  // Without declared environments, any of production's usual names counts (an SLO may say `environment: prod`).
  const declared = productionEnvironment(profile)?.name;
  const slos = liveSlos(profile, facts).filter(s =>
    declared ? s.environment === declared : isProductionName(s.environment),
  );
  if (slos.length === 0) return undefined;
  const production = declared ?? slos[0].environment;
  const count = (...states: SloState[]) =>
    slos.filter(s => states.includes(s.state)).length;
  const observed = slos
    .map(s => s.observedAt)
    .filter((at): at is string => at !== null)
    .sort();
  return {
    environment: production,
    total: slos.length,
    met: count('met'),
    breached: count('breached', 'alerting'),
    alerting: count('alerting'),
    unknown: count('stale', 'error', 'unmeasured'),
    observedAt: observed[0] ?? null,
    slos,
  };
}
