import type { Knex } from 'knex';
import { likeLiteral } from './columnValues';
import type { ComplianceFilter } from './OpsStore';

/** One run's rows of ops_entity_results (aliased `r`) that match the filter. */
export function filteredResults(
  db: Knex | Knex.Transaction,
  evaluationId: number,
  filter: ComplianceFilter,
): Knex.QueryBuilder {
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
  lowerIn('r.owner', filter.owner);
  lowerIn('r.system', filter.system);
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
  if (filter.budgetBelow !== undefined)
    q.where('r.budget_rank', '<', filter.budgetBelow / 100);
  if (filter.text) {
    const pattern = `%${likeLiteral(filter.text.toLowerCase())}%`;
    q.whereRaw(`r.search_text like ? escape '\\'`, [pattern]);
  }
  return q;
}
