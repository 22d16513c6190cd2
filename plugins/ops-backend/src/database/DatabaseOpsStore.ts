import { randomUUID } from 'node:crypto';
import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  CHECK_LEVELS,
  isScoreLevel,
  levelRank,
  type RecordChange,
  type ScoreLevel,
} from '@opskit/plugin-ops-common';
import type { Knex } from 'knex';
import { DatabaseFactStore, type FactStore } from './FactStore';
import { bulkInsert } from './bulkInsert';
import { LruCache } from './LruCache';
import { parseJson } from './parseJson';
import type {
  ComplianceFilter,
  CompliancePage,
  ComplianceQuery,
  ComplianceRow,
  ComplianceSort,
  ComplianceSummary,
  EvaluationRun,
  HistoryPoint,
  NewSignOff,
  NewWaiver,
  OpsStore,
  OwnerRollup,
  SortField,
  StoredSignOff,
  StoredWaiver,
  TrendPoint,
} from './OpsStore';

const migrationsDir = resolvePackagePath(
  '@opskit/plugin-ops-backend',
  'migrations',
);

/** Rows per INSERT: well under SQLite's and PostgreSQL's bound-parameter limits. */
const BATCH = 250;
/** Results of this many successful runs are kept, so a paging cursor survives one refresh. */
const KEPT_RESULT_SETS = 2;

const SORT_COLUMNS: Record<SortField, string> = {
  entityRef: 'r.entity_ref',
  owner: 'r.owner',
  kind: 'r.kind',
  tier: 'r.tier',
  score: 'r.score',
  level: 'r.level_rank',
  errorCount: 'r.error_count',
};

/** Every column of ops_entity_results but evaluation_id, for copying rows between runs. */
const RESULT_COLUMNS = [
  'entity_ref',
  'kind',
  'type',
  'lifecycle',
  'owner',
  'system',
  'tier',
  'declared_tier',
  'title',
  'search_text',
  'score',
  'level',
  'level_rank',
  'failing_checks',
  'warning_checks',
  'error_count',
  'warning_count',
  'scorecards',
  'slos',
].join(', ');

const emptyLevels = (): Record<ScoreLevel, number> => ({
  none: 0,
  bronze: 0,
  silver: 0,
  gold: 0,
});

const iso = (value: unknown): string => new Date(value as any).toISOString();
const optionalIso = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : iso(value);
const scoreOut = (value: unknown): number | null =>
  Number(value) < 0 ? null : Number(value);
const scoreIn = (value: number | null): number => (value === null ? -1 : value);
const idList = (ids: string[]): string =>
  ids.length ? `,${ids.join(',')},` : '';
const idsOut = (text: string): string[] =>
  text ? text.split(',').filter(Boolean) : [];
/** LIKE pattern that matches `text` literally (with `ESCAPE '\'`). */
const likeLiteral = (text: string): string =>
  text.replace(/[\\%_]/g, c => `\\${c}`);

interface Cursor {
  e: number;
  v: string | number;
  r: string;
  /** totalItems of the first page: counted once per listing, not once per page. */
  t?: number;
  /** How many rows precede the page the cursor starts: lets a shared link show "51–75 of N". */
  o?: number;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof value?.e === 'number' &&
      typeof value?.r === 'string' &&
      ['string', 'number'].includes(typeof value?.v)
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'cursor is not valid: pass the nextCursor of a previous page, or omit it for the first page',
  );
}

