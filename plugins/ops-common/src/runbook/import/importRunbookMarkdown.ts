import type { Token, Tokens } from 'marked';
import { validateOpsDescriptor } from '../../descriptor/parseDescriptor';
import { OPS_API_VERSION, OPS_KIND } from '../../descriptor/vocabulary';
import type { OpsIssue } from '../../validation/issues';
import { chapterOf, type ChapterKind } from './chapters';
import { ImportState } from './importState';
import { lexLazily, LineIndex, plainText, sourceText } from './markdownText';
import {
  environmentOf,
  listItems,
  readChecklist,
  readEscalation,
  readLevelList,
  readLogFormat,
  readLoggingList,
  readMonitoringList,
  readProcessCode,
  readRecoveryParagraph,
  readsLists,
  steps,
} from './readBlocks';
import { TABLE_READERS } from './readTables';
import { RunbookTable, tableKind } from './tables';

/**
 * The largest runbook read, as for ops.yaml: a runbook is a few KB; a larger
 * input is a mistake or an attack, refused before it is parsed.
 *
 * @public
 */
export const MAX_RUNBOOK_LENGTH = 1024 * 1024;

/**
 * A runbook read as ops data: the descriptor (what `ops.yaml` would hold) and
 * every issue found on the way, each pointing at its line (`source` is
 * `runbook.md:42`).
 *
 * @public
 */
export interface RunbookImport {
  descriptor: Record<string, unknown>;
  issues: OpsIssue[];
}

/** @public */
export interface ImportRunbookOptions {
  /** The file name shown in issues (default `runbook.md`). */
  source?: string;
  /** "Now" for the rules that compare dates (recovery last tested). */
  now?: number;
}

interface Block {
  token: Token;
  line: number;
}

interface Chapter {
  title: string;
  depth: number;
  line: number;
  kind: ChapterKind | undefined;
  blocks: Block[];
}

/** Where each chapter's data sits in the descriptor, for issues about the chapter as a whole. */
const SECTION_PATH: Record<ChapterKind, string> = {
  environments: 'environments',
  deployment: 'deployment',
  'deployment.process': 'deployment.process',
  'deployment.checklist': 'deployment.checklist',
  'deployment.rollback': 'deployment.rollback',
  slos: 'slos',
  monitoring: 'monitoring',
  'monitoring.tools': 'monitoring.tools',
  'monitoring.dashboards': 'monitoring.dashboards',
  logging: 'logging',
  'logging.levels': 'logging.levels',
  'logging.format': 'logging.format',
  incident: 'incident',
  'incident.severities': 'incident.severities',
  'incident.escalation': 'incident.escalation',
  backups: 'backups',
  'backups-and-recovery': 'backups',
  recovery: 'recovery',
  versionHistory: 'versionHistory',
  notes: 'notes',
  generated: '',
  prose: 'notes',
};

/**
 * Reads an operations runbook written in Markdown, in the shape of the
 * standard SRE template (or as OpsKit renders it), into an ops descriptor,
 * then validates it with the same rules as `ops.yaml`. Chapters are found by
 * their headings, tables by their columns; template placeholders are reported
 * on the field they stand in and never taken for data unless well formed;
 * chapters OpsKit does not read are kept verbatim as `notes`. Never throws.
 *
 * @public
 */
export function importRunbookMarkdown(
  text: unknown,
  options: ImportRunbookOptions = {},
): RunbookImport {
  const read = readRunbookMarkdown(text, options);
  const source = options.source ?? 'runbook.md';
  const validated = validateOpsDescriptor(read.descriptor, {
    source,
    now: options.now,
  });
  return {
    descriptor: read.descriptor,
    issues: [
      ...read.issues,
      ...locateIssues(validated.issues, read.lines, source),
    ],
  };
}

/**
 * What the import reads before validation: the descriptor, the issues only
 * the Markdown can have (placeholders, unread chapters), and the line each
 * descriptor path came from. The catalog stores these at ingestion; the
 * profile validates the descriptor as for any ops.yaml.
 */
export interface RunbookRead {
  descriptor: Record<string, unknown>;
  issues: OpsIssue[];
  lines: Record<string, number>;
}

