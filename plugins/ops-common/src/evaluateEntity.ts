import type { OpsEntityLike } from './annotations';
import { buildOpsProfile, type BuildProfileOptions } from './profile';
import { evaluateScorecards, type EvaluateOptions } from './scoring/engine';
import type { ScorecardResult } from './scoring/types';
import type { OpsProfile } from './descriptor/types';
import type { OpsIssue } from './validation/issues';

export interface EntityEvaluation {
  profile: OpsProfile;
  issues: OpsIssue[];
  scorecards: ScorecardResult[];
}

/** Profile, issues and scorecards of one entity: the one call the backend, CLI and bench make. */
export function evaluateEntity(
  entity: OpsEntityLike,
  options: BuildProfileOptions & Omit<EvaluateOptions, 'defaults' | 'now'> = {},
): EntityEvaluation {
  const now = options.now ?? Date.now();
  const { profile, issues } = buildOpsProfile(entity, { ...options, now });
  const scorecards = evaluateScorecards(profile, { ...options, now });
  return { profile, issues, scorecards };
}
