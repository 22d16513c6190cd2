import type { CampaignStore } from './CampaignStore';
import type { FactStore } from './FactStore';
import type { RescoreOutcome } from './RescoreWriter';
import type {
  ComplianceFilter,
  ComplianceQuery,
  ComplianceRow,
  ComplianceSort,
  CompliancePage,
  ComplianceSummary,
  EvaluationRun,
  HistoryPoint,
  StoredSignOff,
  StoredWaiver,
  TrendPoint,
  RecordChange,
} from '@opskit/plugin-ops-common';

// The data types are the API's wire types and live in ops-common, shared with the frontend.
export type {
  EvaluationStatus,
  EvaluationRun,
  ComplianceRow,
  StoredSignOff,
  StoredWaiver,
  ComplianceFilter,
  SortField,
  ComplianceSort,
  ComplianceQuery,
  CompliancePage,
  OwnerRollup,
  ComplianceSummary,
  TrendPoint,
  HistoryPoint,
} from '@opskit/plugin-ops-common';
export { SORT_FIELDS } from '@opskit/plugin-ops-common';

/** @public */
export interface NewSignOff {
  entityRef: string;
  itemId: string;
  version?: string;
  environment?: string;
  by: string;
  comment?: string;
  at?: Date;
}

/** @public */
export interface NewWaiver {
  entityRef: string;
  checkId: string;
  reason: string;
  expiresAt: Date;
  by: string;
  /** `pending` waits for an approver; `approved` is in force at once (default). */
  status?: 'pending' | 'approved';
}

/** @public */
export interface WaiverDecision {
  decision: 'approve' | 'deny';
  by: string;
  comment: string;
}

/**
 * Where ops-backend keeps evaluations, sign-offs, waivers and live facts.
 *
 * @public
 */
export interface OpsStore {
  readonly facts: FactStore;
  readonly campaigns: CampaignStore;

  startEvaluation(trigger: string): Promise<number>;
  /** Writes scored rows, and copies `unchanged` entities' rows from an earlier run inside the database. */
  writeResults(
    evaluationId: number,
    rows: ComplianceRow[],
    evaluatedAt: Date,
    unchanged?: { evaluationId: number; entityRefs: string[] },
  ): Promise<void>;
  /**
   * Computes the run's totals, marks it succeeded and prunes what retention
   * allows. `rowsOf`: a run that changed nothing serves that run's rows
   * instead of copies of them (EvaluationRun.rowsOf).
   */
  completeEvaluation(
    evaluationId: number,
    options: {
      checkIds: string[];
      historyRetentionMs: number;
      rowsOf?: number;
    },
  ): Promise<EvaluationRun>;
  /** Marks the run failed and drops its partial results; the previous run stays served. */
  failEvaluation(evaluationId: number, error: string): Promise<void>;
  /** Fails the runs still `running` that started before the given time (their backend stopped mid-run); returns their ids. */
  failInterruptedEvaluations(options: {
    startedBefore: Date;
    reason: string;
  }): Promise<number[]>;
  /**
   * Writes re-scored entities (after a sign-off, a waiver or a catalog
   * change) into the served run, with its totals, roll-ups and history, and
   * into running runs that hold them (`into`: a running run that takes them
   * even where it does not). Records when each was re-scored.
   */
  writeRescored(
    rows: ComplianceRow[],
    options: { checkIds: string[]; at: Date; into?: number },
  ): Promise<RescoreOutcome>;
  /** Entities re-scored at or after `since`: what a full run that started then scores again before it completes. */
  rescoredSince(since: Date): Promise<string[]>;
  latestEvaluation(): Promise<EvaluationRun | undefined>;
  lastRun(): Promise<EvaluationRun | undefined>;
  /** The newest run, whatever its status: a running one shows what is under way. */
  currentRun(): Promise<EvaluationRun | undefined>;

  listCompliance(query: ComplianceQuery): Promise<CompliancePage>;
  streamCompliance(
    filter: ComplianceFilter,
    sort: ComplianceSort,
  ): AsyncIterable<ComplianceRow>;
  summary(
    filter: ComplianceFilter,
    checkIds: string[],
  ): Promise<ComplianceSummary>;
  trend(options: { owner?: string; limit: number }): Promise<TrendPoint[]>;
  latestRecord(entityRef: string): Promise<ComplianceRow | undefined>;
  /** Entities whose level or failing checks differ between two kept evaluations. */
  changesBetween(
    previousId: number,
    currentId: number,
  ): Promise<RecordChange[]>;
  entityHistory(entityRef: string, limit: number): Promise<HistoryPoint[]>;

  addSignOff(signOff: NewSignOff): Promise<StoredSignOff>;
  listSignOffs(entityRef: string): Promise<StoredSignOff[]>;
  /** Every sign-off (of these entities), grouped by entity ref: the facts of an evaluation. */
  allSignOffs(entityRefs?: string[]): Promise<Map<string, StoredSignOff[]>>;

  /** Adds a waiver or request, or returns the one already active or pending for its entity and check (`created: false`). */
  addWaiver(
    waiver: NewWaiver,
  ): Promise<{ waiver: StoredWaiver; created: boolean }>;
  listWaivers(
    entityRef: string,
    options: { includeInactive: boolean },
  ): Promise<StoredWaiver[]>;
  getWaiver(id: string): Promise<StoredWaiver | undefined>;
  /** `revoked` is false when the waiver already was revoked: nothing changes then. */
  revokeWaiver(
    id: string,
    by: string,
    reason?: string,
  ): Promise<{ waiver: StoredWaiver; revoked: boolean } | undefined>;
  /**
   * Decides a pending request. Exactly one decision wins across replicas:
   * `decided` is false when it was no longer pending (decided, revoked or
   * expired), and the waiver is returned as it is.
   */
  decideWaiver(
    id: string,
    decision: WaiverDecision,
  ): Promise<{ waiver: StoredWaiver; decided: boolean } | undefined>;
  /** Waivers of any entity in one status, oldest first. */
  waiversByStatus(
    status: StoredWaiver['status'],
    limit: number,
  ): Promise<StoredWaiver[]>;
  /** Active waivers (of these entities), grouped by entity ref. */
  activeWaivers(entityRefs?: string[]): Promise<Map<string, StoredWaiver[]>>;
}