export function readRunbookMarkdown(
  text: unknown,
  options: Pick<ImportRunbookOptions, 'source'> = {},
): RunbookRead {
  const source = options.source ?? 'runbook.md';
  const state = new ImportState(source);
  const refused = (message: string): RunbookRead => ({
    descriptor: {},
    issues: [{ path: '', severity: 'error', message, source }],
    lines: {},
  });
  if (typeof text !== 'string') return refused('expected Markdown text');
  if (text.length > MAX_RUNBOOK_LENGTH)
    return refused(
      `the runbook is ${text.length} characters long; at most ${MAX_RUNBOOK_LENGTH} are read`,
    );
  const normalized = text.replace(/\r\n?/g, '\n');
  const lines = new LineIndex(normalized);
  try {
    lexLazily(normalized, tokens => {
      const blocks: Block[] = [];
      let offset = 0;
      for (const token of tokens) {
        blocks.push({ token, line: lines.lineAt(offset) });
        offset += token.raw.length;
      }
      readChapters(state, chapters(blocks));
    });
  } catch (error) {
    return refused(`could not read the Markdown: ${String(error)}`);
  }
  return {
    descriptor: assemble(state),
    issues: state.issues,
    lines: Object.fromEntries(state.lines),
  };
}

/** Splits the document at its headings; the first top-level heading is the title. */
function chapters(blocks: Block[]): { preamble: Block[]; chapters: Chapter[] } {
  const out: Chapter[] = [];
  const preamble: Block[] = [];
  const stack: Chapter[] = [];
  let titleSeen = false;
  for (const block of blocks) {
    const { token } = block;
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      if (!titleSeen && heading.depth === 1 && !out.length) {
        titleSeen = true;
        continue;
      }
      const title = sourceText(heading.text, heading.tokens).text;
      while (stack.length && stack[stack.length - 1].depth >= heading.depth)
        stack.pop();
      const parent = stack[stack.length - 1];
      const own = chapterOf(title);
      // A sub-heading means what it says, or its parent's kind when it says
      // nothing OpsKit reads (`### Payments DB` under Backups).
      const kind = own && own !== 'prose' ? own : parent?.kind ?? own;
      const chapter: Chapter = {
        title,
        depth: heading.depth,
        line: block.line,
        kind,
        blocks: [],
      };
      // An unread chapter keeps its sub-chapters verbatim, headings included.
      if (parent && parent.kind === undefined) {
        parent.blocks.push(block);
        stack.push({ ...chapter, blocks: parent.blocks });
        continue;
      }
      out.push(chapter);
      stack.push(chapter);
      continue;
    }
    const current = stack[stack.length - 1];
    if (current) current.blocks.push(block);
    else preamble.push(block);
  }
  return { preamble, chapters: out };
}

/** Blocks as the runbook wrote them; blank blocks left out are replaced by one empty line. */
const raw = (blocks: Block[]) =>
  blocks
    .map(b => b.token.raw.replace(/\n+$/, ''))
    .filter(text => text.trim())
    .join('\n\n')
    .trim();

/** Whether a block says nothing (space, rules, comments). */
function isBlank(token: Token): boolean {
  return (
    token.type === 'space' ||
    token.type === 'hr' ||
    (token.type === 'html' && /^\s*<!--[\s\S]*-->\s*$/.test(token.raw))
  );
}

/** OpsKit's own rendered TODO markers and footer: output, not input. */
function isRenderedBoilerplate(token: Token): boolean {
  return (
    (token.type === 'blockquote' && /^\s*>\s*\*\*TODO:\*\*/.test(token.raw)) ||
    (token.type === 'paragraph' &&
      /^_Generated by OpsKit\b/.test(token.raw.trim()))
  );
}

function readChapters(
  state: ImportState,
  document: { preamble: Block[]; chapters: Chapter[] },
): void {
  // The document's own opening (title block, audience): its tables may be the rendered summary.
  const preambleKept: Block[] = [];
  for (const block of document.preamble) {
    if (block.token.type === 'table') {
      const table = new RunbookTable(block.token as Tokens.Table, block.line);
      if (tableKind(table, undefined) === 'summary') {
        TABLE_READERS.summary(state, table);
        continue;
      }
    }
    preambleKept.push(block);
  }
  const deferredCode: { chapter: Chapter; code: Tokens.Code; line: number }[] =
    [];
  document.chapters.forEach((chapter, index) => {
    if (chapter.kind === undefined) {
      const body = raw(chapter.blocks);
      state.warn(
        'notes',
        chapter.line,
        `chapter "${
          chapter.title
        }" is not one OpsKit reads; it is kept as a note${
          body ? '' : ' (it is empty)'
        }`,
      );
      if (body) state.notes.push({ title: chapter.title, body });
      return;
    }
    if (chapter.kind === 'generated') return;
    if (chapter.kind === 'prose' || chapter.kind === 'notes') {
      const body = raw(chapter.blocks.filter(b => !isBlank(b.token)));
      if (body) state.notes.push({ title: chapter.title, body });
      return;
    }
    const kept: Block[] = [];
    let data = false;
    for (const block of chapter.blocks) {
      const result = readBlock(state, chapter, block, deferredCode);
      if (result === 'kept') kept.push(block);
      if (result === 'read') data = true;
    }
    const path = SECTION_PATH[chapter.kind];
    const next = document.chapters[index + 1];
    const hasSubChapters = next !== undefined && next.depth > chapter.depth;
    if (!data && !kept.length && !hasSubChapters)
      state.warn(path, chapter.line, `chapter "${chapter.title}" is empty`);
    if (kept.length)
      state.notes.push({ title: chapter.title, body: raw(kept) });
  });
  const known = state.environments
    .map(env => env.name)
    .filter((name): name is string => typeof name === 'string');
  for (const { chapter, code, line } of deferredCode) {
    const items = readProcessCode(code.text, known);
    if (!items.length) continue;
    const environment = chapterEnvironment(chapter, known);
    for (const item of items) {
      const path = `deployment.process[${state.process.length}]`;
      state.mark(path, line);
      state.process.push(
        environment && !item.environment ? { ...item, environment } : item,
      );
    }
  }
  const preamble = raw(preambleKept.filter(b => !isBlank(b.token)));
  if (preamble) state.notes.unshift({ title: 'Introduction', body: preamble });
}

