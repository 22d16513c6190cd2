import type { EntityFact } from '../facts/liveFacts';
import type { OpsDefaults, TierPolicy } from '../defaults';
import type { OpsProfile } from '../descriptor/types';
import type { Tier } from '../descriptor/vocabulary';

/** @public */
export const CHECK_LEVELS = ['bronze', 'silver', 'gold'] as const;
/** @public */
export type CheckLevel = (typeof CHECK_LEVELS)[number];
/**
 * A scorecard's level: the highest whose checks all pass, or none.
 *
 * @public
 */
export type ScoreLevel = CheckLevel | 'none';

/** @public */
export type CheckStatus =
  | 'pass'
  | 'fail'
  | 'warn'
  | 'waived'
  | 'not-applicable';

/**
 * Which entities a check applies to; an omitted list matches everything. Case-insensitive.
 *
 * @public
 */
export interface CheckApplicability {
  kinds?: string[];
  types?: string[];
  tiers?: Tier[];
  lifecycles?: string[];
}

/**
 * Built-in checks apply to components; config can widen or narrow that per check.
 *
 * @public
 */
export const COMPONENTS: CheckApplicability = { kinds: ['Component'] };

/**
 * A checklist item signed off for a version and/or environment.
 *
 * @public
 */
export interface SignOff {
  itemId: string;
  version?: string;
  environment?: string;
  /** User or service that signed, as an entity ref or service principal. */
  by: string;
  /** ISO timestamp. */
  at: string;
}

/**
 * A recorded exception: turns a failing check into `waived` until it expires.
 *
 * @public
 */
export interface Waiver {
  checkId: string;
  reason: string;
  /** ISO timestamp after which the waiver no longer applies. */
  expiresAt: string;
  by: string;
  createdAt?: string;
}

/**
 * Facts from outside the descriptor. The engine never fetches them: the
 * backend (or a test) passes them in, which keeps scoring pure.
 *
 * @public
 */
export interface OpsFacts {
  signOffs?: SignOff[];
  waivers?: Waiver[];
  /** Escalation target as written → whether it resolves to a catalog user or group. */
  resolvedTargets?: Record<string, boolean>;
  /** The version sign-offs must cover; defaults to the newest version history entry. */
  currentVersion?: string;
  /** What fact providers observed (SLO values from Prometheus, …), as ops-backend stores them. */
  live?: EntityFact[];
  /** Anything a custom check or fact provider needs. */
  [name: string]: unknown;
}

/** @public */
export interface CheckContext {
  profile: OpsProfile;
  facts: OpsFacts;
  /** The policy of the profile's effective tier. */
  policy: TierPolicy;
  defaults: OpsDefaults;
  now: number;
}

/** @public */
export interface CheckOutcome {
  status: 'pass' | 'fail' | 'warn' | 'not-applicable';
  /** Names what is missing, or what was found. */
  message: string;
}

/**
 * A check is a plain object with an evaluate function: add your own through ops-node.
 *
 * @public
 */
export interface OpsCheck {
  id: string;
  scorecard: string;
  title: string;
  description: string;
  howToFix: string;
  level: CheckLevel;
  weight: number;
  appliesTo?: CheckApplicability;
  /**
   * Announced ahead: until this date (YYYY-MM-DD, UTC) the check is shown but
   * does not change scores or levels.
   */
  countsFrom?: string;
  evaluate(context: CheckContext): CheckOutcome;
}

/**
 * A check as the API describes it: everything but the function.
 *
 * @public
 */
export type CheckDefinition = Omit<OpsCheck, 'evaluate'>;

/** @public */
export interface CheckResult {
  checkId: string;
  title: string;
  level: CheckLevel;
  weight: number;
  status: CheckStatus;
  message: string;
  howToFix: string;
  waiver?: Waiver;
  /** Set while the check is announced but does not count yet (status not-applicable). */
  countsFrom?: string;
}

/** @public */
export interface ScorecardDefinition {
  id: string;
  title: string;
  description: string;
}

/** @public */
export interface ScorecardResult {
  scorecard: string;
  title: string;
  /** Weighted pass ratio in percent (0–100, one decimal), or null when no check applies. */
  score: number | null;
  level: ScoreLevel;
  results: CheckResult[];
  counts: Record<CheckStatus, number>;
}

/**
 * Per-check overrides from config (`ops.scoring.checks.<id>`).
 *
 * @public
 */
export interface CheckOverride {
  enabled?: boolean;
  weight?: number;
  level?: CheckLevel;
  appliesTo?: CheckApplicability;
  /** YYYY-MM-DD: announce the check; it counts from that day (UTC). */
  countsFrom?: string;
}

/** @public */
export interface ScoringConfig {
  checks: Record<string, CheckOverride>;
  /** Credit a `warn` earns towards the score (0–1). */
  warnCredit: number;
}

/** @public */
export const DEFAULT_SCORING_CONFIG: ScoringConfig = {
  checks: {},
  warnCredit: 0.5,
};
