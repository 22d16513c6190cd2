import { InputError } from '@backstage/errors';
import type { RecordChange } from '@opskit/plugin-ops-common';
import type { Knex } from 'knex';
import { emptyLevels, idsOut } from './columnValues';
import { filteredResults } from './complianceFilter';
import { complianceTotals, ownerRollup } from './complianceTotals';
import {
  applyKeyset,
  decodeCursor,
  encodeCursor,
  sortValue,
  type Cursor,
} from './cursor';
import { rowsId, type EvaluationRuns } from './EvaluationRuns';
import { LruCache } from './LruCache';
import { toComplianceRow } from './resultColumns';
import { toHistoryPoint, toOwnerRollup, toTrendPoint } from './rowMappers';
import type {
  ComplianceFilter,
  CompliancePage,
  ComplianceQuery,
  ComplianceRow,
  ComplianceSort,
  ComplianceSummary,
  EvaluationRun,
  HistoryPoint,
  TrendPoint,
} from './OpsStore';

/** Reads of evaluation results: the compliance list and its summary, trends, history and changes. */
export class ComplianceReader {
  /**
   * A run's results change only by re-scores, which bump its revision, so a
   * page of the list or a filtered summary is cached by (run, revision,
   * query): the compliance page's common views cost one query per run
   * instead of one per visitor. Another replica's re-score shows within the
   * runs' one-second memo.
   */
  private pages = new LruCache<Promise<unknown>>(1000);
  private records = new LruCache<Promise<ComplianceRow | undefined>>(10_000);

  constructor(
    private readonly db: Knex,
    private readonly runs: EvaluationRuns,
  ) {}

  /** A new run makes the cached runs' entries useless: drops them rather than let them age out. */
  forgetCached() {
    this.pages.clear();
    this.records.clear();
  }

