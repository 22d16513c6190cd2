import {
  BUILT_IN_CHECKS,
  customChecks,
  effectiveChecks,
  type CustomCheckDefinition,
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
  /** `ops.checks.custom`: data, so the worker threads compile and score them too. */
  custom: readonly CustomCheckDefinition[];
}

/**
 * The check set of the registered checks and the custom ones (after them)
 * under the scoring config.
 *
 * @public
 */
export function opsCheckSet(
  registered: readonly OpsCheck[],
  scoring: ScoringConfig,
  options: { inlineOnly: boolean; custom?: readonly CustomCheckDefinition[] },
): OpsCheckSet {
  const custom = options.custom ?? [];
  const ids = new Set(registered.map(check => check.id));
  for (const check of custom)
    if (ids.has(check.id))
      throw new Error(
        `ops.checks.custom: "${check.id}" is already a check registered by a module; give the custom check another id`,
      );
  return {
    checks: effectiveChecks([...registered, ...customChecks(custom)], scoring),
    inlineOnly: options.inlineOnly,
    custom,
  };
}

/**
 * The check set when no module adds checks: the built-in ones, which the worker threads can score.
 *
 * @public
 */
export function builtInCheckSet(
  scoring: ScoringConfig,
  custom: readonly CustomCheckDefinition[] = [],
): OpsCheckSet {
  return opsCheckSet(BUILT_IN_CHECKS, scoring, { inlineOnly: false, custom });
}
