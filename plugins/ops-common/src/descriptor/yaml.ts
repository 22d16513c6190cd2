import { CORE_SCHEMA, dump, load, loadAll, type YAMLException } from 'js-yaml';
import type { OpsIssue } from '../validation/issues';

/**
 * YAML reading for ops data. js-yaml rather than `yaml`: on a 4 KB descriptor
 * it parses in 0.18 ms against 2.4 ms (measured, see docs/decisions.md), and a
 * catalog-wide evaluation parses one per entity.
 */

/**
 * Text larger than this is refused rather than parsed: no runbook is 1 MiB of YAML.
 *
 * @public
 */
export const MAX_YAML_LENGTH = 1024 * 1024;
/**
 * Aliases are shared, not copied, by js-yaml, so an alias bomb costs nothing
 * to load but explodes whoever walks the result. Walks stop here.
 */
export const MAX_YAML_NODES = 50_000;

const OPTIONS = {
  // The core schema keeps dates as strings and refuses YAML 1.1 surprises (`no` → false).
  schema: CORE_SCHEMA,
  // Duplicate keys are an error, not a silent overwrite.
  json: false,
};

/** @public */
export interface YamlResult {
  value: unknown;
  issues: OpsIssue[];
}

function syntaxIssue(error: unknown, source: string): OpsIssue {
  const e = error as Partial<YAMLException>;
  const mark = e.mark as { line?: number; column?: number } | undefined;
  const where =
    mark && typeof mark.line === 'number'
      ? ` at line ${mark.line + 1}, column ${(mark.column ?? 0) + 1}`
      : '';
  const reason = e.reason ?? (error as Error)?.message ?? String(error);
  return {
    path: '',
    severity: 'error',
    message: `YAML syntax error${where}: ${reason}`,
    source,
  };
}

function guard(text: unknown, source: string): OpsIssue | undefined {
  if (typeof text !== 'string') {
    return {
      path: '',
      severity: 'error',
      message: 'expected YAML text',
      source,
    };
  }
  if (text.length > MAX_YAML_LENGTH) {
    return {
      path: '',
      severity: 'error',
      message: `is ${text.length} characters long; the limit is ${MAX_YAML_LENGTH}`,
      source,
    };
  }
  return undefined;
}

/**
 * What a value holds once its aliases are expanded: the characters of its
 * keys and strings (one per other scalar). Text without aliases cannot hold
 * more than its own length, so a bound on this is a bound on what the value
 * becomes when written out again (JSON in the catalog, a page, a file).
 */
export const MAX_YAML_EXPANDED_LENGTH = MAX_YAML_LENGTH;

/**
 * Why a value is too large to walk, or undefined. Shared nodes count each time
 * they are reached, and the walk stops at the first limit passed, so a
 * billion-laughs document costs at most MAX_YAML_NODES steps.
 */
function tooLarge(value: unknown): string | undefined {
  if (!value || typeof value !== 'object') return undefined;
  let nodes = MAX_YAML_NODES;
  let length = MAX_YAML_EXPANDED_LENGTH;
  const stack: object[] = [value];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const isArray = Array.isArray(node);
    const keys = Object.keys(node);
    nodes -= keys.length;
    if (nodes < 0)
      return `expands to more than ${MAX_YAML_NODES} values (too many aliases or too large)`;
    for (const key of keys) {
      const child = (node as Record<string, unknown>)[key];
      length -=
        (isArray ? 0 : key.length) +
        (typeof child === 'string' ? child.length : 1);
      if (child && typeof child === 'object') stack.push(child);
    }
    if (length < 0)
      return `expands to more than ${MAX_YAML_EXPANDED_LENGTH} characters once its aliases are resolved (an anchor repeated by aliases); write the repeated part once`;
  }
  return undefined;
}

function checked(
  value: unknown,
  source: string,
  text: string,
  json = false,
): YamlResult {
  // Without aliases (`*`; JSON has none) every value and character comes from the text, so short text
  // cannot pass either limit: the walk is skipped for the common case (a few KB descriptor).
  const canExpand =
    text.length >= MAX_YAML_NODES || (!json && text.includes('*'));
  const refusal = canExpand ? tooLarge(value) : undefined;
  if (refusal) {
    return {
      value: undefined,
      issues: [{ path: '', severity: 'error', message: refusal, source }],
    };
  }
  return { value, issues: [] };
}

