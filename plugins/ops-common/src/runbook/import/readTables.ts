/**
 * Readers for the runbook's tables, one per kind of table. Columns are found by
 * their headers; each row becomes one list item of the descriptor.
 */
import { INDICATORS, TIERS, type Indicator } from '../../descriptor/vocabulary';
import type { ImportState } from './importState';
import type { PlainText } from './markdownText';
import { COLUMNS, RunbookTable, type TableKind } from './tables';
import {
  environmentName,
  impliedOperator,
  indicatorOf,
  readDate,
  readDuration,
  readResponseTime,
  readSchedule,
  readThreshold,
  readUrl,
  type WrittenThreshold,
} from './values';

type Json = Record<string, unknown>;

const text = (t: string) => t || undefined;
/** A URL cell: a link's target, a code span (`localhost`), or the text itself. */
const urlText = (cell: PlainText) => cell.links[0] ?? cell.code[0] ?? cell.text;

/** Drops undefined fields, so the descriptor holds only what the runbook says. */
function defined(value: Json): Json {
  const out: Json = {};
  for (const [key, entry] of Object.entries(value))
    if (entry !== undefined) out[key] = entry;
  return out;
}

function cellOf(table: RunbookTable, row: PlainText[], pattern: RegExp) {
  const index = table.column(pattern);
  return index >= 0
    ? { cell: row[index], column: table.headers[index] }
    : { cell: undefined, column: '' };
}

type Reader = (state: ImportState, table: RunbookTable) => void;

/** Reads the fields of one row: `get(path, column, read)` for each. */
function rowFields(
  state: ImportState,
  table: RunbookTable,
  row: PlainText[],
  index: number,
) {
  return <T>(
    path: string,
    pattern: RegExp,
    read: (t: string) => T | undefined,
    raw?: (cell: PlainText) => string,
  ): T | string | undefined => {
    const { cell, column } = cellOf(table, row, pattern);
    return state.value(
      cell,
      { path, line: table.rowLine(index), column },
      read,
      raw,
    );
  };
}

const environments: Reader = (state, table) => {
  const nameColumn = table.has(/^(environment|env)s?$/i)
    ? /^(environment|env)s?$/i
    : COLUMNS.environment;
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `environments[${state.environments.length}]`;
    const item = defined({
      name: get(`${path}.name`, nameColumn, t => environmentName(t)),
      purpose: get(`${path}.purpose`, COLUMNS.purpose, text),
      url: get(`${path}.url`, COLUMNS.url, readUrl, urlText),
    });
    if (!Object.keys(item).length) return;
    state.mark(path, table.rowLine(i));
    state.environments.push(item);
  });
};

function threshold(
  written: WrittenThreshold | string | undefined,
  indicator: Indicator,
  role: 'objective' | 'alert',
): unknown {
  if (written === undefined || typeof written === 'string') return written;
  const op = written.op ?? impliedOperator(indicator, role);
  // Without an operator the direction is unknown: keep the text, validation asks for one.
  if (!op) return String(written.value);
  return defined({
    op,
    value: written.value,
    for: role === 'alert' ? written.for : undefined,
  });
}

const slos: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `slos[${state.slos.length}]`;
    const line = table.rowLine(i);
    const name = get(`${path}.name`, COLUMNS.metric, text);
    const indicatorCell = cellOf(
      table,
      row,
      COLUMNS.indicator,
    ).cell?.text.toLowerCase();
    const indicator: Indicator =
      indicatorCell && (INDICATORS as readonly string[]).includes(indicatorCell)
        ? (indicatorCell as Indicator)
        : indicatorOf(indicatorCell || (typeof name === 'string' ? name : ''));
    const objective = get(`${path}.objective`, COLUMNS.target, readThreshold);
    const alert = get(`${path}.alert`, COLUMNS.alert, readThreshold);
    const unitCell = cellOf(table, row, COLUMNS.unit).cell?.text;
    const unit =
      text(unitCell?.trim() ?? '') ??
      (typeof objective === 'object' ? objective.unit : undefined) ??
      (typeof alert === 'object' ? alert.unit : undefined);
    const item = defined({
      name,
      indicator,
      unit,
      objective: threshold(objective, indicator, 'objective'),
      alert: threshold(alert, indicator, 'alert'),
      window: get(`${path}.window`, COLUMNS.window, readDuration),
      query: get(
        `${path}.query`,
        COLUMNS.query,
        text,
        c => c.code[0] ?? c.text,
      ),
    });
    if (item.name === undefined && item.objective === undefined) return;
    state.mark(path, line);
    state.slos.push(item);
  });
};

const PURPOSES: [RegExp, string][] = [
  [/metric|time.?series|prometheus/i, 'metrics'],
  [/visuali|dashboard|graph|chart/i, 'visualization'],
  [/alert|pag(e|ing)|on-?call|incident/i, 'alerting'],
  [/log/i, 'logging'],
  [/trac|apm|span/i, 'tracing'],
];
/** `Metrics`, `Dashboards`, `Paging` → the tool purpose vocabulary. */
function toolPurpose(t: string): string | undefined {
  for (const [pattern, purpose] of PURPOSES)
    if (pattern.test(t)) return purpose;
  return undefined;
}

