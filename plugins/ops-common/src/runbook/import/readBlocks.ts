/**
 * Readers for the runbook's lists, code blocks and paragraphs, by chapter:
 * a task list is a checklist, a numbered list under "Escalation Path" is the
 * escalation, a `bash` block under "Deployment Process" is the steps.
 */
import type { Tokens } from 'marked';
import { STANDARD_CHECKLIST_IDS } from '../../descriptor/vocabulary';
import type { ChapterKind } from './chapters';
import type { ImportState } from './importState';
import { itemText, type PlainText } from './markdownText';
import {
  environmentName,
  placeholderOf,
  readDate,
  readDuration,
  readUrl,
  slug,
} from './values';

type Json = Record<string, unknown>;

/** A list with each item's words and line. */
export interface ListItem {
  text: PlainText;
  line: number;
  task: boolean;
}

export function listItems(list: Tokens.List, line: number): ListItem[] {
  let offset = 0;
  return list.items.map(item => {
    const at = line + offset;
    offset += (item.raw.match(/\n/g) ?? []).length;
    return { text: itemText(item), line: at, task: item.task };
  });
}

const STANDARD_ITEMS: [RegExp, (typeof STANDARD_CHECKLIST_IDS)[number]][] = [
  [
    /\btests?\b.*\b(pass|green)|\b(passing|green)\b.*\btests?\b|\bci\b.*\bgreen\b/i,
    'tests-passing',
  ],
  [/\breview|\bapprov/i, 'code-reviewed'],
  [/\bmigration/i, 'migrations-ready'],
  [/\broll ?back\b/i, 'rollback-plan'],
];

/** `- [ ] All tests passing` → `{ id: tests-passing, title }`; the rendered form carries its id in code. */
export function readChecklist(state: ImportState, items: ListItem[]): void {
  for (const item of items) {
    const path = `deployment.checklist[${state.checklist.length}]`;
    let title = item.text.text;
    let id: string | undefined;
    const code = item.text.code[item.text.code.length - 1];
    if (code && title.endsWith(code) && /^[a-z0-9]+(-[a-z0-9]+)*$/.test(code)) {
      id = code;
      title = title.slice(0, -code.length).trim();
    }
    let required = true;
    const optional = /\s*\((optional|nice to have)\)\s*$/i.exec(title);
    if (optional) {
      required = false;
      title = title.slice(0, optional.index).trim();
    }
    if (!title) continue;
    if (placeholderOf(title)) {
      state.warn(
        path,
        item.line,
        `"${title}" is still the template's placeholder: fill it in`,
      );
      continue;
    }
    id ??=
      STANDARD_ITEMS.find(([pattern]) => pattern.test(title))?.[1] ??
      slug(title);
    state.mark(path, item.line);
    state.checklist.push({
      id,
      title,
      ...(required ? {} : { required: false }),
    });
  }
}

/** Plain steps from a list (rollback, recovery, a deployment's steps). */
export function steps(items: ListItem[]): string[] {
  return items.map(item => item.text.text).filter(Boolean);
}

/** `Team lead, group:leads — after 15m without acknowledgement` → one escalation level. */
export function readEscalation(state: ImportState, items: ListItem[]): void {
  for (const item of items) {
    const path = `incident.escalation[${state.escalation.length}]`;
    let words = item.text.text;
    let after: string | undefined;
    const afterMatch =
      /\s*(?:[—–-]|,|\()?\s*(?:escalate\s+)?after\s+([^()]+?)(?:\s+(?:without|with no|if no|if not)\s+ack\w*)?\)?\s*$/i.exec(
        words,
      );
    if (afterMatch) {
      after = readDuration(afterMatch[1]) ?? afterMatch[1].trim();
      words = words.slice(0, afterMatch.index);
    }
    // The rendered runbook shows a resolved target as `name (ref)`; the name is what was written.
    const targets = words
      .split(/\s*[,;]\s*/)
      .map(target => target.replace(/\s*\([a-z]+:[^)]*\)\s*$/i, '').trim())
      .filter(Boolean);
    // The rendered runbook writes an empty level as "no targets": a level, still empty.
    if (targets.length === 1 && /^no targets$/i.test(targets[0])) targets.pop();
    else if (!targets.length) continue;
    state.mark(path, item.line);
    state.escalation.push({ targets, ...(after ? { after } : {}) });
  }
}

/** The rendered runbook's monitoring list: `- [Grafana](url) (visualization)`, `- Dashboard: [name](url) (production)`. */
export function readMonitoringList(
  state: ImportState,
  items: ListItem[],
): void {
  for (const item of items) {
    const match = /^(dashboard:\s*)?(.*?)\s*(?:\(([^()]*)\))?$/i.exec(
      item.text.text,
    );
    if (!match || !match[2]) continue;
    const url = item.text.links[0];
    if (match[1]) {
      const path = `monitoring.dashboards[${state.dashboards.length}]`;
      state.mark(path, item.line);
      state.dashboards.push({
        name: match[2],
        ...(url ? { url } : {}),
        ...(match[3] ? { environment: environmentName(match[3]) } : {}),
      });
    } else {
      const path = `monitoring.tools[${state.tools.length}]`;
      state.mark(path, item.line);
      state.tools.push({
        name: match[2],
        ...(match[3] ? { purpose: match[3].trim().toLowerCase() } : {}),
        ...(url ? { url: readUrl(url) ?? url } : {}),
      });
    }
  }
}

