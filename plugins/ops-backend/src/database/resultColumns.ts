import { isScoreLevel, levelRank } from '@opskit/plugin-ops-common';
import { budgetRank, idList, idsOut, scoreIn, scoreOut } from './columnValues';
import { parseJson } from './parseJson';
import type { ComplianceRow } from './OpsStore';

/** One CSV column of the compliance export. */
export interface CsvField {
  header: string;
  value(row: ComplianceRow): unknown;
}

interface ResultColumn<K extends keyof ComplianceRow = keyof ComplianceRow> {
  /** The column of ops_entity_results. */
  name: string;
  write(row: ComplianceRow): unknown;
  /** The row field the column is read back into; columns kept only for filtering and sorting have none. */
  read?: { field: K; value(stored: any): ComplianceRow[K] };
  /** A header for the read field as it is, or the CSV columns it expands to, given the export's scorecard ids. */
  csv?: string | ((scorecards: string[]) => CsvField[]);
}

// Each column is declared through this so that `read` is checked against the field it fills.
const column = <K extends keyof ComplianceRow>(
  spec: ResultColumn<K>,
): ResultColumn => spec as ResultColumn;

const asIs = <K extends keyof ComplianceRow>(field: K) => ({
  field,
  value: (stored: any) => stored as ComplianceRow[K],
});
const orUndefined = <K extends 'type' | 'lifecycle' | 'owner' | 'system'>(
  field: K,
) => ({ field, value: (stored: any) => (stored || undefined) as string });

/**
 * Every column of ops_entity_results but evaluation_id, in CSV order. A
 * column added by a migration belongs here, or copying unchanged entities'
 * rows to the next run would drop it (resultColumns.test.ts checks this
 * against the migrated schema).
 */
export const RESULT_COLUMNS: readonly ResultColumn[] = [
  column({
    name: 'entity_ref',
    write: r => r.entityRef,
    read: asIs('entityRef'),
    csv: 'entityRef',
  }),
  column({
    name: 'title',
    write: r => r.title ?? null,
    read: { field: 'title', value: v => v ?? undefined },
    csv: 'title',
  }),
  // Kind, type and lifecycle are kept lower-case, as in entity refs, so filters compare plainly and use indexes.
  column({
    name: 'kind',
    write: r => r.kind.toLowerCase(),
    read: asIs('kind'),
    csv: 'kind',
  }),
  column({
    name: 'type',
    write: r => (r.type ?? '').toLowerCase(),
    read: orUndefined('type'),
    csv: 'type',
  }),
  column({
    name: 'lifecycle',
    write: r => (r.lifecycle ?? '').toLowerCase(),
    read: orUndefined('lifecycle'),
    csv: 'lifecycle',
  }),
  column({
    name: 'owner',
    write: r => r.owner ?? '',
    read: orUndefined('owner'),
    csv: 'owner',
  }),
  column({
    name: 'system',
    write: r => r.system ?? '',
    read: orUndefined('system'),
    csv: 'system',
  }),
  column({ name: 'tier', write: r => r.tier, read: asIs('tier'), csv: 'tier' }),
  column({
    name: 'declared_tier',
    write: r => r.declaredTier,
    read: { field: 'declaredTier', value: Boolean },
  }),
  column({
    name: 'search_text',
    write: r => `${r.entityRef}\n${r.title ?? ''}`.toLowerCase(),
  }),
  column({
    name: 'score',
    write: r => scoreIn(r.score),
    read: { field: 'score', value: scoreOut },
    csv: 'score',
  }),
  column({
    name: 'level',
    write: r => r.level,
    read: { field: 'level', value: v => (isScoreLevel(v) ? v : 'none') },
    csv: 'level',
  }),
  // Sorting by level sorts by rank: none < bronze < silver < gold, not alphabetically.
  column({ name: 'level_rank', write: r => levelRank(r.level) }),
  column({
    name: 'scorecards',
    write: r => JSON.stringify(r.scorecards),
    read: { field: 'scorecards', value: v => parseJson(v, {}) },
    csv: scorecards =>
      scorecards.flatMap(id => [
        { header: `${id}Score`, value: r => r.scorecards[id]?.score },
        { header: `${id}Level`, value: r => r.scorecards[id]?.level },
      ]),
  }),
  column({
    name: 'failing_checks',
    write: r => idList(r.failingChecks),
    read: { field: 'failingChecks', value: idsOut },
    csv: 'failingChecks',
  }),
  column({
    name: 'warning_checks',
    write: r => idList(r.warningChecks),
    read: { field: 'warningChecks', value: idsOut },
    csv: 'warningChecks',
  }),
  column({
    name: 'error_count',
    write: r => r.errorCount,
    read: { field: 'errorCount', value: Number },
    csv: 'errorCount',
  }),
  column({
    name: 'warning_count',
    write: r => r.warningCount,
    read: { field: 'warningCount', value: Number },
    csv: 'warningCount',
  }),
  // The export shows the production SLO counts only; the per-SLO detail is in the JSON export.
  column({
    name: 'slos',
    write: r => (r.slos ? JSON.stringify(r.slos) : null),
    read: {
      field: 'slos',
      value: v => parseJson<ComplianceRow['slos']>(v, undefined),
    },
    csv: () => [
      { header: 'productionSlos', value: r => r.slos?.total },
      { header: 'productionSlosMet', value: r => r.slos?.met },
      { header: 'productionSlosObservedAt', value: r => r.slos?.observedAt },
    ],
  }),
  column({
    name: 'budget',
    write: r => (r.budget ? JSON.stringify(r.budget) : null),
    read: {
      field: 'budget',
      value: v => parseJson<ComplianceRow['budget']>(v, undefined),
    },
    csv: () => [
      { header: 'budgetSlo', value: r => r.budget?.slo },
      { header: 'budgetRemaining', value: r => r.budget?.remaining },
    ],
  }),
  column({ name: 'budget_rank', write: r => budgetRank(r.budget) }),
];

/** The column names, comma-separated: the list of an INSERT ... SELECT copying rows between runs. */
export const RESULT_COLUMN_LIST = RESULT_COLUMNS.map(c => c.name).join(', ');

export function toResultRow(
  evaluationId: number,
  row: ComplianceRow,
): Record<string, unknown> {
  const out: Record<string, unknown> = { evaluation_id: evaluationId };
  for (const c of RESULT_COLUMNS) out[c.name] = c.write(row);
  return out;
}

/** Optional fields that are empty in the database are left out of the row. */
export function toComplianceRow(
  stored: Record<string, unknown>,
): ComplianceRow {
  const out: Record<string, unknown> = {};
  for (const { name, read } of RESULT_COLUMNS) {
    if (!read) continue;
    const value = read.value(stored[name]);
    if (value !== undefined) out[read.field] = value;
  }
  return out as unknown as ComplianceRow;
}

/** The CSV columns of an export with these scorecards. */
export function csvFields(scorecards: string[]): CsvField[] {
  return RESULT_COLUMNS.flatMap(({ csv, read }): CsvField[] => {
    if (typeof csv === 'function') return csv(scorecards);
    if (csv === undefined) return [];
    const field = read!.field;
    return [{ header: csv, value: row => row[field] }];
  });
}
