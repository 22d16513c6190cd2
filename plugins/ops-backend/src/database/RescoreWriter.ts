import type { Knex } from 'knex';
import { complianceTotals, ownerRollup } from './complianceTotals';
import type { EvaluationRuns } from './EvaluationRuns';
import type { ComplianceRow } from './OpsStore';
import { toResultRow } from './resultColumns';
import {
  deleteScoredRows,
  historyValues,
  insertScoredRows,
  scoresDiffer,
} from './scoredRows';

/** Refs per statement, under SQLite's bound-parameter limit. */
const BATCH = 250;

/** Where a re-scored row went: the served run, and running runs that held the entity or asked for it. */
export interface RescoreOutcome {
  /** Runs whose rows were written (unchanged rows are not written). */
  evaluationIds: number[];
  /** Entities whose served row changed. */
  changed: string[];
}

/**
 * Writes re-scored entities without a full run: a sign-off, a waiver or a
 * catalog change scores one entity again, and its row replaces the served
 * one with the run's totals, owner roll-ups and the entity's history.
 *
 * Safe alongside a full run, on any replica: every write records when the
 * entity was re-scored (`ops_rescores`) in the same transaction, and a full
 * run re-scores every entity recorded since it started before it completes
 * (so a row it read before the change is never served). On PostgreSQL the
 * writes and a run's completion take one lock, so a re-score never lands
 * between a run's totals and its completion, and two replicas re-scoring
 * the same entity write one history row, not two.
 */
export class RescoreWriter {
  constructor(
    private readonly db: Knex,
    private readonly runs: EvaluationRuns,
    /** Called after rows changed: caches of the served run's pages go. */
    private readonly onWritten: () => void,
  ) {}

  /**
   * Writes `rows` into the latest succeeded run and into every running run
   * that already holds the entity; `into` names a running run that takes
   * them even where it does not (a full run catching up before it completes).
   */
  async write(
    rows: ComplianceRow[],
    options: { checkIds: string[]; at: Date; into?: number },
  ): Promise<RescoreOutcome> {
    const outcome: RescoreOutcome = { evaluationIds: [], changed: [] };
    if (rows.length === 0) return outcome;
    const refs = rows.map(row => row.entityRef);
    await this.db.transaction(async tx => {
      await serializeRescores(tx);
      await markRescored(tx, refs, options.at);
      const runs = await tx('ops_evaluations')
        .where('status', 'running')
        .orWhere(
          'id',
          tx('ops_evaluations').where('status', 'succeeded').max('id'),
        )
        .select('id', 'status', 'rows_of');
      for (const run of runs) {
        const id = Number(run.id);
        // The served run may serve an earlier run's rows (it changed nothing): those are the ones replaced.
        const rowsOf = Number(run.rows_of ?? run.id);
        const served = run.status === 'succeeded';
        const stored = await storedRows(tx, rowsOf, refs);
        const changed = rows.filter(
          row =>
            (stored.has(row.entityRef) || served || id === options.into) &&
            !sameRow(stored.get(row.entityRef), rowsOf, row),
        );
        if (changed.length === 0) continue;
        const changedRefs = changed.map(row => row.entityRef);
        for (let i = 0; i < changedRefs.length; i += BATCH)
          await deleteScoredRows(tx, rowsOf, changedRefs.slice(i, i + BATCH));
        await insertScoredRows(tx, rowsOf, changed);
        await writeRescoredHistory(tx, id, served, changed, options.at);
        outcome.evaluationIds.push(id);
        if (served) {
          outcome.changed = changedRefs;
          await refreshTotals(tx, { id, rowsOf }, options, [
            ...changed.map(row => row.owner ?? ''),
            ...[...stored.values()].map(row => String(row.owner ?? '')),
          ]);
        }
      }
    });
    if (outcome.changed.length) {
      this.runs.forget();
      this.onWritten();
    }
    return outcome;
  }

  /** Entities re-scored at or after `since`: what a run that started then must score again. */
  async rescoredSince(since: Date): Promise<string[]> {
    return this.db('ops_rescores')
      .where('requested_at', '>=', since)
      .orderBy('entity_ref')
      .pluck('entity_ref');
  }

  /** Drops records older than every run that may still need them. */
  async prune(before: Date): Promise<void> {
    await this.db('ops_rescores').where('requested_at', '<', before).delete();
  }
}

/**
 * PostgreSQL: one re-score or run completion at a time (readers are not
 * blocked: EXCLUSIVE mode allows plain reads). SQLite serializes writers itself.
 */
