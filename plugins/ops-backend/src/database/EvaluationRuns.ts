import type { Knex } from 'knex';
import { toRun } from './rowMappers';
import type { EvaluationRun } from './OpsStore';

/**
 * The run whose rows in ops_entity_results and ops_scorecard_results hold
 * this run's results: its own, or, for a run that changed nothing, those
 * of the run it kept them from.
 */
export function rowsId(run: Pick<EvaluationRun, 'id' | 'rowsOf'>): number {
  return run.rowsOf ?? run.id;
}

/**
 * Reads of ops_evaluations. The latest runs are read by every API call; a
 * one-second memo saves two queries per request under load. Another
 * replica's new run shows up within that second; this instance's own writes
 * call `forget` at once.
 */
export class EvaluationRuns {
  private memo = new Map<
    string,
    { at: number; value: Promise<EvaluationRun | undefined> }
  >();

  constructor(private readonly db: Knex) {}

  /** The latest succeeded run: the one whose results are served. */
  latest(): Promise<EvaluationRun | undefined> {
    return this.memoized('latest', () =>
      newest(this.db('ops_evaluations').where('status', 'succeeded')),
    );
  }

  /** The latest finished run, succeeded or failed. */
  last(): Promise<EvaluationRun | undefined> {
    return this.memoized('last', () =>
      newest(this.db('ops_evaluations').whereNot('status', 'running')),
    );
  }

  /** The newest run, running or finished. */
  current(): Promise<EvaluationRun | undefined> {
    return this.memoized('current', () => newest(this.db('ops_evaluations')));
  }

  async get(id: number): Promise<EvaluationRun | undefined> {
    const row = await this.db('ops_evaluations').where('id', id).first();
    return row ? toRun(row) : undefined;
  }

  forget() {
    this.memo.clear();
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
}

async function newest(
  q: Knex.QueryBuilder,
): Promise<EvaluationRun | undefined> {
  const row = await q.orderBy('id', 'desc').first();
  return row ? toRun(row) : undefined;
}