export class DatabaseOpsStore implements OpsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseOpsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'ops_knex_migrations',
      });
    }
    return new DatabaseOpsStore(client);
  }

  /** Live facts share the database and its migrations. */
  readonly facts: FactStore;

  /** The migrations directory, for tests that run them up and down. */
  static readonly migrationsDirectory = migrationsDir;

  /**
   * The latest runs are read by every API call; a one-second memo saves two
   * queries per request under load. Another replica's new run shows up within
   * that second; this instance's own writes clear it at once.
   */
  private memo = new Map<
    string,
    { at: number; value: Promise<EvaluationRun | undefined> }
  >();

  /**
   * A run's results never change once it completed, so a page of the list or
   * a filtered summary is cached by (run, query): the compliance page's
   * common views cost one query per run instead of one per visitor.
   */
  private pages = new LruCache<Promise<unknown>>(1000);
  private records = new LruCache<Promise<ComplianceRow | undefined>>(10_000);

  constructor(private readonly db: Knex) {
    this.facts = new DatabaseFactStore(db);
  }

  private memoized(
    key: string,
    load: () => Promise<EvaluationRun | undefined>,
  ): Promise<EvaluationRun | undefined> {
    const hit = this.memo.get(key);
    if (hit && Date.now() - hit.at < 1000) return hit.value;
    const value = load();
    value.catch(() => this.memo.delete(key));
    this.memo.set(key, { at: Date.now(), value });
    return value;
  }

  // ---- evaluations -------------------------------------------------------

  async startEvaluation(trigger: string): Promise<number> {
    const [row] = await this.db('ops_evaluations')
      .insert({
        status: 'running',
        trigger,
        started_at: new Date(),
        entity_count: 0,
      })
      .returning('id');
    return typeof row === 'object' ? Number(row.id) : Number(row);
  }

  async writeResults(
    evaluationId: number,
    rows: ComplianceRow[],
    evaluatedAt: Date,
    unchanged?: { evaluationId: number; entityRefs: string[] },
  ): Promise<void> {
    if (rows.length === 0 && !unchanged?.entityRefs.length) return;
    const previous = await this.latestEvaluation();
    await this.db.transaction(async tx => {
      if (unchanged)
        await this.copyResults(
          tx,
          unchanged.evaluationId,
          evaluationId,
          unchanged.entityRefs,
        );
      // A page of rows at a time (the evaluator writes 250 at a time): one statement per table on PostgreSQL.
      await bulkInsert(
        tx,
        'ops_entity_results',
        rows.map(row => ({
          evaluation_id: evaluationId,
          entity_ref: row.entityRef,
          kind: row.kind.toLowerCase(),
          type: (row.type ?? '').toLowerCase(),
          lifecycle: (row.lifecycle ?? '').toLowerCase(),
          owner: row.owner ?? '',
          system: row.system ?? '',
          tier: row.tier,
          declared_tier: row.declaredTier,
          title: row.title ?? null,
          search_text: `${row.entityRef}\n${row.title ?? ''}`.toLowerCase(),
          score: scoreIn(row.score),
          level: row.level,
          level_rank: levelRank(row.level),
          failing_checks: idList(row.failingChecks),
          warning_checks: idList(row.warningChecks),
          error_count: row.errorCount,
          warning_count: row.warningCount,
          scorecards: JSON.stringify(row.scorecards),
          slos: row.slos ? JSON.stringify(row.slos) : null,
        })),
      );
      const cards = rows.flatMap(row =>
        Object.entries(row.scorecards).map(([scorecard, card]) => ({
          evaluation_id: evaluationId,
          entity_ref: row.entityRef,
          scorecard,
          score: scoreIn(card.score),
          level: card.level,
        })),
      );
      await bulkInsert(tx, 'ops_scorecard_results', cards);
      await this.writeHistory(
        tx,
        evaluationId,
        previous?.id,
        rows,
        evaluatedAt,
      );
    });
  }

  /** Copies rows of unchanged entities from an earlier run: no parsing, no round trip of their data. */
  private async copyResults(
    tx: Knex.Transaction,
    from: number,
    to: number,
    entityRefs: string[],
  ) {
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const refs = entityRefs.slice(i, i + BATCH);
      const marks = refs.map(() => '?').join(',');
      await tx.raw(
        `insert into ops_entity_results (evaluation_id, ${RESULT_COLUMNS}) select ?, ${RESULT_COLUMNS} from ops_entity_results where evaluation_id = ? and entity_ref in (${marks})`,
        [to, from, ...refs],
      );
      await tx.raw(
        `insert into ops_scorecard_results (evaluation_id, entity_ref, scorecard, score, level) select ?, entity_ref, scorecard, score, level from ops_scorecard_results where evaluation_id = ? and entity_ref in (${marks})`,
        [to, from, ...refs],
      );
    }
  }

  /** History grows only when an entity's scores change, so hourly runs stay cheap to keep. */
  private async writeHistory(
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
    const changed = chunk.filter(row => {
      const old = before.get(row.entityRef);
      return (
        !old ||
        Number(old.score) !== scoreIn(row.score) ||
        old.level !== row.level ||
        old.scorecards !== JSON.stringify(row.scorecards)
      );
    });
    if (changed.length === 0) return;
    await bulkInsert(
      tx,
      'ops_entity_history',
      changed.map(row => ({
        entity_ref: row.entityRef,
        evaluation_id: evaluationId,
        evaluated_at: at,
        score: scoreIn(row.score),
        level: row.level,
        scorecards: JSON.stringify(row.scorecards),
        failing_count: row.failingChecks.length,
      })),
    );
  }

  async completeEvaluation(
    evaluationId: number,
    options: { checkIds: string[]; historyRetentionMs: number },
  ): Promise<EvaluationRun> {
    await this.db.transaction(async tx => {
      const totals = await this.aggregate(
        tx,
        evaluationId,
        {},
        options.checkIds,
      );
      await tx('ops_evaluations')
        .where('id', evaluationId)
        .update({
          status: 'succeeded',
          finished_at: new Date(),
          entity_count: totals.entityCount,
          average_score: totals.averageScore,
          level_counts: JSON.stringify(totals.levelCounts),
          failing_counts: JSON.stringify(totals.failingCounts),
        });
      const owners = await this.ownerRollup(tx, evaluationId, {});
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
    this.memo.clear();
    this.pages.clear();
    this.records.clear();
    await this.prune(options.historyRetentionMs);
    // Fresh planner statistics, or SQLite sorts by the score index and scans a whole run for an owner filter.
    await this.db.raw(
      this.db.client.config.client === 'pg'
        ? 'analyze ops_entity_results, ops_scorecard_results'
        : 'analyze',
    );
    return (await this.getEvaluation(evaluationId))!;
  }

  private async prune(historyRetentionMs: number) {
    const kept = await this.db('ops_evaluations')
      .where('status', 'succeeded')
      .orderBy('id', 'desc')
      .limit(KEPT_RESULT_SETS)
      .pluck('id');
    const oldestKept = Math.min(...kept.map(Number));
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
  }

  async failEvaluation(evaluationId: number, error: string): Promise<void> {
    await this.db.transaction(async tx => {
      await tx('ops_entity_results')
        .where('evaluation_id', evaluationId)
        .delete();
      await tx('ops_scorecard_results')
        .where('evaluation_id', evaluationId)
        .delete();
      await tx('ops_entity_history')
        .where('evaluation_id', evaluationId)
        .delete();
      await tx('ops_evaluations')
        .where('id', evaluationId)
        .update({
          status: 'failed',
          finished_at: new Date(),
          error: error.slice(0, 4000),
        });
    });
    this.memo.clear();
  }

  latestEvaluation(): Promise<EvaluationRun | undefined> {
    return this.memoized('latest', async () => {
      const row = await this.db('ops_evaluations')
        .where('status', 'succeeded')
        .orderBy('id', 'desc')
        .first();
      return row ? toRun(row) : undefined;
    });
  }

  lastRun(): Promise<EvaluationRun | undefined> {
    return this.memoized('lastRun', async () => {
      const row = await this.db('ops_evaluations')
        .whereNot('status', 'running')
        .orderBy('id', 'desc')
        .first();
      return row ? toRun(row) : undefined;
    });
  }

  private async getEvaluation(id: number): Promise<EvaluationRun | undefined> {
    const row = await this.db('ops_evaluations').where('id', id).first();
    return row ? toRun(row) : undefined;
  }

  // ---- compliance list ----------------------------------------------------

  private filtered(
    db: Knex | Knex.Transaction,
    evaluationId: number,
    filter: ComplianceFilter,
  ) {
    const q = db('ops_entity_results as r').where(
      'r.evaluation_id',
      evaluationId,
    );
    // Stored lower-case, so these compare plainly and can use indexes.
    const lowerIn = (column: string, values?: string[]) => {
      if (values?.length)
        q.whereIn(
          column,
          values.map(v => v.toLowerCase()),
        );
    };
    lowerIn('r.kind', filter.kind);
    lowerIn('r.type', filter.type);
    lowerIn('r.lifecycle', filter.lifecycle);
    if (filter.owner?.length)
      q.whereIn(
        'r.owner',
        filter.owner.map(v => v.toLowerCase()),
      );
    if (filter.system?.length)
      q.whereIn(
        'r.system',
        filter.system.map(v => v.toLowerCase()),
      );
    if (filter.tier?.length) q.whereIn('r.tier', filter.tier);
    if (filter.scorecard) {
      const scorecard = filter.scorecard;
      const levels = filter.level;
      q.whereExists(function cardFilter() {
        this.select(db.raw('1'))
          .from('ops_scorecard_results as s')
          .whereRaw('s.evaluation_id = r.evaluation_id')
          .whereRaw('s.entity_ref = r.entity_ref')
          .where('s.scorecard', scorecard);
        if (levels?.length) this.whereIn('s.level', levels);
        else this.where('s.score', '>=', 0);
      });
    } else if (filter.level?.length) {
      q.whereIn('r.level', filter.level);
    }
    if (filter.failingCheck?.length) {
      const checks = filter.failingCheck;
      q.where(function anyFailing() {
        for (const check of checks)
          this.orWhereRaw(`r.failing_checks like ? escape '\\'`, [
            `%,${likeLiteral(check)},%`,
          ]);
      });
    }
    if (filter.text) {
      const pattern = `%${likeLiteral(filter.text.toLowerCase())}%`;
      q.whereRaw(`r.search_text like ? escape '\\'`, [pattern]);
    }
    return q;
  }

  private async resultsEvaluation(
    cursor: Cursor | undefined,
  ): Promise<EvaluationRun | undefined> {
    const latest = await this.latestEvaluation();
    if (!cursor || latest?.id === cursor.e)
      return (
        latest ?? (cursor ? this.resultsEvaluationSlow(cursor) : undefined)
      );
    return this.resultsEvaluationSlow(cursor);
  }

  private async resultsEvaluationSlow(
    cursor: Cursor,
  ): Promise<EvaluationRun | undefined> {
    const run = await this.getEvaluation(cursor.e);
    const latest = await this.latestEvaluation();
    // The cursor's run is readable while its results are kept (this and the previous run).
    const kept = await this.db('ops_entity_results')
      .where('evaluation_id', cursor.e)
      .first('entity_ref');
    if (
      !run ||
      run.status !== 'succeeded' ||
      (!kept && latest?.id !== cursor.e)
    ) {
      throw new InputError(
        'cursor refers to an evaluation that is no longer kept; start again from the first page',
      );
    }
    return run;
  }

  async listCompliance(query: ComplianceQuery): Promise<CompliancePage> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const evaluation = await this.resultsEvaluation(cursor);
    if (!evaluation) return { items: [], totalItems: 0, offset: 0 };
    return this.pages.get(JSON.stringify(['list', evaluation.id, query]), () =>
      this.readPage(evaluation, query, cursor),
    ) as Promise<CompliancePage>;
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
          await this.filtered(this.db, evaluation.id, query.filter).count({
            count: '*',
          })
        )[0].count,
      );
    const page = this.filtered(this.db, evaluation.id, query.filter).select(
      'r.*',
    );
    this.applyKeyset(page, query.sort, cursor);
    const rows = await page.limit(query.limit + 1);
    const items = rows.slice(0, query.limit).map(toRow);
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

  /** Keyset paging on (sort column, entity ref): constant cost at any depth, stable under inserts. */
  private applyKeyset(
    q: Knex.QueryBuilder,
    sort: ComplianceSort,
    cursor: Cursor | undefined,
  ) {
    const column = SORT_COLUMNS[sort.field];
    const op = sort.order === 'asc' ? '>' : '<';
    if (cursor) {
      q.where(function after() {
        this.where(column, op, cursor.v).orWhere(function tie() {
          this.where(column, '=', cursor.v).where('r.entity_ref', op, cursor.r);
        });
      });
    }
    q.orderBy([
      { column, order: sort.order },
      ...(column === 'r.entity_ref'
        ? []
        : [{ column: 'r.entity_ref', order: sort.order }]),
    ]);
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
    const evaluation = await this.latestEvaluation();
    if (!evaluation)
      return {
        entityCount: 0,
        averageScore: null,
        levelCounts: emptyLevels(),
        failingCounts: {},
        owners: [],
      };
    if (Object.values(filter).every(v => v === undefined)) {
      // Unfiltered: the run's own totals and owner roll-up, written when it completed.
      const rows = await this.db('ops_owner_trend')
        .where('evaluation_id', evaluation.id)
        .orderBy('owner');
      return {
        evaluation,
        entityCount: evaluation.entityCount,
        averageScore:
          evaluation.averageScore === null
            ? null
            : round1(evaluation.averageScore),
        levelCounts: evaluation.levelCounts,
        failingCounts: evaluation.failingCounts,
        owners: rows.map(r => ({
          owner: r.owner,
          entityCount: Number(r.entity_count),
          averageScore:
            r.average_score === null ? null : round1(Number(r.average_score)),
          levelCounts: { ...emptyLevels(), ...parseJson(r.level_counts, {}) },
        })),
      };
    }
    return this.pages.get(
      JSON.stringify(['summary', evaluation.id, filter, checkIds]),
      async () => {
        const totals = await this.aggregate(
          this.db,
          evaluation.id,
          filter,
          checkIds,
        );
        const owners = await this.ownerRollup(this.db, evaluation.id, filter);
        return { evaluation, ...totals, owners };
      },
    ) as Promise<ComplianceSummary>;
  }

  private async aggregate(
    db: Knex | Knex.Transaction,
    evaluationId: number,
    filter: ComplianceFilter,
    checkIds: string[],
  ) {
    const columns = [
      db.raw('count(*) as entity_count'),
      db.raw('avg(case when r.score >= 0 then r.score end) as average_score'),
      ...CHECK_LEVELS.map(level =>
        db.raw(`sum(case when r.level = ? then 1 else 0 end) as ??`, [
          level,
          `level_${level}`,
        ]),
      ),
      db.raw(`sum(case when r.level = 'none' then 1 else 0 end) as level_none`),
      ...checkIds.map((id, i) =>
        db.raw(
          `sum(case when r.failing_checks like ? escape '\\' then 1 else 0 end) as ??`,
          [`%,${likeLiteral(id)},%`, `failing_${i}`],
        ),
      ),
    ];
    const row: any = await this.filtered(db, evaluationId, filter).first(
      columns,
    );
    const levelCounts = emptyLevels();
    for (const level of [...CHECK_LEVELS, 'none'] as ScoreLevel[])
      levelCounts[level] = Number(row?.[`level_${level}`] ?? 0);
    const failingCounts: Record<string, number> = {};
    checkIds.forEach((id, i) => {
      const n = Number(row?.[`failing_${i}`] ?? 0);
      if (n > 0) failingCounts[id] = n;
    });
    return {
      entityCount: Number(row?.entity_count ?? 0),
      averageScore:
        row?.average_score === null || row?.average_score === undefined
          ? null
          : round1(Number(row.average_score)),
      levelCounts,
      failingCounts,
    };
  }

  private async ownerRollup(
    db: Knex | Knex.Transaction,
    evaluationId: number,
    filter: ComplianceFilter,
  ): Promise<OwnerRollup[]> {
    const rows: any[] = await this.filtered(db, evaluationId, filter)
      .select('r.owner', 'r.level')
      .count({ n: '*' })
      .sum({
        score_sum: db.raw('case when r.score >= 0 then r.score else 0 end'),
      })
      .sum({ scored: db.raw('case when r.score >= 0 then 1 else 0 end') })
      .groupBy('r.owner', 'r.level');
    const byOwner = new Map<
      string,
      {
        count: number;
        sum: number;
        scored: number;
        levels: Record<ScoreLevel, number>;
      }
    >();
    for (const row of rows) {
      const entry = byOwner.get(row.owner) ?? {
        count: 0,
        sum: 0,
        scored: 0,
        levels: emptyLevels(),
      };
      entry.count += Number(row.n);
      entry.sum += Number(row.score_sum ?? 0);
      entry.scored += Number(row.scored ?? 0);
      const level: unknown = row.level;
      if (isScoreLevel(level)) entry.levels[level] += Number(row.n);
      byOwner.set(row.owner, entry);
    }
    return [...byOwner.entries()]
      .map(([owner, e]) => ({
        owner,
        entityCount: e.count,
        averageScore: e.scored ? round1(e.sum / e.scored) : null,
        levelCounts: e.levels,
      }))
      .sort((a, b) => a.owner.localeCompare(b.owner));
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
      return rows.reverse().map(trendPoint);
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
    return rows.reverse().map(trendPoint);
  }

  async latestRecord(entityRef: string): Promise<ComplianceRow | undefined> {
    const evaluation = await this.latestEvaluation();
    if (!evaluation) return undefined;
    // Like pages, a completed run's row never changes: the Ops tab's read costs one query less per visit.
    return this.records.get(`${evaluation.id}\n${entityRef}`, async () => {
      const row = await this.db('ops_entity_results as r')
        .where({ 'r.evaluation_id': evaluation.id, 'r.entity_ref': entityRef })
        .first();
      return row ? toRow(row) : undefined;
    });
  }

  async entityHistory(
    entityRef: string,
    limit: number,
  ): Promise<HistoryPoint[]> {
    const rows = await this.db('ops_entity_history')
      .where('entity_ref', entityRef)
      .orderBy('id', 'desc')
      .limit(limit);
    return rows.reverse().map(row => ({
      evaluationId: Number(row.evaluation_id),
      at: iso(row.evaluated_at),
      score: scoreOut(row.score),
      level: isScoreLevel(row.level) ? row.level : 'none',
      scorecards: parseJson(row.scorecards, {}),
      failingCount: Number(row.failing_count),
    }));
  }

  // ---- sign-offs ------------------------------------------------------------

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
    const ids = (text: string | null) =>
      (text ?? '').split(',').filter(Boolean);
    return rows.map(row => ({
      entityRef: row.entity_ref,
      owner: row.owner || undefined,
      previous: {
        level: row.previous_level,
        failingChecks: ids(row.previous_failing),
      },
      current: { level: row.level, failingChecks: ids(row.failing_checks) },
    }));
  }

  async addSignOff(signOff: NewSignOff): Promise<StoredSignOff> {
    const row = {
      entity_ref: signOff.entityRef,
      item_id: signOff.itemId,
      version: signOff.version ?? '',
      environment: signOff.environment ?? '',
      signed_by: signOff.by,
      signed_at: signOff.at ?? new Date(),
      comment: signOff.comment ?? null,
    };
    const [inserted] = await this.db('ops_signoffs')
      .insert(row)
      .returning('id');
    const id =
      typeof inserted === 'object' ? Number(inserted.id) : Number(inserted);
    return toSignOff({ ...row, id });
  }

  async listSignOffs(entityRef: string): Promise<StoredSignOff[]> {
    const rows = await this.db('ops_signoffs')
      .where('entity_ref', entityRef)
      .orderBy('id', 'asc');
    return rows.map(toSignOff);
  }

  async allSignOffs(): Promise<Map<string, StoredSignOff[]>> {
    const out = new Map<string, StoredSignOff[]>();
    for (const row of await this.db('ops_signoffs').orderBy('id', 'asc')) {
      const signOff = toSignOff(row);
      out.set(signOff.entityRef, [
        ...(out.get(signOff.entityRef) ?? []),
        signOff,
      ]);
    }
    return out;
  }

  // ---- waivers --------------------------------------------------------------

  async addWaiver(waiver: NewWaiver): Promise<StoredWaiver> {
    const row = {
      id: randomUUID(),
      entity_ref: waiver.entityRef,
      check_id: waiver.checkId,
      reason: waiver.reason,
      expires_at: waiver.expiresAt,
      created_by: waiver.by,
      created_at: new Date(),
      revoked_at: null,
      revoked_by: null,
    };
    await this.db('ops_waivers').insert(row);
    return toWaiver(row);
  }

  async listWaivers(
    entityRef: string,
    options: { includeInactive: boolean },
  ): Promise<StoredWaiver[]> {
    const q = this.db('ops_waivers')
      .where('entity_ref', entityRef)
      .orderBy('created_at', 'asc');
    if (!options.includeInactive)
      q.whereNull('revoked_at').where('expires_at', '>', new Date());
    return (await q).map(toWaiver);
  }

  async getWaiver(id: string): Promise<StoredWaiver | undefined> {
    const row = await this.db('ops_waivers').where('id', id).first();
    return row ? toWaiver(row) : undefined;
  }

  async revokeWaiver(
    id: string,
    by: string,
  ): Promise<StoredWaiver | undefined> {
    // Only the first revocation counts: concurrent revokes keep the first author.
    await this.db('ops_waivers')
      .where('id', id)
      .whereNull('revoked_at')
      .update({ revoked_at: new Date(), revoked_by: by });
    return this.getWaiver(id);
  }

  async activeWaivers(): Promise<Map<string, StoredWaiver[]>> {
    const out = new Map<string, StoredWaiver[]>();
    const rows = await this.db('ops_waivers')
      .whereNull('revoked_at')
      .where('expires_at', '>', new Date());
    for (const row of rows) {
      const waiver = toWaiver(row);
      out.set(waiver.entityRef, [...(out.get(waiver.entityRef) ?? []), waiver]);
    }
    return out;
  }
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

