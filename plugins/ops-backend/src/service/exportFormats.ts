import type { ComplianceRow } from '../database/OpsStore';
import { csvFields } from '../database/resultColumns';

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

// The columns are the stored row's (RESULT_COLUMNS): a field added there is exported in the same change.
export function csvHeader(scorecards: string[]): string {
  return csvFields(scorecards)
    .map(f => f.header)
    .join(',');
}

export function csvRow(row: ComplianceRow, scorecards: string[]): string {
  return csvFields(scorecards)
    .map(f => csvCell(f.value(row)))
    .join(',');
}
