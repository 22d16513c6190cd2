import type { Knex } from 'knex';
import { bulkInsert } from './bulkInsert';
import { scoreIn } from './columnValues';
import type { ComplianceRow } from './OpsStore';
import { toResultRow } from './resultColumns';

/** A run's rows of scored entities: the compliance row and one row per scorecard. */
export async function insertScoredRows(
  tx: Knex.Transaction,
  evaluationId: number,
  rows: ComplianceRow[],
): Promise<void> {
  // One statement per table on PostgreSQL for a page of 250 entities.
  await bulkInsert(
    tx,
    'ops_entity_results',
    rows.map(row => toResultRow(evaluationId, row)),
  );
  await bulkInsert(
    tx,
    'ops_scorecard_results',
    rows.flatMap(row =>
      Object.entries(row.scorecards).map(([scorecard, card]) => ({
        evaluation_id: evaluationId,
        entity_ref: row.entityRef,
        scorecard,
        score: scoreIn(card.score),
        level: card.level,
      })),
    ),
  );
}

/** Removes these entities' rows from a run, so that they can be written again. */
export async function deleteScoredRows(
  tx: Knex.Transaction,
  evaluationId: number,
  entityRefs: string[],
): Promise<void> {
  for (const table of ['ops_entity_results', 'ops_scorecard_results'])
    await tx(table)
      .where('evaluation_id', evaluationId)
      .whereIn('entity_ref', entityRefs)
      .delete();
}

/** What a history row records of a compliance row. */
export function historyValues(row: ComplianceRow) {
  return {
    score: scoreIn(row.score),
    level: row.level,
    scorecards: JSON.stringify(row.scorecards),
    failing_count: row.failingChecks.length,
  };
}

/** Whether a stored row (of results or history) has other scores than `row`. */
export function scoresDiffer(
  stored: { score: unknown; level: unknown; scorecards: unknown } | undefined,
  row: ComplianceRow,
): boolean {
  return (
    !stored ||
    Number(stored.score) !== scoreIn(row.score) ||
    stored.level !== row.level ||
    stored.scorecards !== JSON.stringify(row.scorecards)
  );
}
