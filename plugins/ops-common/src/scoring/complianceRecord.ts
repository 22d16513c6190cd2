import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import type { EntityEvaluation } from '../evaluateEntity';
import type { EntityFact } from '../facts/liveFacts';
import { liveSloSummary, type LiveSloSummary } from '../facts/sloFacts';
import {
  productionBudget,
  type ProductionBudget,
} from '../budgets/productionBudget';
import { CHECK_LEVELS, type ScoreLevel } from './types';
import { lookupTable } from '../lookupTable';

/**
 * One entity's row in the catalog-wide compliance list: what SRE leads filter and sort on.
 *
 * @public
 */
export interface ComplianceRecord {
  entityRef: string;
  kind: string;
  type?: string;
  lifecycle?: string;
  owner?: string;
  system?: string;
  /** The tier whose policy applied (declared, else the org's fallback). */
  tier: string;
  /** Whether the entity declares a tier and ops data at all. */
  declaredTier: boolean;
  /** Mean of the applicable scorecards' scores; null when none applies. */
  score: number | null;
  /** The lowest level among applicable scorecards: a service is as ready as its weakest card. */
  level: ScoreLevel;
  scorecards: Record<string, { score: number | null; level: ScoreLevel }>;
  failingChecks: string[];
  warningChecks: string[];
  errorCount: number;
  warningCount: number;
  /** Production SLOs measured live, when any has a query. */
  slos?: LiveSloSummary;
  /** Production's worst error budget, when any production SLO has an SLI. */
  budget?: ProductionBudget;
}

const LEVEL_RANK: Record<ScoreLevel, number> = lookupTable({
  none: 0,
  bronze: 1,
  silver: 2,
  gold: 3,
});

/**
 * Orders levels for sorting and comparisons: none, bronze, silver, gold (lowest first).
 *
 * @public
 */
export function levelRank(level: ScoreLevel): number {
  return LEVEL_RANK[level] ?? 0;
}

/** @public */
export function isScoreLevel(value: unknown): value is ScoreLevel {
  return (
    value === 'none' || (CHECK_LEVELS as readonly unknown[]).includes(value)
  );
}

/**
 * `live`: the entity's stored facts, for the production SLO summary.
 *
 * @public
 */
export function complianceRecord(
  evaluation: EntityEvaluation,
  live?: readonly EntityFact[],
): ComplianceRecord {
  const { profile, issues, scorecards } = evaluation;
  const applicable = scorecards.filter(card => card.score !== null);
  const score = applicable.length
    ? Math.round(
        (applicable.reduce((sum, card) => sum + (card.score ?? 0), 0) /
          applicable.length) *
          10,
      ) / 10
    : null;
  let level: ScoreLevel = applicable.length ? 'gold' : 'none';
  for (const card of applicable)
    if (levelRank(card.level) < levelRank(level)) level = card.level;
  const failingChecks: string[] = [];
  const warningChecks: string[] = [];
  for (const card of scorecards) {
    for (const result of card.results) {
      if (result.status === 'fail') failingChecks.push(result.checkId);
      else if (result.status === 'warn') warningChecks.push(result.checkId);
    }
  }
  return {
    entityRef: profile.entityRef,
    kind: profile.kind,
    type: profile.type,
    lifecycle: profile.lifecycle,
    owner: fullRef(profile.owner, 'group'),
    system: fullRef(profile.system, 'system'),
    tier: profile.effectiveTier,
    declaredTier: profile.tier !== undefined,
    score,
    level,
    scorecards: Object.fromEntries(
      scorecards.map(card => [
        card.scorecard,
        { score: card.score, level: card.level },
      ]),
    ),
    failingChecks,
    warningChecks,
    errorCount: issues.filter(i => i.severity === 'error').length,
    warningCount: issues.filter(i => i.severity === 'warning').length,
    ...withSlos(liveSloSummary(profile, live)),
    ...withBudget(productionBudget(profile, live)),
  };
}

function withSlos(slos: LiveSloSummary | undefined): { slos?: LiveSloSummary } {
  return slos ? { slos } : {};
}

function withBudget(budget: ProductionBudget | undefined): {
  budget?: ProductionBudget;
} {
  return budget ? { budget } : {};
}

/** `payments-team` → `group:default/payments-team`, so filters match however the entity wrote it. */
function fullRef(
  ref: string | undefined,
  defaultKind: string,
): string | undefined {
  if (!ref) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLowerCase();
  } catch {
    return ref.toLowerCase();
  }
}