/** `### To staging`: the environment a deployment sub-chapter is about. */
function chapterEnvironment(
  chapter: Chapter,
  known: string[],
): string | undefined {
  const match = /^to\s+(\S+)$/i.exec(chapter.title.trim());
  if (!match) return undefined;
  return environmentOf(`to ${match[1]}`, [], known) ?? match[1].toLowerCase();
}

type BlockResult = 'read' | 'kept' | 'skipped';

function readBlock(
  state: ImportState,
  chapter: Chapter,
  block: Block,
  deferredCode: { chapter: Chapter; code: Tokens.Code; line: number }[],
): BlockResult {
  const { token, line } = block;
  const kind = chapter.kind!;
  const path = SECTION_PATH[kind];
  if (token.type === 'html') {
    const customize = /<!--\s*CUSTOMIZE\b:?\s*([\s\S]*?)\s*-->/i.exec(
      token.raw,
    );
    if (customize) {
      state.warn(
        path,
        line,
        `still has the template's "CUSTOMIZE${
          customize[1] ? `: ${customize[1]}` : ''
        }" comment: fill the chapter in and remove it`,
      );
      return 'skipped';
    }
    if (isBlank(token)) return 'skipped';
    state.warn(
      path,
      line,
      `HTML in chapter "${chapter.title}" is not read; it is kept as a note`,
    );
    return 'kept';
  }
  if (isBlank(token) || isRenderedBoilerplate(token)) return 'skipped';
  switch (token.type) {
    case 'table': {
      const table = new RunbookTable(token as Tokens.Table, line);
      const tableType = tableKind(table, kind);
      if (!tableType) {
        state.warn(
          path,
          line,
          `a table with columns ${table.headers
            .map(h => `"${h}"`)
            .join(', ')} in chapter "${
            chapter.title
          }" is not read; it is kept as a note`,
        );
        return 'kept';
      }
      TABLE_READERS[tableType](state, table);
      return 'read';
    }
    case 'list': {
      if (!readsLists(kind)) return 'kept';
      const items = listItems(token as Tokens.List, line);
      return readList(state, chapter, kind, items) ? 'read' : 'kept';
    }
    case 'code': {
      const code = token as Tokens.Code;
      if (kind === 'deployment.process' || kind === 'deployment') {
        // Steps wait for the environments, which may come later in the document.
        const listed = state.processByChapter.get(chapter.line);
        if (listed) {
          listed.commands = code.text
            .split('\n')
            .map(l => l.trim())
            .filter(Boolean);
          return 'read';
        }
        deferredCode.push({ chapter, code, line });
        return 'read';
      }
      if (kind === 'logging.format' || kind === 'logging') {
        readLogFormat(state, code, line);
        return 'read';
      }
      return 'kept';
    }
    case 'paragraph': {
      const words = plainText((token as Tokens.Paragraph).tokens).text;
      if (
        (kind === 'recovery' || kind === 'backups-and-recovery') &&
        readRecoveryParagraph(state, words, line)
      )
        return 'read';
      if (
        (kind === 'logging.format' || kind === 'logging') &&
        /^(structured\s+)?(json|plain text|text)\b/i.test(words)
      ) {
        state.logging.format = /json/i.test(words) ? 'json' : 'text';
        state.mark('logging.format', line);
        return 'read';
      }
      if (kind === 'deployment.rollback' && words) {
        setRollback(state, chapter, [words], line);
        return 'read';
      }
      return 'kept';
    }
    default:
      return 'kept';
  }
}