export async function serializeRescores(tx: Knex.Transaction) {
  if (tx.client.config.client === 'pg')
    await tx.raw('lock table ops_rescores in exclusive mode');
}

async function markRescored(tx: Knex.Transaction, refs: string[], at: Date) {
  for (let i = 0; i < refs.length; i += BATCH)
    await tx('ops_rescores')
      .insert(
        refs
          .slice(i, i + BATCH)
          .map(ref => ({ entity_ref: ref, requested_at: at })),
      )
      .onConflict('entity_ref')
      .merge(['requested_at']);
}

async function storedRows(
  tx: Knex.Transaction,
  evaluationId: number,
  refs: string[],
): Promise<Map<string, Record<string, unknown>>> {
  const out = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < refs.length; i += BATCH) {
    const rows = await tx('ops_entity_results')
      .where('evaluation_id', evaluationId)
      .whereIn('entity_ref', refs.slice(i, i + BATCH));
    for (const row of rows) out.set(row.entity_ref, row);
  }
  return out;
}

/** Every column equal: nothing to write (a re-score that changed nothing costs no cache). */
function sameRow(
  stored: Record<string, unknown> | undefined,
  evaluationId: number,
  row: ComplianceRow,
): boolean {
  if (!stored) return false;
  const next = toResultRow(evaluationId, row);
  return Object.entries(next).every(([column, value]) =>
    sameValue(stored[column], value),
  );
}

function sameValue(stored: unknown, value: unknown): boolean {
  // SQLite keeps booleans as 0 and 1.
  if (typeof value === 'boolean') return Boolean(stored) === value;
  // PostgreSQL keeps scores as 4-byte floats.
  if (typeof value === 'number')
    return Math.fround(Number(stored)) === Math.fround(value);
  return (stored ?? null) === (value ?? null);
}

/**
 * The served run gains a history row where the scores changed since the
 * entity's last one. A running run keeps one row per entity: its earlier
 * row for the entity (written from what it read before the change) is
 * replaced, so a change never shows as two steps.
 */
async function writeRescoredHistory(
  tx: Knex.Transaction,
  evaluationId: number,
  served: boolean,
  rows: ComplianceRow[],
  at: Date,
) {
  for (const row of rows) {
    if (!served)
      await tx('ops_entity_history')
        .where({ entity_ref: row.entityRef, evaluation_id: evaluationId })
        .delete();
    const last = await tx('ops_entity_history')
      .where('entity_ref', row.entityRef)
      .orderBy('id', 'desc')
      .first('score', 'level', 'scorecards');
    if (!scoresDiffer(last, row)) continue;
    await tx('ops_entity_history').insert({
      entity_ref: row.entityRef,
      evaluation_id: evaluationId,
      evaluated_at: at,
      ...historyValues(row),
    });
  }
}

/** The served run's totals, and the roll-ups of the owners the rows moved between. */
async function refreshTotals(
  tx: Knex.Transaction,
  run: { id: number; rowsOf: number },
  options: { checkIds: string[]; at: Date },
  owners: string[],
) {
  const evaluationId = run.id;
  const totals = await complianceTotals(tx, run.rowsOf, {}, options.checkIds);
  await tx('ops_evaluations')
    .where('id', evaluationId)
    .update({
      entity_count: totals.entityCount,
      average_score: totals.averageScore,
      level_counts: JSON.stringify(totals.levelCounts),
      failing_counts: JSON.stringify(totals.failingCounts),
      revision: tx.raw('revision + 1'),
      rescored_at: options.at,
    });
  const touched = [...new Set(owners)];
  await tx('ops_owner_trend')
    .where('evaluation_id', evaluationId)
    .whereIn('owner', touched)
    .delete();
  const rollups = await ownerRollup(tx, run.rowsOf, {
    owner: touched.filter(Boolean),
  });
  // The empty owner cannot be named in a filter: its roll-up is read unfiltered and picked.
  const unowned = touched.includes('')
    ? (await ownerRollup(tx, run.rowsOf, {})).filter(o => o.owner === '')
    : [];
  const trend = [...rollups, ...unowned].filter(o => touched.includes(o.owner));
  if (trend.length)
    await tx('ops_owner_trend').insert(
      trend.map(o => ({
        evaluation_id: evaluationId,
        owner: o.owner,
        entity_count: o.entityCount,
        average_score: o.averageScore,
        level_counts: JSON.stringify(o.levelCounts),
      })),
    );
}
