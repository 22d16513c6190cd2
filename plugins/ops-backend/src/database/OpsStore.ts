import type { ComplianceRecord, ScoreLevel, SignOff, Waiver } from '@opskit/plugin-ops-common';

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

export const SORT_FIELDS = ['entityRef', 'owner', 'kind', 'tier', 'score', 'level', 'errorCount'] as const;
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

export interface NewSignOff {
  entityRef: string;
  itemId: string;
  version?: string;
  environment?: string;
  by: string;
  comment?: string;
  at?: Date;
}

export interface NewWaiver {
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: Date;
  by: string;
}

/** Where ops-backend keeps evaluations, sign-offs and waivers. */
export interface OpsStore {
  startEvaluation(trigger: string): Promise<number>;
  /** Writes scored rows, and copies `unchanged` entities' rows from an earlier run inside the database. */
  writeResults(evaluationId: number, rows: ComplianceRow[], evaluatedAt: Date, unchanged?: { evaluationId: number; entityRefs: string[] }): Promise<void>;
  /** Computes the run's totals, marks it succeeded and prunes what retention allows. */
  completeEvaluation(evaluationId: number, options: { checkIds: string[]; historyRetentionMs: number }): Promise<EvaluationRun>;
  /** Marks the run failed and drops its partial results; the previous run stays served. */
  failEvaluation(evaluationId: number, error: string): Promise<void>;
  latestEvaluation(): Promise<EvaluationRun | undefined>;
  lastRun(): Promise<EvaluationRun | undefined>;

  listCompliance(query: ComplianceQuery): Promise<CompliancePage>;
  streamCompliance(filter: ComplianceFilter, sort: ComplianceSort): AsyncIterable<ComplianceRow>;
  summary(filter: ComplianceFilter, checkIds: string[]): Promise<ComplianceSummary>;
  trend(options: { owner?: string; limit: number }): Promise<TrendPoint[]>;
  latestRecord(entityRef: string): Promise<ComplianceRow | undefined>;
  entityHistory(entityRef: string, limit: number): Promise<HistoryPoint[]>;

  addSignOff(signOff: NewSignOff): Promise<StoredSignOff>;
  listSignOffs(entityRef: string): Promise<StoredSignOff[]>;
  /** Every sign-off, grouped by entity ref: the facts of a catalog-wide evaluation. */
  allSignOffs(): Promise<Map<string, StoredSignOff[]>>;

  addWaiver(waiver: NewWaiver): Promise<StoredWaiver>;
  listWaivers(entityRef: string, options: { includeInactive: boolean }): Promise<StoredWaiver[]>;
  getWaiver(id: string): Promise<StoredWaiver | undefined>;
  revokeWaiver(id: string, by: string): Promise<StoredWaiver | undefined>;
  /** Active waivers, grouped by entity ref. */
  activeWaivers(): Promise<Map<string, StoredWaiver[]>>;
}