function setRollback(
  state: ImportState,
  chapter: Chapter,
  list: string[],
  line: number,
): void {
  const automated = /\bautomat/i.test(chapter.title);
  const existing = (state.rollback?.steps as string[] | undefined) ?? [];
  state.rollback = {
    steps: [...existing, ...list],
    ...(automated ? { automated: true } : {}),
  };
  state.mark('deployment.rollback', line);
}

function readList(
  state: ImportState,
  chapter: Chapter,
  kind: ChapterKind,
  items: ReturnType<typeof listItems>,
): boolean {
  switch (kind) {
    case 'deployment.checklist':
      readChecklist(state, items);
      return true;
    case 'deployment.rollback':
      setRollback(state, chapter, steps(items), items[0]?.line ?? chapter.line);
      return true;
    case 'deployment.process': {
      const environment = chapterEnvironment(chapter, []);
      const path = `deployment.process[${state.process.length}]`;
      state.mark(path, items[0]?.line ?? chapter.line);
      // The rendered form: numbered steps under `### To <environment>`, then its commands.
      const item: Record<string, unknown> = {
        ...(environment ? { environment } : {}),
        steps: steps(items),
      };
      state.processByChapter.set(chapter.line, item);
      state.process.push(item);
      return true;
    }
    case 'incident.escalation':
      readEscalation(state, items);
      return true;
    case 'recovery':
      state.recovery.steps = [
        ...((state.recovery.steps as string[]) ?? []),
        ...steps(items),
      ];
      state.mark('recovery.steps', items[0]?.line ?? chapter.line);
      return true;
    case 'monitoring':
    case 'monitoring.tools':
    case 'monitoring.dashboards':
      readMonitoringList(state, items);
      return true;
    case 'logging':
      if (readLoggingList(state, items)) return true;
      readLevelList(state, items);
      return true;
    case 'logging.levels':
      readLevelList(state, items);
      return true;
    default:
      return false;
  }
}

/** Assembles the descriptor in ops.yaml's order. */
function assemble(state: ImportState): Record<string, unknown> {
  const descriptor: Record<string, unknown> = {
    apiVersion: OPS_API_VERSION,
    kind: OPS_KIND,
  };
  if (state.tier) descriptor.tier = state.tier;
  if (state.runbook) descriptor.runbook = state.runbook;
  if (state.environments.length) descriptor.environments = state.environments;
  const deployment: Record<string, unknown> = {};
  if (state.process.length) deployment.process = state.process;
  if (state.rollback) deployment.rollback = state.rollback;
  if (state.checklist.length) deployment.checklist = state.checklist;
  if (Object.keys(deployment).length) descriptor.deployment = deployment;
  if (state.slos.length) descriptor.slos = state.slos;
  const monitoring: Record<string, unknown> = {};
  if (state.tools.length) monitoring.tools = state.tools;
  if (state.dashboards.length) monitoring.dashboards = state.dashboards;
  if (Object.keys(monitoring).length) descriptor.monitoring = monitoring;
  if (Object.keys(state.logging).length) descriptor.logging = state.logging;
  const incident: Record<string, unknown> = {};
  if (state.severities.length) incident.severities = state.severities;
  if (state.escalation.length) incident.escalation = state.escalation;
  if (Object.keys(incident).length) descriptor.incident = incident;
  if (state.backups.length) descriptor.backups = state.backups;
  if (Object.keys(state.recovery).length) descriptor.recovery = state.recovery;
  if (state.versionHistory.length)
    descriptor.versionHistory = state.versionHistory;
  if (state.notes.length) descriptor.notes = state.notes;
  return descriptor;
}

/**
 * Points issues about the descriptor at the runbook's lines: an issue whose
 * path starts with a path the import read gets that path's line.
 */
export function locateIssues(
  issues: OpsIssue[],
  lines: Record<string, number>,
  source: string,
): OpsIssue[] {
  const keys = Object.keys(lines);
  return issues.map(issue => {
    if (issue.source !== undefined && issue.source !== source) return issue;
    let best: string | undefined;
    for (const key of keys) {
      if (
        (issue.path === key ||
          issue.path.startsWith(`${key}.`) ||
          issue.path.startsWith(`${key}[`)) &&
        (!best || key.length > best.length)
      )
        best = key;
    }
    return best === undefined
      ? issue
      : { ...issue, source: `${source}:${lines[best]}` };
  });
}