function sortValue(row: any, field: SortField): string | number {
  const column = SORT_COLUMNS[field].slice(2);
  const value = row[column];
  return typeof value === 'number' || typeof value === 'string'
    ? value
    : String(value ?? '');
}

function toRun(row: any): EvaluationRun {
  return {
    id: Number(row.id),
    status: row.status,
    trigger: row.trigger ?? undefined,
    startedAt: iso(row.started_at),
    finishedAt: optionalIso(row.finished_at),
    error: row.error ?? undefined,
    entityCount: Number(row.entity_count ?? 0),
    averageScore:
      row.average_score === null || row.average_score === undefined
        ? null
        : Number(row.average_score),
    levelCounts: { ...emptyLevels(), ...parseJson(row.level_counts, {}) },
    failingCounts: parseJson(row.failing_counts, {}),
  };
}

function toRow(row: any): ComplianceRow {
  return {
    entityRef: row.entity_ref,
    kind: row.kind,
    type: row.type || undefined,
    lifecycle: row.lifecycle || undefined,
    owner: row.owner || undefined,
    system: row.system || undefined,
    tier: row.tier,
    declaredTier: Boolean(row.declared_tier),
    title: row.title ?? undefined,
    score: scoreOut(row.score),
    level: isScoreLevel(row.level) ? row.level : 'none',
    scorecards: parseJson(row.scorecards, {}),
    failingChecks: idsOut(row.failing_checks),
    warningChecks: idsOut(row.warning_checks),
    errorCount: Number(row.error_count),
    warningCount: Number(row.warning_count),
    ...(row.slos ? { slos: parseJson(row.slos, undefined) } : {}),
  };
}

function trendPoint(row: any): TrendPoint {
  return {
    evaluationId: Number(row.id),
    at: iso(row.finished_at),
    entityCount: Number(row.entity_count),
    averageScore:
      row.average_score === null || row.average_score === undefined
        ? null
        : round1(Number(row.average_score)),
    levelCounts: { ...emptyLevels(), ...parseJson(row.level_counts, {}) },
  };
}

function toSignOff(row: any): StoredSignOff {
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

function toWaiver(row: any): StoredWaiver {
  const expiresAt = iso(row.expires_at);
  const revokedAt = optionalIso(row.revoked_at);
  return {
    id: row.id,
    entityRef: row.entity_ref,
    checkId: row.check_id,
    reason: row.reason,
    expiresAt,
    by: row.created_by,
    createdAt: iso(row.created_at),
    revokedAt,
    revokedBy: row.revoked_by ?? undefined,
    active: !revokedAt && Date.parse(expiresAt) > Date.now(),
  };
}
