import { isScoreLevel } from '@opskit/plugin-ops-common';
import {
  averageOut,
  iso,
  levelCountsOut,
  optionalIso,
  scoreOut,
} from './columnValues';
import { parseJson } from './parseJson';
import type {
  EvaluationRun,
  HistoryPoint,
  OwnerRollup,
  StoredSignOff,
  StoredWaiver,
  TrendPoint,
} from './OpsStore';

// Rows of every table but ops_entity_results, whose columns are declared in resultColumns.ts.

export function toRun(row: any): EvaluationRun {
  return {
    id: Number(row.id),
    status: row.status,
    trigger: row.trigger ?? undefined,
    startedAt: iso(row.started_at),
    finishedAt: optionalIso(row.finished_at),
    error: row.error ?? undefined,
    entityCount: Number(row.entity_count ?? 0),
    averageScore: averageOut(row.average_score),
    levelCounts: levelCountsOut(row.level_counts),
    failingCounts: parseJson(row.failing_counts, {}),
    revision: Number(row.revision ?? 0),
    ...(row.rescored_at ? { rescoredAt: iso(row.rescored_at) } : {}),
    ...(row.rows_of !== null && row.rows_of !== undefined
      ? { rowsOf: Number(row.rows_of) }
      : {}),
  };
}

/** A row of ops_evaluations or ops_owner_trend joined to its run. */
export function toTrendPoint(row: any): TrendPoint {
  return {
    evaluationId: Number(row.id),
    at: iso(row.finished_at),
    entityCount: Number(row.entity_count),
    averageScore: averageOut(row.average_score),
    levelCounts: levelCountsOut(row.level_counts),
  };
}

/** A row of ops_owner_trend. */
export function toOwnerRollup(row: any): OwnerRollup {
  return {
    owner: row.owner,
    entityCount: Number(row.entity_count),
    averageScore: averageOut(row.average_score),
    levelCounts: levelCountsOut(row.level_counts),
  };
}

export function toHistoryPoint(row: any): HistoryPoint {
  return {
    evaluationId: Number(row.evaluation_id),
    at: iso(row.evaluated_at),
    score: scoreOut(row.score),
    level: isScoreLevel(row.level) ? row.level : 'none',
    scorecards: parseJson(row.scorecards, {}),
    failingCount: Number(row.failing_count),
  };
}

export function toSignOff(row: any): StoredSignOff {
  return {
    id: Number(row.id),
    entityRef: row.entity_ref,
    itemId: row.item_id,
    version: row.version || undefined,
    environment: row.environment || undefined,
    by: row.signed_by,
    at: iso(row.signed_at),
    comment: row.comment ?? undefined,
  };
}

export function toWaiver(row: any): StoredWaiver {
  const expiresAt = iso(row.expires_at);
  const revokedAt = optionalIso(row.revoked_at);
  const decidedAt = optionalIso(row.decided_at);
  const stored: string = row.status ?? 'approved';
  const expired = Date.parse(expiresAt) <= Date.now();
  // Revoked and expired are read from the timestamps, so no job has to flip them.
  let status: StoredWaiver['status'];
  if (revokedAt) status = 'revoked';
  else if (stored === 'denied') status = 'denied';
  else if (expired) status = 'expired';
  else status = stored === 'pending' ? 'pending' : 'approved';
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt,
    by: row.created_by,
    createdAt: iso(row.created_at),
    status,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}),
    ...(decidedAt ? { decidedAt } : {}),
    ...(row.decision_comment ? { decisionComment: row.decision_comment } : {}),
    revokedAt,
    revokedBy: row.revoked_by ?? undefined,
    ...(row.revoke_reason ? { revokeReason: row.revoke_reason } : {}),
    active: status === 'approved',
  };
}
