import type { Tokens } from 'marked';
import type { ChapterKind } from './chapters';
import { sourceText, type PlainText } from './markdownText';

/** One table, its columns found by what their headers say rather than where they are. */
export class RunbookTable {
  readonly headers: string[];
  private cells?: PlainText[][];

  constructor(readonly token: Tokens.Table, readonly line: number) {
    this.headers = token.header.map(
      cell => sourceText(cell.text, cell.tokens).text,
    );
  }

  /** The body rows, read when a reader asks (a table kept as a note never is). */
  get rows(): PlainText[][] {
    this.cells ??= this.token.rows.map(row =>
      row.map(cell => ({
        ...sourceText(cell.text, cell.tokens),
        raw: cell.text.trim(),
      })),
    );
    return this.cells;
  }

  /** The index of the first column whose header matches, or -1. */
  column(pattern: RegExp): number {
    return this.headers.findIndex(header => pattern.test(header.trim()));
  }

  has(pattern: RegExp): boolean {
    return this.column(pattern) >= 0;
  }

  /** The line a body row is on (header, delimiter, then one line per row). */
  rowLine(index: number): number {
    return this.line + 2 + index;
  }
}

/** What a table holds, told by its headers (and, for "Level" tables, by its chapter). */
export type TableKind =
  | 'environments'
  | 'slos'
  | 'tools'
  | 'dashboards'
  | 'logLevels'
  | 'severities'
  | 'backups'
  | 'versionHistory'
  | 'summary';

export const COLUMNS = {
  environment: /^(environment|env|stage|name)s?$/i,
  purpose: /^(purpose|description|use|used for|what for|notes?)$/i,
  url: /^(url|link|address|endpoint|host|dashboard|dashboard url)s?$/i,
  metric: /^(metric|slo|sli|name|metric name|objective name|what)$/i,
  indicator: /^(indicator|type|kind)$/i,
  unit: /^units?$/i,
  target: /^(target|objective|goal|slo target|threshold target)$/i,
  alert:
    /^(alert|alerts|alert threshold|alerting threshold|alert at|alert when|page at|page when|paging threshold|threshold)$/i,
  window: /^(window|period|time window|measured over)$/i,
  query: /^(query|promql|expression)$/i,
  tool: /^(tool|name|system|service)$/i,
  toolPurpose: /^(purpose|used for|use|type|role)$/i,
  level: /^(level|log level|severity|priority|sev)$/i,
  levelUse: /^(when to use|when|usage|use|meaning|description)$/i,
  severityDescription:
    /^(description|meaning|impact|definition|example|examples|criteria)$/i,
  responseTime:
    /^(response time|response|time to respond|response sla|ack(nowledge)?( time)?|sla)$/i,
  data: /^(data|what|store|data store|database|dataset|resource)$/i,
  schedule: /^(frequency|schedule|how often|interval|cadence)$/i,
  retention: /^(retention|kept for|keep|retained|retention period)$/i,
  rpo: /^rpo$/i,
  rto: /^rto$/i,
  backupTool: /^(tool|method|how|mechanism)$/i,
  version: /^(version|release|rev(ision)?)$/i,
  date: /^(date|released|when)$/i,
  author: /^(author|by|owner|who)$/i,
  changes: /^(changes?|description|summary|notes?|what changed)$/i,
} as const;

export function tableKind(
  table: RunbookTable,
  chapter: ChapterKind | undefined,
): TableKind | undefined {
  const has = (pattern: RegExp) => table.has(pattern);
  const chapterIsLogging = Boolean(chapter?.startsWith('logging'));
  const inMonitoring = Boolean(chapter?.startsWith('monitoring'));
  if (has(COLUMNS.version) && (has(COLUMNS.date) || has(COLUMNS.changes)))
    return 'versionHistory';
  if (has(COLUMNS.level) && has(COLUMNS.responseTime)) return 'severities';
  if (has(COLUMNS.level) && chapterIsLogging) return 'logLevels';
  if (has(COLUMNS.target) && (has(COLUMNS.metric) || has(COLUMNS.alert)))
    return 'slos';
  if (has(COLUMNS.data) && (has(COLUMNS.schedule) || has(COLUMNS.retention)))
    return 'backups';
  if (
    has(COLUMNS.toolPurpose) &&
    (table.has(/^tools?$/i) || (inMonitoring && has(COLUMNS.tool)))
  )
    return 'tools';
  if (/^dashboards?$/i.test(table.headers[0] ?? '') && has(COLUMNS.url))
    return 'dashboards';
  if (
    table.has(/^(environment|env)s?$/i) ||
    (has(COLUMNS.environment) && has(COLUMNS.url) && has(COLUMNS.purpose))
  )
    return 'environments';
  if (
    table.headers.every(header => !header) &&
    table.rows.some(row => /^(tier|published runbook)$/i.test(row[0]?.text))
  )
    return 'summary';
  return undefined;
}
