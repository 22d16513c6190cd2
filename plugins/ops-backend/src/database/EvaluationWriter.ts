import type { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import { insertedId } from './columnValues';
import { complianceTotals, ownerRollup } from './complianceTotals';
import { rowsId, type EvaluationRuns } from './EvaluationRuns';
import { RESULT_COLUMN_LIST } from './resultColumns';
import { serializeRescores } from './RescoreWriter';
import { historyValues, insertScoredRows, scoresDiffer } from './scoredRows';
import type { ComplianceRow, EvaluationRun } from './OpsStore';

/** Rows per statement: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 250;
/** Results of this many successful runs are kept, so a paging cursor survives one refresh. */
const KEPT_RESULT_SETS = 2;

/** A run's life: started, its results written a page at a time, then completed (totals, pruning) or failed. */
export class EvaluationWriter {
  constructor(
    private readonly db: Knex,
    private readonly runs: EvaluationRuns,
    /** Called once a run completed, before pruning: caches of older runs' results can go. */
    private readonly onCompleted: () => void,
  ) {}

  async startEvaluation(trigger: string): Promise<number> {
    const inserted = await this.db('ops_evaluations')
      .insert({
        status: 'running',
        trigger,
        started_at: new Date(),
        entity_count: 0,
      })
      .returning('id');
    return insertedId(inserted);
  }

  async writeResults(
    evaluationId: number,
    rows: ComplianceRow[],
    evaluatedAt: Date,
    unchanged?: { evaluationId: number; entityRefs: string[] },
  ): Promise<void> {
    if (rows.length === 0 && !unchanged?.entityRefs.length) return;
    const previous = await this.runs.latest();
    await this.db.transaction(async tx => {
      if (unchanged)
        await copyResults(
          tx,
          unchanged.evaluationId,
          evaluationId,
          unchanged.entityRefs,
        );
      await insertScoredRows(tx, evaluationId, rows);
      await writeHistory(
        tx,
        evaluationId,
        previous && rowsId(previous),
        rows,
        evaluatedAt,
      );
    });
  }

  /**
   * Completes a run: its totals, its owners' roll-ups, then pruning.
   * `rowsOf`: the run changed nothing and serves that run's rows (see
   * rowsId) instead of rows of its own.
   */
  async completeEvaluation(
    evaluationId: number,
    options: {
      checkIds: string[];
      historyRetentionMs: number;
      rowsOf?: number;
    },
  ): Promise<EvaluationRun> {
    const rows = options.rowsOf ?? evaluationId;
    await this.db.transaction(async tx => {
      // No re-score may land between these totals and the status change.
      await serializeRescores(tx);
      const totals = await complianceTotals(tx, rows, {}, options.checkIds);
      const updated = await tx('ops_evaluations')
        .where({ id: evaluationId, status: 'running' })
        .update({
          status: 'succeeded',
          finished_at: new Date(),
          entity_count: totals.entityCount,
          average_score: totals.averageScore,
          level_counts: JSON.stringify(totals.levelCounts),
          failing_counts: JSON.stringify(totals.failingCounts),
          rows_of: options.rowsOf ?? null,
        });
      // A run that outlived its lease was marked interrupted by the next one,
      // which may already serve newer results: this one must not replace them.
      if (Number(updated) !== 1)
        throw new Error(
          `evaluation ${evaluationId} is no longer running (it was marked interrupted after its lease); its results are dropped`,
        );
      const owners = await ownerRollup(tx, rows, {});
      for (let i = 0; i < owners.length; i += BATCH) {
        await tx('ops_owner_trend').insert(
          owners.slice(i, i + BATCH).map(o => ({
            evaluation_id: evaluationId,
            owner: o.owner,
            entity_count: o.entityCount,
            average_score: o.averageScore,
            level_counts: JSON.stringify(o.levelCounts),
          })),
        );
      }
    });
    this.runs.forget();
    this.onCompleted();
    await this.prune(options.historyRetentionMs);
    // Fresh planner statistics, or SQLite sorts by the score index and scans a whole run for an owner filter (a run that wrote no rows changed none).
    if (options.rowsOf === undefined)
      await this.db.raw(
        this.db.client.config.client === 'pg'
          ? 'analyze ops_entity_results, ops_scorecard_results'
          : 'analyze',
      );
    return (await this.runs.get(evaluationId))!;
  }

  /**
   * Runs left `running` by a backend that stopped mid-run (killed, crashed,
   * its node drained), once their lease is past: marked failed with the
   * reason, their partial rows dropped. Returns their ids.
   */
  async failInterrupted(options: {
    startedBefore: Date;
    reason: string;
  }): Promise<number[]> {
    const rows = await this.db('ops_evaluations')
      .where('status', 'running')
      .where('started_at', '<', options.startedBefore)
      .select('id');
    const ids = rows.map(row => Number(row.id));
    for (const id of ids) await this.failEvaluation(id, options.reason);
    return ids;
  }

  async failEvaluation(evaluationId: number, error: string): Promise<void> {
    await this.db.transaction(async tx => {
      for (const table of [
        'ops_entity_results',
        'ops_scorecard_results',
        'ops_entity_history',
      ])
        await tx(table).where('evaluation_id', evaluationId).delete();
      await tx('ops_evaluations')
        .where('id', evaluationId)
        .update({
          status: 'failed',
          finished_at: new Date(),
          error: error.slice(0, 4000),
        });
    });
    this.runs.forget();
  }

  private async prune(historyRetentionMs: number) {
    const keptRuns = await this.db('ops_evaluations')
      .where('status', 'succeeded')
      .orderBy('id', 'desc')
      .limit(KEPT_RESULT_SETS)
      .select('id', 'rows_of');
    const kept = keptRuns.map(run => Number(run.id));
    // A kept run may serve an older run's rows: those are kept with it.
    const oldestKept = Math.min(
      ...keptRuns.map(run => Number(run.rows_of ?? run.id)),
    );
    if (Number.isFinite(oldestKept)) {
      // Older result sets go; running evaluations (newer ids) are untouched.
      await this.db('ops_entity_results')
        .where('evaluation_id', '<', oldestKept)
        .delete();
      await this.db('ops_scorecard_results')
        .where('evaluation_id', '<', oldestKept)
        .delete();
    }
    const cutoff = new Date(Date.now() - historyRetentionMs);
    const expired = this.db('ops_evaluations')
      .select('id')
      .where('finished_at', '<', cutoff)
      .whereNotIn('id', kept);
    await this.db('ops_owner_trend')
      .whereIn('evaluation_id', expired.clone())
      .delete();
    await this.db('ops_entity_history')
      .where('evaluated_at', '<', cutoff)
      .delete();
    await this.db('ops_evaluations').whereIn('id', expired.clone()).delete();
    // Re-score records matter to runs that started after them; the oldest run still open or served bounds them.
    const open = await this.db('ops_evaluations')
      .where('status', 'running')
      .orWhere('id', Math.max(0, ...kept.map(Number)))
      .min({ started: 'started_at' })
      .first();
    if (open?.started)
      await this.db('ops_rescores')
        .where('requested_at', '<', new Date(open.started))
        .delete();
  }
}

/** Copies rows of unchanged entities from an earlier run: no parsing, no round trip of their data. */
async function copyResults(
  tx: Knex.Transaction,
  from: number,
  to: number,
  entityRefs: string[],
) {
  for (let i = 0; i < entityRefs.length; i += BATCH) {
    const refs = entityRefs.slice(i, i + BATCH);
    const marks = refs.map(() => '?').join(',');
    await tx.raw(
      `insert into ops_entity_results (evaluation_id, ${RESULT_COLUMN_LIST}) select ?, ${RESULT_COLUMN_LIST} from ops_entity_results where evaluation_id = ? and entity_ref in (${marks})`,
      [to, from, ...refs],
    );
    await tx.raw(
      `insert into ops_scorecard_results (evaluation_id, entity_ref, scorecard, score, level) select ?, entity_ref, scorecard, score, level from ops_scorecard_results where evaluation_id = ? and entity_ref in (${marks})`,
      [to, from, ...refs],
    );
  }
}

/** History grows only when an entity's scores change, so hourly runs stay cheap to keep. */
async function writeHistory(
  tx: Knex.Transaction,
  evaluationId: number,
  previousId: number | undefined,
  chunk: ComplianceRow[],
  at: Date,
) {
  const before = new Map<
    string,
    { score: number; level: string; scorecards: string }
  >();
  if (previousId !== undefined) {
    const rows = await tx('ops_entity_results')
      .select('entity_ref', 'score', 'level', 'scorecards')
      .where('evaluation_id', previousId)
      .whereIn(
        'entity_ref',
        chunk.map(r => r.entityRef),
      );
    for (const row of rows) before.set(row.entity_ref, row);
  }
  const changed = chunk.filter(row =>
    scoresDiffer(before.get(row.entityRef), row),
  );
  if (changed.length === 0) return;
  await bulkInsert(
    tx,
    'ops_entity_history',
    changed.map(row => ({
      entity_ref: row.entityRef,
      evaluation_id: evaluationId,
      evaluated_at: at,
      ...historyValues(row),
    })),
  );
}