/** Texts js-yaml could not read, with their issue; the oldest goes first. */
const brokenTexts = new Map<string, OpsIssue>();
const BROKEN_TEXTS_KEPT = 128;
/** Descriptors are a few KB: 128 of 64 KB at most are kept (8 MB). */
const BROKEN_TEXT_MAX_LENGTH = 64 * 1024;

/**
 * Parses one YAML document; syntax errors become issues with line and column, never exceptions.
 *
 * @public
 */
export function readYaml(text: string, source: string): YamlResult {
  const { value, issues } = readYamlOrJson(text, source);
  return { value, issues };
}

/**
 * readYaml, saying when the text was JSON: its values are then only what
 * JSON has (no NaN, no undefined), so JSON.stringify tells them apart.
 */
export function readYamlOrJson(
  text: string,
  source: string,
): YamlResult & { json?: true } {
  const refused = guard(text, source);
  if (refused) return { value: undefined, issues: [refused] };
  // JSON is YAML, and JSON.parse reads it ~10x faster than js-yaml: the catalog
  // module stores descriptors in this form (see canonicalDescriptorText).
  if (text.charCodeAt(0) === 123 /* { */) {
    try {
      const value = JSON.parse(text);
      const result = checked(value, source, text, true);
      return result.issues.length === 0 ? { ...result, json: true } : result;
    } catch {
      // Not JSON after all (a YAML flow mapping): js-yaml reads it and reports errors with positions.
    }
  }
  // A broken descriptor is read again at every evaluation: js-yaml's exception
  // (its message renders a snippet of the text) is the costly part, so the
  // issue is kept for the same text.
  const key = `${source}\u0000${text}`;
  const known = brokenTexts.get(key);
  if (known) return { value: undefined, issues: [{ ...known }] };
  try {
    return checked(load(text, { ...OPTIONS, filename: source }), source, text);
  } catch (error) {
    const issue = syntaxIssue(error, source);
    if (text.length > BROKEN_TEXT_MAX_LENGTH)
      return { value: undefined, issues: [issue] };
    if (brokenTexts.size >= BROKEN_TEXTS_KEPT)
      brokenTexts.delete(brokenTexts.keys().next().value!);
    brokenTexts.set(key, issue);
    return { value: undefined, issues: [{ ...issue }] };
  }
}

/**
 * Parses a multi-document YAML stream (catalog-info.yaml). A syntax error makes the whole file one issue.
 *
 * @public
 */
export function readYamlDocuments(text: string, source: string): YamlResult[] {
  const refused = guard(text, source);
  if (refused) return [{ value: undefined, issues: [refused] }];
  try {
    return loadAll(text, undefined, OPTIONS).map(doc =>
      checked(doc, source, text),
    );
  } catch (error) {
    return [{ value: undefined, issues: [syntaxIssue(error, source)] }];
  }
}

/**
 * The descriptor text as the catalog stores it: YAML that parses cleanly is
 * turned into JSON once, at ingestion, so every evaluation and Ops tab view
 * reads it with JSON.parse. Text with a YAML problem is kept as written, so
 * its issues still name the line and column.
 *
 * @public
 */
export function canonicalDescriptorText(
  text: string,
  source = 'ops.yaml',
): string {
  const { value, issues } = readYaml(text, source);
  if (
    issues.length > 0 ||
    value === null ||
    typeof value !== 'object' ||
    Array.isArray(value)
  )
    return text;
  // JSON adds quotes and commas a block YAML does not have: never store more
  // than the limit, even when the text itself is within it.
  const json = JSON.stringify(value);
  return json.length <= MAX_YAML_LENGTH ? json : text;
}

/**
 * YAML text for a value the scaffolder writes: block style, no line folding, no anchors.
 *
 * @public
 */
export function writeYaml(value: unknown): string {
  return dump(value, { schema: CORE_SCHEMA, lineWidth: -1, noRefs: true });
}
