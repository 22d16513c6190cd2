import type { OpsEntityLike } from './annotations';
import { buildOpsProfile, type BuildProfileOptions } from './profile';
import { evaluateScorecards, type EvaluateOptions } from './scoring/engine';
import type { ScorecardResult } from './scoring/types';
import type { OpsProfile } from './descriptor/types';
import type { OpsIssue } from './validation/issues';
import type { OpsFacts } from './scoring/types';

/** @public */
export interface EntityEvaluation {
  profile: OpsProfile;
  issues: OpsIssue[];
  scorecards: ScorecardResult[];
}

/**
 * Profile, issues and scorecards of one entity: the one call the backend, CLI and bench make.
 *
 * @public
 */
export function evaluateEntity(
  entity: OpsEntityLike,
  options: BuildProfileOptions &
    Omit<EvaluateOptions, 'defaults' | 'now' | 'facts'> & {
      /** Facts, or a function of the profile when they depend on it (escalation targets to resolve). */
      facts?: OpsFacts | ((profile: OpsProfile) => OpsFacts);
    } = {},
): EntityEvaluation {
  const now = options.now ?? Date.now();
  const { profile, issues } = buildOpsProfile(entity, { ...options, now });
  const facts =
    typeof options.facts === 'function'
      ? options.facts(profile)
      : options.facts;
  const scorecards = evaluateScorecards(profile, { ...options, facts, now });
  return { profile, issues, scorecards };
}
