import {
  CHECK_LEVELS,
  type CheckLevel,
  type CheckResult,
  type ScoreLevel,
  type ScorecardResult,
} from './types';

/**
 * A release gate: does the entity reach a level on its scorecards? The CLI's
 * `opskit gate` and the scaffolder's `ops:gate` both decide with this, so a
 * pipeline and a template never disagree.
 */

/** @public */
export interface GateOptions {
  minLevel: CheckLevel;
  /** Scorecard ids to hold to the level; default every scorecard. */
  scorecards?: readonly string[];
}

/** @public */
export interface GateScorecard {
  scorecard: string;
  title: string;
  level: ScoreLevel;
  passed: boolean;
  /** The failing checks at or below the level asked for: what stands between the entity and it. */
  blocking: Array<
    Pick<CheckResult, 'checkId' | 'title' | 'level' | 'message' | 'howToFix'>
  >;
}

/** @public */
export interface GateResult {
  passed: boolean;
  minLevel: CheckLevel;
  scorecards: GateScorecard[];
  /** Scorecard ids asked for that the entity does not have (the gate fails on them). */
  unknownScorecards: string[];
}

const rank = (level: ScoreLevel) =>
  level === 'none' ? -1 : CHECK_LEVELS.indexOf(level);

/**
 * Whether the scorecards reach `minLevel`, and which failing checks block it.
 *
 * @public
 */
export function gateResult(
  scorecards: readonly ScorecardResult[],
  options: GateOptions,
): GateResult {
  const wanted = options.scorecards?.length ? options.scorecards : undefined;
  const held = scorecards.filter(
    card => !wanted || wanted.includes(card.scorecard),
  );
  const unknownScorecards = (wanted ?? []).filter(
    id => !scorecards.some(card => card.scorecard === id),
  );
  const results = held.map(card => ({
    scorecard: card.scorecard,
    title: card.title,
    level: card.level,
    passed: rank(card.level) >= rank(options.minLevel),
    blocking: card.results
      .filter(
        r => r.status === 'fail' && rank(r.level) <= rank(options.minLevel),
      )
      .map(({ checkId, title, level, message, howToFix }) => ({
        checkId,
        title,
        level,
        message,
        howToFix,
      })),
  }));
  return {
    passed: unknownScorecards.length === 0 && results.every(r => r.passed),
    minLevel: options.minLevel,
    scorecards: results,
    unknownScorecards,
  };
}

/**
 * The gate's verdict as lines for a terminal or a scaffolder log: each
 * scorecard's level and, where it falls short, the blocking checks and their fixes.
 *
 * @public
 */
export function gateReport(entityRef: string, result: GateResult): string[] {
  const lines = [
    `${entityRef}: ${result.passed ? '✔ reaches' : '✖ does not reach'} ${
      result.minLevel
    }`,
  ];
  for (const id of result.unknownScorecards)
    lines.push(`  ✖ no scorecard "${id}"`);
  for (const card of result.scorecards) {
    lines.push(
      `  ${card.passed ? '✔' : '✖'} ${card.title}: level ${card.level}${
        card.passed ? '' : `, needs ${result.minLevel}`
      }`,
    );
    for (const check of card.passed ? [] : card.blocking)
      lines.push(
        `      ✖ ${check.title} (${check.level}): ${check.message}`,
        `        fix: ${check.howToFix}`,
      );
  }
  return lines;
}