const tools: Reader = (state, table) => {
  const nameColumn = table.has(/^tools?$/i) ? /^tools?$/i : COLUMNS.tool;
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `monitoring.tools[${state.tools.length}]`;
    const item = defined({
      name: get(`${path}.name`, nameColumn, text),
      purpose: get(`${path}.purpose`, COLUMNS.toolPurpose, toolPurpose),
      url: get(`${path}.url`, COLUMNS.url, readUrl, urlText),
    });
    if (item.name === undefined) return;
    state.mark(path, table.rowLine(i));
    state.tools.push(item);
  });
};

const dashboards: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `monitoring.dashboards[${state.dashboards.length}]`;
    const item = defined({
      name: get(`${path}.name`, /^dashboards?$|^name$/i, text),
      url: get(`${path}.url`, /^(url|link|address)$/i, readUrl, urlText),
      environment: get(
        `${path}.environment`,
        /^(environment|env)$/i,
        environmentName,
      ),
    });
    if (item.name === undefined) return;
    state.mark(path, table.rowLine(i));
    state.dashboards.push(item);
  });
};

const logLevels: Reader = (state, table) => {
  const levels: unknown[] = [];
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const level = get(`logging.levels[${levels.length}]`, COLUMNS.level, t =>
      t.toLowerCase(),
    );
    if (level === undefined) return;
    state.mark(`logging.levels[${levels.length}]`, table.rowLine(i));
    levels.push(level);
  });
  if (levels.length) {
    state.mark('logging.levels', table.line);
    state.logging.levels = [
      ...((state.logging.levels as unknown[]) ?? []),
      ...levels,
    ];
  }
};

const severities: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `incident.severities[${state.severities.length}]`;
    const item = defined({
      id: get(`${path}.id`, COLUMNS.level, text),
      description: get(
        `${path}.description`,
        COLUMNS.severityDescription,
        text,
      ),
      responseTime: get(
        `${path}.responseTime`,
        COLUMNS.responseTime,
        readResponseTime,
      ),
    });
    if (item.id === undefined) return;
    state.mark(path, table.rowLine(i));
    state.severities.push(item);
  });
};

const backups: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `backups[${state.backups.length}]`;
    const item = defined({
      data: get(`${path}.data`, COLUMNS.data, text, c => c.code[0] ?? c.text),
      schedule: get(
        `${path}.schedule`,
        COLUMNS.schedule,
        readSchedule,
        // A cron line's stars would read as emphasis.
        c => c.code[0] ?? (readSchedule(c.raw ?? '') ? c.raw! : c.text),
      ),
      retention: get(`${path}.retention`, COLUMNS.retention, readDuration),
      rpo: get(`${path}.rpo`, COLUMNS.rpo, readDuration),
      rto: get(`${path}.rto`, COLUMNS.rto, readDuration),
      tool: get(`${path}.tool`, COLUMNS.backupTool, text),
    });
    if (item.data === undefined) return;
    state.mark(path, table.rowLine(i));
    state.backups.push(item);
  });
};

const versionHistory: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const get = rowFields(state, table, row, i);
    const path = `versionHistory[${state.versionHistory.length}]`;
    const changes = get(`${path}.changes`, COLUMNS.changes, text);
    const item = defined({
      version: get(`${path}.version`, COLUMNS.version, text),
      date: get(`${path}.date`, COLUMNS.date, readDate),
      author: get(`${path}.author`, COLUMNS.author, text),
      // The rendered runbook joins a release's changes with "; ".
      changes:
        typeof changes === 'string'
          ? changes.split(/\s*;\s+/).filter(Boolean)
          : undefined,
    });
    if (item.version === undefined) return;
    state.mark(path, table.rowLine(i));
    state.versionHistory.push(item);
  });
};

/** The rendered runbook's opening table: the declared tier and the published runbook. */
const summary: Reader = (state, table) => {
  table.rows.forEach((row, i) => {
    const [key, value] = [row[0]?.text ?? '', row[1]];
    if (!value) return;
    if (/^tier$/i.test(key)) {
      const tier = value.text.trim();
      // "tier-3 (not declared; org default)" is the org's fallback, not a declaration.
      if ((TIERS as readonly string[]).includes(tier)) {
        state.tier = tier;
        state.mark('tier', table.rowLine(i));
      }
    } else if (/^published runbook$/i.test(key)) {
      const runbook = value.links[0] ?? value.text;
      if (runbook) {
        state.runbook = runbook;
        state.mark('runbook', table.rowLine(i));
      }
    }
  });
};

export const TABLE_READERS: Record<TableKind, Reader> = {
  environments,
  slos,
  tools,
  dashboards,
  logLevels,
  severities,
  backups,
  versionHistory,
  summary,
};