/** The rendered runbook's logging list: `- Levels: info, warn`, `- Format: json`, `- Fields: …`, `- Retention: 30d`. */
export function readLoggingList(
  state: ImportState,
  items: ListItem[],
): boolean {
  let read = false;
  for (const item of items) {
    const match = /^(levels|format|fields|retention)\s*:\s*(.+)$/i.exec(
      item.text.text,
    );
    if (!match) continue;
    read = true;
    const key = match[1].toLowerCase();
    state.mark(`logging.${key}`, item.line);
    const value = match[2].trim();
    if (key === 'levels')
      state.logging.levels = value
        .split(/\s*,\s*/)
        .map(level => level.toLowerCase());
    else if (key === 'fields')
      state.logging.fields = item.text.code.length
        ? item.text.code
        : value.split(/\s*,\s*/);
    else if (key === 'format') state.logging.format = value.toLowerCase();
    else state.logging.retention = readDuration(value) ?? value;
  }
  return read;
}

/** A list of log levels (`- ERROR: system failures`): the level is the first word. */
export function readLevelList(state: ImportState, items: ListItem[]): void {
  const levels = items
    .map(item => /^[`*]*([A-Za-z]+)/.exec(item.text.text)?.[1]?.toLowerCase())
    .filter((level): level is string => Boolean(level));
  if (levels.length) {
    state.mark('logging.levels', items[0].line);
    state.logging.levels = levels;
  }
}

/** A log format block: JSON gives the format and the fields a line carries. */
export function readLogFormat(
  state: ImportState,
  code: Tokens.Code,
  line: number,
): void {
  const lang = (code.lang ?? '').toLowerCase();
  const body = code.text.trim();
  state.mark('logging.format', line);
  if (lang === 'json' || body.startsWith('{')) {
    state.logging.format = 'json';
    try {
      const sample = JSON.parse(body);
      if (sample && typeof sample === 'object' && !Array.isArray(sample)) {
        state.logging.fields = Object.keys(sample);
        state.mark('logging.fields', line);
      }
    } catch (error) {
      state.warn(
        'logging.fields',
        line,
        `the log format example is not valid JSON (${
          (error as Error).message
        }); its fields were not read`,
      );
    }
  } else state.logging.format = 'text';
}

/** Where a deployment step goes: `deploy:staging`, `--env production`, "Deploy to prod". */
export function environmentOf(
  name: string,
  commands: string[],
  known: string[],
): string | undefined {
  const candidates: string[] = [];
  for (const command of commands) {
    for (const match of command.matchAll(
      /(?:deploy[:_-]|--env(?:ironment)?[= ]|\s-e\s+|\benv=|\benvironment=)([a-z0-9-]+)/gi,
    ))
      candidates.push(match[1].toLowerCase());
  }
  for (const match of name.matchAll(/\b(?:to|in|on|into)\s+([a-z0-9-]+)/gi))
    candidates.push(match[1].toLowerCase());
  for (const candidate of candidates) {
    if (!known.length) return candidate;
    const exact = known.find(env => env === candidate);
    if (exact) return exact;
    const abbreviated = known.find(
      env =>
        candidate.length >= 3 &&
        (env.startsWith(candidate) || candidate.startsWith(env)),
    );
    if (abbreviated) return abbreviated;
  }
  return undefined;
}

/**
 * A deployment code block: each `# comment` names the step whose commands
 * follow it; a command before any comment is a step of its own.
 */
export function readProcessCode(code: string, known: string[]): Json[] {
  const out: { name: string; commands: string[] }[] = [];
  for (const rawLine of code.split('\n')) {
    const line = rawLine.trim();
    if (!line || line.startsWith('#!')) continue;
    const comment = /^#+\s*(.*)$/.exec(line);
    if (comment) {
      if (comment[1]) out.push({ name: comment[1], commands: [] });
      continue;
    }
    const last = out[out.length - 1];
    if (last) last.commands.push(line);
    else out.push({ name: line, commands: [line] });
  }
  return out.map(step => {
    const environment = environmentOf(step.name, step.commands, known);
    const item: Json = { name: step.name };
    if (step.commands.length === 1) item.command = step.commands[0];
    else if (step.commands.length) item.commands = step.commands;
    if (environment) item.environment = environment;
    return item;
  });
}

/** `Last tested: 2026-03-01 · RTO 4h` (the rendered runbook's recovery line). */
export function readRecoveryParagraph(
  state: ImportState,
  words: string,
  line: number,
): boolean {
  const tested = /last tested:?\s*(\S+)/i.exec(words);
  const rto = /\bRTO:?\s*([0-9]+\s*[a-z]+)/i.exec(words);
  if (!tested && !rto) return false;
  if (tested) {
    const date = tested[1].replace(/[.,;]$/, '');
    if (placeholderOf(date))
      state.warn(
        'recovery.lastTested',
        line,
        `"${date}" is still the template's placeholder: fill it in`,
      );
    else {
      state.recovery.lastTested = readDate(date) ?? date;
      state.mark('recovery.lastTested', line);
    }
  }
  if (rto) {
    state.recovery.rto = readDuration(rto[1]) ?? rto[1];
    state.mark('recovery.rto', line);
  }
  return true;
}

/** Whether a chapter's lists are read as data (others are kept as notes). */
export function readsLists(kind: ChapterKind | undefined): boolean {
  return (
    kind !== undefined &&
    [
      'deployment.checklist',
      'deployment.rollback',
      'deployment.process',
      'incident.escalation',
      'recovery',
      'monitoring',
      'monitoring.tools',
      'monitoring.dashboards',
      'logging',
      'logging.levels',
    ].includes(kind)
  );
}
