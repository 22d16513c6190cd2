import {
  BUILT_IN_CHECKS,
  effectiveChecks,
  type OpsCheck,
  type ScoringConfig,
} from '@opskit/plugin-ops-common';

/**
 * The checks in effect, computed once at startup and shared by everything
 * that scores or names checks (router, evaluator, entity reader, actions).
 *
 * @public
 */
export interface OpsCheckSet {
  /** The registered checks with `ops.scoring.checks` applied: overrides in, disabled ones out. */
  checks: readonly OpsCheck[];
  /**
   * True when a module added checks: they are functions in this process, which
   * cannot cross to the scoring worker threads, so scoring stays in this thread.
   */
  inlineOnly: boolean;
}

/**
 * The check set of the registered checks under the scoring config.
 *
 * @public
 */
export function opsCheckSet(
  registered: readonly OpsCheck[],
  scoring: ScoringConfig,
  options: { inlineOnly: boolean },
): OpsCheckSet {
  return {
    checks: effectiveChecks(registered, scoring),
    inlineOnly: options.inlineOnly,
  };
}

/**
 * The check set when no module adds checks: the built-in ones, which the worker threads can score.
 *
 * @public
 */
export function builtInCheckSet(scoring: ScoringConfig): OpsCheckSet {
  return opsCheckSet(BUILT_IN_CHECKS, scoring, { inlineOnly: false });
}
