import type { OpsProfile } from '../descriptor/types';
import type { EntityFact } from '../facts/liveFacts';
import { productionEnvironment } from '../scoring/profileFacts';
import {
  BUDGET_FACT_PREFIX,
  sliQueries,
  type BudgetObservation,
} from './sliMeasurement';

/**
 * A compliance row's error budget: production's SLO with the least budget
 * left, so an SRE lead can sort and filter the catalog by it.
 *
 * @public
 */
export interface ProductionBudget {
  environment: string;
  /** The SLO with the least budget left (the first SLO when none is measured). */
  slo: string;
  /** Its share of the budget left (below 0 when overspent); null when no SLO saw events. */
  remaining: number | null;
  exhausted: boolean;
  /** A page-level burn-rate condition holds for some production SLO. */
  paging: boolean;
  /** Some production budget is stale, failed or not measured yet. */
  incomplete: boolean;
  /** Production SLOs with an SLI, and how many of them have a budget stored. */
  total: number;
  measured: number;
  observedAt: string | null;
}

function isObservation(value: unknown): value is BudgetObservation {
  return (
    typeof value === 'object' &&
    value !== null &&
    'remaining' in value &&
    'firing' in value
  );
}

/**
 * Production's worst error budget from the stored `budget/…` facts;
 * undefined when no production SLO has an SLI. A stale budget still
 * counts: it is the last one known, and the row says it is incomplete.
 *
 * @public
 */
export function productionBudget(
  profile: OpsProfile,
  facts: readonly EntityFact[] | undefined,
): ProductionBudget | undefined {
  const production = productionEnvironment(profile)?.name ?? 'production';
  const queries = sliQueries(profile).filter(q => q.environment === production);
  if (queries.length === 0) return undefined;
  const byName = new Map((facts ?? []).map(f => [f.name, f]));
  let worst: { slo: string; remaining: number; exhausted: boolean } | undefined;
  let paging = false;
  let incomplete = false;
  let measured = 0;
  let observedAt: string | null = null;
  for (const query of queries) {
    const fact = byName.get(query.factName);
    const seen = isObservation(fact?.value) ? fact!.value : undefined;
    if (!fact || !seen || fact.stale || fact.error) incomplete = true;
    if (!fact || !seen) continue;
    measured++;
    if (fact.observedAt && (!observedAt || fact.observedAt < observedAt))
      observedAt = fact.observedAt;
    if (seen.firing.some(f => f.severity === 'page')) paging = true;
    if (seen.remaining === null) continue;
    if (!worst || seen.remaining < worst.remaining)
      worst = {
        slo: query.slo.name,
        remaining: seen.remaining,
        exhausted: seen.exhausted,
      };
  }
  return {
    environment: production,
    slo: worst?.slo ?? queries[0].slo.name,
    remaining: worst?.remaining ?? null,
    exhausted: worst?.exhausted ?? false,
    paging,
    incomplete,
    total: queries.length,
    measured,
    observedAt,
  };
}

/**
 * One day's point of an SLO's budget history: the last budget measured
 * that day (UTC). Undefined for other facts, stale ones (the value is not
 * from that day) and budgets without events.
 *
 * @public
 */
export interface BudgetSample {
  day: string;
  remaining: number;
  observedAt: string;
}

/** @public */
export function budgetSample(fact: EntityFact): BudgetSample | undefined {
  if (
    !fact.name.startsWith(BUDGET_FACT_PREFIX) ||
    fact.stale ||
    !fact.observedAt
  )
    return undefined;
  const seen = isObservation(fact.value) ? fact.value : undefined;
  const at = Date.parse(fact.observedAt);
  if (typeof seen?.remaining !== 'number' || !Number.isFinite(seen.remaining))
    return undefined;
  if (Number.isNaN(at)) return undefined;
  return {
    day: new Date(at).toISOString().slice(0, 10),
    remaining: seen.remaining,
    observedAt: fact.observedAt,
  };
}