  async listCompliance(query: ComplianceQuery): Promise<CompliancePage> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const evaluation = await this.resultsEvaluation(cursor);
    if (!evaluation) return { items: [], totalItems: 0, offset: 0 };
    return this.pages.get(
      JSON.stringify(['list', runKey(evaluation), query]),
      () => this.readPage(evaluation, query, cursor),
    ) as Promise<CompliancePage>;
  }

  async *streamCompliance(
    filter: ComplianceFilter,
    sort: ComplianceSort,
  ): AsyncIterable<ComplianceRow> {
    // Pages after the first carry the first page's evaluation id, so a run finishing mid-export cannot mix two result sets.
    let cursor: string | undefined;
    do {
      const page = await this.listCompliance({
        filter,
        sort,
        limit: 1000,
        cursor,
      });
      for (const item of page.items) yield item;
      cursor = page.nextCursor;
    } while (cursor);
  }

  async summary(
    filter: ComplianceFilter,
    checkIds: string[],
  ): Promise<ComplianceSummary> {
    const evaluation = await this.runs.latest();
    if (!evaluation)
      return {
        entityCount: 0,
        averageScore: null,
        levelCounts: emptyLevels(),
        failingCounts: {},
        owners: [],
      };
    if (Object.values(filter).every(v => v === undefined)) {
      // Unfiltered: the run's own totals and owner roll-up (written when it completed, kept by re-scores), read once per revision.
      return this.pages.get(
        JSON.stringify(['summary', runKey(evaluation)]),
        async () => {
          const rows = await this.db('ops_owner_trend')
            .where('evaluation_id', evaluation.id)
            .orderBy('owner');
          return {
            evaluation,
            entityCount: evaluation.entityCount,
            averageScore: evaluation.averageScore,
            levelCounts: evaluation.levelCounts,
            failingCounts: evaluation.failingCounts,
            owners: rows.map(toOwnerRollup),
          };
        },
      ) as Promise<ComplianceSummary>;
    }
    return this.pages.get(
      JSON.stringify(['summary', runKey(evaluation), filter, checkIds]),
      async () => ({
        evaluation,
        ...(await complianceTotals(
          this.db,
          rowsId(evaluation),
          filter,
          checkIds,
        )),
        owners: await ownerRollup(this.db, rowsId(evaluation), filter),
      }),
    ) as Promise<ComplianceSummary>;
  }

  async trend(options: {
    owner?: string;
    limit: number;
  }): Promise<TrendPoint[]> {
    if (options.owner) {
      const rows = await this.db('ops_owner_trend as t')
        .join('ops_evaluations as e', 'e.id', 't.evaluation_id')
        .where('t.owner', options.owner.toLowerCase())
        .where('e.status', 'succeeded')
        .orderBy('e.id', 'desc')
        .limit(options.limit)
        .select(
          'e.id',
          'e.finished_at',
          't.entity_count',
          't.average_score',
          't.level_counts',
        );
      return rows.reverse().map(toTrendPoint);
    }
    const rows = await this.db('ops_evaluations')
      .where('status', 'succeeded')
      .orderBy('id', 'desc')
      .limit(options.limit)
      .select(
        'id',
        'finished_at',
        'entity_count',
        'average_score',
        'level_counts',
      );
    return rows.reverse().map(toTrendPoint);
  }

  async latestRecord(entityRef: string): Promise<ComplianceRow | undefined> {
    const evaluation = await this.runs.latest();
    if (!evaluation) return undefined;
    // Cached like pages: the Ops tab's read costs one query less per visit.
    return this.records.get(`${runKey(evaluation)}\n${entityRef}`, async () => {
      const row = await this.db('ops_entity_results as r')
        .where({
          'r.evaluation_id': rowsId(evaluation),
          'r.entity_ref': entityRef,
        })
        .first();
      return row ? toComplianceRow(row) : undefined;
    });
  }

  async changesBetween(
    previousId: number,
    currentId: number,
  ): Promise<RecordChange[]> {
    const rows = await this.db('ops_entity_results as c')
      .join('ops_entity_results as p', function joinPrevious() {
        this.on('p.entity_ref', '=', 'c.entity_ref').andOnVal(
          'p.evaluation_id',
          '=',
          previousId,
        );
      })
      .where('c.evaluation_id', currentId)
      .andWhere(function changed() {
        this.whereRaw('c.level_rank < p.level_rank').orWhereRaw(
          'c.failing_checks <> p.failing_checks',
        );
      })
      .select('c.entity_ref', 'c.owner', 'c.level', 'c.failing_checks', {
        previous_level: 'p.level',
        previous_failing: 'p.failing_checks',
      });
    return rows.map(row => ({
      entityRef: row.entity_ref,
      owner: row.owner || undefined,
      previous: {
        level: row.previous_level,
        failingChecks: idsOut(row.previous_failing),
      },
      current: { level: row.level, failingChecks: idsOut(row.failing_checks) },
    }));
  }

  async entityHistory(
    entityRef: string,
    limit: number,
  ): Promise<HistoryPoint[]> {
    const rows = await this.db('ops_entity_history')
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(toHistoryPoint);
  }

  private async readPage(
    evaluation: EvaluationRun,
    query: ComplianceQuery,
    cursor: Cursor | undefined,
  ): Promise<CompliancePage> {
    const count =
      cursor?.t ??
      Number(
        (
          await filteredResults(
            this.db,
            rowsId(evaluation),
            query.filter,
          ).count({
            count: '*',
          })
        )[0].count,
      );
    const page = filteredResults(
      this.db,
      rowsId(evaluation),
      query.filter,
    ).select('r.*');
    applyKeyset(page, query.sort, cursor);
    const rows = await page.limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(toComplianceRow);
    const last = rows.length > query.limit ? rows[query.limit - 1] : undefined;
    const offset =
      typeof cursor?.o === 'number' && cursor.o >= 0 ? cursor.o : 0;
    return {
      evaluation,
      items,
      totalItems: Number(count),
      offset,
      nextCursor: last
        ? encodeCursor({
            e: evaluation.id,
            v: sortValue(last, query.sort.field),
            r: last.entity_ref,
            t: Number(count),
            o: offset + query.limit,
          })
        : undefined,
    };
  }

  /** The run a listing reads: the latest, or the cursor's while its results are kept. */
  private async resultsEvaluation(
    cursor: Cursor | undefined,
  ): Promise<EvaluationRun | undefined> {
    const latest = await this.runs.latest();
    if (!cursor) return latest;
    if (latest?.id === cursor.e) return latest;
    return this.keptEvaluation(cursor.e);
  }

  private async keptEvaluation(id: number): Promise<EvaluationRun> {
    const run = await this.runs.get(id);
    const latest = await this.runs.latest();
    // Results are kept for this and the previous run (KEPT_RESULT_SETS in EvaluationWriter).
    const kept =
      run &&
      (await this.db('ops_entity_results')
        .where('evaluation_id', rowsId(run))
        .first('entity_ref'));
    if (!run || run.status !== 'succeeded' || (!kept && latest?.id !== id)) {
      throw new InputError(
        'cursor refers to an evaluation that is no longer kept; start again from the first page',
      );
    }
    return run;
  }
}

/** A run as its results stand: re-scores bump the revision. */
function runKey(evaluation: EvaluationRun): string {
  return `${evaluation.id}.${evaluation.revision ?? 0}`;
}
