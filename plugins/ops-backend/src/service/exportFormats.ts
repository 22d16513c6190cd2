import type { ComplianceRow } from '../database/OpsStore';

/**
 * One CSV cell. Quotes when needed, and defuses spreadsheet formulas: a cell
 * starting with = + - @ (an entity title, say) would otherwise run in Excel.
 */
export function csvCell(value: unknown): string {
  if (value === undefined || value === null) return '';
  let text = Array.isArray(value) ? value.join(' ') : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text))
    text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvHeader(scorecards: string[]): string {
  return [
    'entityRef',
    'title',
    'kind',
    'type',
    'lifecycle',
    'owner',
    'system',
    'tier',
    'score',
    'level',
    ...scorecards.flatMap(id => [`${id}Score`, `${id}Level`]),
    'failingChecks',
    'warningChecks',
    'errorCount',
    'warningCount',
    'productionSlos',
    'productionSlosMet',
    'productionSlosObservedAt',
  ].join(',');
}

export function csvRow(row: ComplianceRow, scorecards: string[]): string {
  return [
    row.entityRef,
    row.title,
    row.kind,
    row.type,
    row.lifecycle,
    row.owner,
    row.system,
    row.tier,
    row.score,
    row.level,
    ...scorecards.flatMap(id => [
      row.scorecards[id]?.score,
      row.scorecards[id]?.level,
    ]),
    row.failingChecks,
    row.warningChecks,
    row.errorCount,
    row.warningCount,
    row.slos?.total,
    row.slos?.met,
    row.slos?.observedAt,
  ]
    .map(csvCell)
    .join(',');
}
