import { BUILT_IN_DEFAULTS, type OpsDefaults } from '../defaults';
import type { OpsProfile } from '../descriptor/types';
import { dayStart } from '../durations';
import { BUILT_IN_CHECKS, BUILT_IN_SCORECARDS } from './builtInChecks';
import {
  CHECK_LEVELS,
  DEFAULT_SCORING_CONFIG,
  type CheckApplicability,
  type CheckResult,
  type CheckStatus,
  type OpsCheck,
  type OpsFacts,
  type ScoreLevel,
  type ScorecardDefinition,
  type ScorecardResult,
  type ScoringConfig,
  type Waiver,
} from './types';

/** @public */
export interface EvaluateOptions {
  facts?: OpsFacts;
  /**
   * The checks in effect, as {@link effectiveChecks} gives them: `config`'s
   * check overrides are not applied to them again. Default: the built-in
   * checks with `config` applied.
   */
  checks?: readonly OpsCheck[];
  scorecards?: readonly ScorecardDefinition[];
  config?: ScoringConfig;
  defaults?: OpsDefaults;
  now?: number;
}

const lower = (values: readonly string[] | undefined) =>
  values?.map(v => v.toLowerCase());

function matches(
  list: readonly string[] | undefined,
  value: string | undefined,
): boolean {
  if (!list || list.length === 0) return true;
  return value !== undefined && list.includes(value.toLowerCase());
}

/**
 * True when the check is meant for this entity.
 *
 * @public
 */
export function appliesTo(
  applicability: CheckApplicability | undefined,
  profile: OpsProfile,
): boolean {
  if (!applicability) return true;
  return (
    matches(lower(applicability.kinds), profile.kind) &&
    matches(lower(applicability.types), profile.type) &&
    matches(lower(applicability.tiers), profile.effectiveTier) &&
    matches(lower(applicability.lifecycles), profile.lifecycle)
  );
}

/**
 * Checks with config overrides applied and disabled ones removed.
 *
 * @public
 */
export function effectiveChecks(
  checks: readonly OpsCheck[],
  config: ScoringConfig,
): OpsCheck[] {
  const out: OpsCheck[] = [];
  for (const check of checks) {
    // Check ids come from modules and config: only an own entry is an override.
    const override = Object.prototype.hasOwnProperty.call(
      config.checks,
      check.id,
    )
      ? config.checks[check.id]
      : undefined;
    if (override?.enabled === false) continue;
    out.push(
      override
        ? {
            ...check,
            weight: override.weight ?? check.weight,
            level: override.level ?? check.level,
            appliesTo: override.appliesTo ?? check.appliesTo,
            ...(override.countsFrom ?? check.countsFrom
              ? { countsFrom: override.countsFrom ?? check.countsFrom }
              : {}),
          }
        : check,
    );
  }
  return out;
}

function activeWaiver(
  waivers: Waiver[] | undefined,
  checkId: string,
  now: number,
): Waiver | undefined {
  return waivers?.find(
    w => w.checkId === checkId && Date.parse(w.expiresAt) > now,
  );
}

const CREDIT: Record<CheckStatus, number> = {
  pass: 1,
  waived: 1,
  warn: 0,
  fail: 0,
  'not-applicable': 0,
};

/** Level = the highest level whose checks (and all lower levels') pass; warn and waived do not block. */
function levelOf(results: CheckResult[]): ScoreLevel {
  let level: ScoreLevel = 'none';
  for (const candidate of CHECK_LEVELS) {
    const rank = CHECK_LEVELS.indexOf(candidate);
    const blocked = results.some(
      r => CHECK_LEVELS.indexOf(r.level) <= rank && r.status === 'fail',
    );
    if (blocked) break;
    level = candidate;
  }
  return level;
}

/**
 * A check announced for a later date: shown with what it finds today, but
 * not-applicable until then, so it changes no score or level.
 */
function announced(result: CheckResult, countsFrom: string): CheckResult {
  if (result.status === 'not-applicable') return { ...result, countsFrom };
  const { waiver: _waiver, ...rest } = result;
  return {
    ...rest,
    status: 'not-applicable',
    countsFrom,
    message: `counts from ${countsFrom}; today it would be ${result.status}: ${result.message}`,
  };
}

function runCheck(
  check: OpsCheck,
  context: Parameters<OpsCheck['evaluate']>[0],
): CheckResult {
  const result = runCheckNow(check, context);
  return check.countsFrom && dayStart(check.countsFrom) > context.now
    ? announced(result, check.countsFrom)
    : result;
}

function runCheckNow(
  check: OpsCheck,
  context: Parameters<OpsCheck['evaluate']>[0],
): CheckResult {
  const base = {
    checkId: check.id,
    title: check.title,
    level: check.level,
    weight: check.weight,
    howToFix: check.howToFix,
  };
  if (!appliesTo(check.appliesTo, context.profile)) {
    return {
      ...base,
      status: 'not-applicable',
      message: 'does not apply to this entity',
    };
  }
  let outcome;
  try {
    outcome = check.evaluate(context);
  } catch (error) {
    // A custom check that throws must not take the scorecard down with it.
    return {
      ...base,
      status: 'warn',
      message: `check could not run: ${
        (error as Error)?.message ?? String(error)
      }`,
    };
  }
  if (outcome.status === 'fail') {
    const waiver = activeWaiver(context.facts.waivers, check.id, context.now);
    if (waiver) {
      return {
        ...base,
        status: 'waived',
        message: `${outcome.message} — waived by ${
          waiver.by
        } until ${waiver.expiresAt.slice(0, 10)}: ${waiver.reason}`,
        waiver,
      };
    }
  }
  return { ...base, status: outcome.status, message: outcome.message };
}

/**
 * Scores one profile against every scorecard. Pure: facts, config and "now"
 * are inputs, so the same inputs always give the same scorecards.
 *
 * @public
 */
export function evaluateScorecards(
  profile: OpsProfile,
  options: EvaluateOptions = {},
): ScorecardResult[] {
  const config = options.config ?? DEFAULT_SCORING_CONFIG;
  const defaults = options.defaults ?? BUILT_IN_DEFAULTS;
  const checks = options.checks ?? effectiveChecks(BUILT_IN_CHECKS, config);
  const context = {
    profile,
    facts: options.facts ?? {},
    policy: defaults.tiers[profile.effectiveTier],
    defaults,
    now: options.now ?? Date.now(),
  };
  const credit = { ...CREDIT, warn: config.warnCredit };
  return (options.scorecards ?? BUILT_IN_SCORECARDS).map(card => {
    const results = checks
      .filter(c => c.scorecard === card.id)
      .map(c => runCheck(c, context));
    const counts: Record<CheckStatus, number> = {
      pass: 0,
      fail: 0,
      warn: 0,
      waived: 0,
      'not-applicable': 0,
    };
    let earned = 0;
    let possible = 0;
    for (const result of results) {
      counts[result.status]++;
      if (result.status === 'not-applicable') continue;
      possible += result.weight;
      earned += result.weight * credit[result.status];
    }
    return {
      scorecard: card.id,
      title: card.title,
      score: possible > 0 ? Math.round((earned / possible) * 1000) / 10 : null,
      level: levelOf(results),
      results,
      counts,
    };
  });
}
