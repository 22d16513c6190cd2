/**
 * What the ops API returns, as types shared by the backend (which stores them)
 * and the frontend (which shows them). Plain data, no behaviour.
 */
import type { ComplianceRecord } from '../scoring/complianceRecord';
import type {
  CheckDefinition,
  ScoreLevel,
  ScorecardDefinition,
  ScorecardResult,
  SignOff,
  Waiver,
} from '../scoring/types';
import type { OpsProfile } from '../descriptor/types';
import type { OpsIssue } from '../validation/issues';
import type { EntityFact } from '../facts/liveFacts';

export type EvaluationStatus = 'running' | 'succeeded' | 'failed';

/** One catalog-wide evaluation run and its totals. */
export interface EvaluationRun {
  id: number;
  status: EvaluationStatus;
  trigger?: string;
  startedAt: string;
  finishedAt?: string;
  error?: string;
  entityCount: number;
  averageScore: number | null;
  levelCounts: Record<ScoreLevel, number>;
  /** Check id → number of entities failing it. */
  failingCounts: Record<string, number>;
}

/** A compliance record as stored, with the entity's display title. */
export interface ComplianceRow extends ComplianceRecord {
  title?: string;
}

export interface StoredSignOff extends SignOff {
  id: number;
  entityRef: string;
  comment?: string;
}

export interface StoredWaiver extends Waiver {
  id: string;
  entityRef: string;
  createdAt: string;
  revokedAt?: string;
  revokedBy?: string;
  /** Not revoked and not expired at the time of reading. */
  active: boolean;
}

/** Filters of the compliance list; lists match any of their values. */
export interface ComplianceFilter {
  owner?: string[];
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  tier?: string[];
  system?: string[];
  /** With `level`: that scorecard's level; alone: entities the scorecard applies to. */
  scorecard?: string;
  level?: ScoreLevel[];
  failingCheck?: string[];
  /** Case-insensitive substring of the entity ref or title. */
  text?: string;
}

export const SORT_FIELDS = [
  'entityRef',
  'owner',
  'kind',
  'tier',
  'score',
  'level',
  'errorCount',
] as const;
export type SortField = (typeof SORT_FIELDS)[number];

export interface ComplianceSort {
  field: SortField;
  order: 'asc' | 'desc';
}

export interface ComplianceQuery {
  filter: ComplianceFilter;
  sort: ComplianceSort;
  limit: number;
  cursor?: string;
}

export interface CompliancePage {
  evaluation?: EvaluationRun;
  items: ComplianceRow[];
  totalItems: number;
  /** Rows before this page (0 on the first). */
  offset: number;
  nextCursor?: string;
}

export interface OwnerRollup {
  owner: string;
  entityCount: number;
  averageScore: number | null;
  levelCounts: Record<ScoreLevel, number>;
}

export interface ComplianceSummary {
  evaluation?: EvaluationRun;
  entityCount: number;
  averageScore: number | null;
  levelCounts: Record<ScoreLevel, number>;
  failingCounts: Record<string, number>;
  owners: OwnerRollup[];
}

export interface TrendPoint {
  evaluationId: number;
  at: string;
  entityCount: number;
  averageScore: number | null;
  levelCounts: Record<ScoreLevel, number>;
}

export interface HistoryPoint {
  evaluationId: number;
  at: string;
  score: number | null;
  level: ScoreLevel;
  scorecards: Record<string, { score: number | null; level: ScoreLevel }>;
  failingCount: number;
}

/** Whether the served evaluation should be trusted, and why not. */
export interface Staleness {
  stale: boolean;
  reason?: string;
}

/** `GET /entities/{kind}/{namespace}/{name}`: evaluated now, plus what is stored for it. */
export interface EntityOpsResponse {
  entityRef: string;
  evaluatedAt: string;
  profile: OpsProfile;
  issues: OpsIssue[];
  scorecards: ScorecardResult[];
  /** Each escalation target as written → the catalog user or group it resolves to, or null. */
  escalationTargets: Record<string, string | null>;
  signOffs: StoredSignOff[];
  waivers: StoredWaiver[];
  latest: ComplianceRow | null;
  /** What fact providers last observed (SLO values, …); `liveSlos(profile, facts)` reads the SLOs. */
  facts: EntityFact[];
}

/** `GET /compliance`. */
export type ComplianceListResponse = CompliancePage & Staleness;

/** `GET /compliance/summary`. */
export type ComplianceSummaryResponse = ComplianceSummary &
  Staleness & { lastRun: EvaluationRun | null };

/** `GET /compliance/trend`. */
export interface ComplianceTrendResponse {
  owner: string | null;
  points: TrendPoint[];
}

/** `GET /entities/{kind}/{namespace}/{name}/history`. */
export interface EntityHistoryResponse {
  entityRef: string;
  items: HistoryPoint[];
}

/** `GET /checks`. */
export interface ChecksResponse {
  scorecards: ScorecardDefinition[];
  checks: CheckDefinition[];
  warnCredit: number;
}
