import { levelRank } from './complianceRecord';
import type { ScoreLevel } from './types';

/**
 * An entity's standing in two consecutive evaluations.
 *
 * @public
 */
export interface RecordChange {
  entityRef: string;
  owner?: string;
  previous: { level: ScoreLevel; failingChecks: string[] };
  current: { level: ScoreLevel; failingChecks: string[] };
}

/** @public */
export type Regression =
  | {
      type: 'level-dropped';
      entityRef: string;
      owner?: string;
      from: ScoreLevel;
      to: ScoreLevel;
    }
  | {
      type: 'check-failing';
      entityRef: string;
      owner?: string;
      checkId: string;
    };

/**
 * What got worse between two evaluations: a lower level, or a check that now
 * fails and did not before. Checks in `optOut` never count (teams silence
 * noisy ones in config). Consecutive runs are compared, so each regression is
 * found once: the next run already sees it failing.
 *
 * @public
 */
export function findRegressions(
  change: RecordChange,
  optOut: ReadonlySet<string> = new Set(),
): Regression[] {
  const out: Regression[] = [];
  const { entityRef, owner } = change;
  if (levelRank(change.current.level) < levelRank(change.previous.level)) {
    out.push({
      type: 'level-dropped',
      entityRef,
      owner,
      from: change.previous.level,
      to: change.current.level,
    });
  }
  const before = new Set(change.previous.failingChecks);
  for (const checkId of change.current.failingChecks) {
    if (!before.has(checkId) && !optOut.has(checkId))
      out.push({ type: 'check-failing', entityRef, owner, checkId });
  }
  return out;
}
