import { z } from 'zod';
import { suggestion } from '../validation/didYouMean';
import { formatPath, joinPath, type OpsIssue } from '../validation/issues';
import { fromZodIssues } from '../validation/zodIssues';
import { arrayElement, isOptional, objectShape } from './schemaWalk';

/** More unknown keys than this in one section are summarised, not listed. */
const MAX_UNKNOWN_KEYS = 20;

const hasOwn = (o: object, k: string) =>
  Object.prototype.hasOwnProperty.call(o, k);
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const compiled = new WeakMap<z.ZodType, z.ZodType>();

/**
 * The schema with zod's compiled fast path (`z.compile`: the same results
 * and the same issues, several times faster on valid input), built once per
 * schema. Where code cannot be generated (a page whose CSP forbids eval),
 * zod returns the schema as it was.
 */
export function compiledSchema<T>(schema: z.ZodType<T>): z.ZodType<T> {
  let fast = compiled.get(schema);
  if (!fast) compiled.set(schema, (fast = z.compile(schema)));
  return fast as z.ZodType<T>;
}

/** A path as the walk goes down, made into an array only for a key it reports. */
type PathLink = { up: PathLink; key: string | number } | undefined;

function pathOf(link: PathLink): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = link; at; at = at.up) path.push(at.key);
  return path.reverse();
}

/** Warns about keys the schema does not know, with the closest known key. */
function unknownKeys(
  schema: z.ZodType,
  value: unknown,
  path: PathLink,
  out: { path: (string | number)[]; key: string; known: string[] }[],
): void {
  if (out.length > MAX_UNKNOWN_KEYS) return;
  if (Array.isArray(value)) {
    const element = arrayElement(schema, value);
    if (!element) return;
    for (let i = 0; i < value.length && out.length <= MAX_UNKNOWN_KEYS; i++) {
      unknownKeys(element, value[i], { up: path, key: i }, out);
    }
    return;
  }
  if (!isPlainObject(value)) return;
  const shape = objectShape(schema, value);
  if (!shape) return;
  for (const key of Object.keys(value)) {
    if (!hasOwn(shape, key))
      out.push({ path: pathOf(path), key, known: Object.keys(shape) });
    else unknownKeys(shape[key], value[key], { up: path, key }, out);
  }
}

/**
 * Rebuilds the input without the parts that fail, so one bad list item or
 * field costs only itself. Returns undefined when nothing can be kept.
 */
function repair(
  schema: z.ZodType,
  value: unknown,
  path: (string | number)[],
  indexMaps: IndexMaps,
): unknown {
  if (compiledSchema(schema).safeParse(value).success) return value;
  if (path.length > 8) return undefined;
  if (Array.isArray(value)) {
    const element = arrayElement(schema, value);
    if (!element) return undefined;
    const kept: unknown[] = [];
    const originalIndex: number[] = [];
    value.forEach((item, i) => {
      const fixed = repair(element, item, [...path, i], indexMaps);
      if (fixed === undefined) return;
      kept.push(fixed);
      originalIndex.push(i);
    });
    if (originalIndex.length !== value.length)
      indexMaps.set(formatPath(path), originalIndex);
    return compiledSchema(schema).safeParse(kept).success ? kept : undefined;
  }
  if (isPlainObject(value)) {
    const shape = objectShape(schema, value);
    if (!shape) return undefined;
    const copy: Record<string, unknown> = {};
    for (const key of Object.keys(shape)) {
      if (!hasOwn(value, key)) continue;
      const field = shape[key];
      if (compiledSchema(field).safeParse(value[key]).success) {
        copy[key] = value[key];
        continue;
      }
      const fixed = repair(field, value[key], [...path, key], indexMaps);
      if (fixed !== undefined) copy[key] = fixed;
      else if (!isOptional(field)) return undefined;
    }
    return compiledSchema(schema).safeParse(copy).success ? copy : undefined;
  }
  return undefined;
}

/**
 * Dropping a broken list item shifts the ones after it. For each list that lost
 * items (keyed by its path as written), the original index of every kept item,
 * so rules that run on the repaired value still name the user's own indices.
 *
 * @public
 */
export type IndexMaps = Map<string, number[]>;

/** Rewrites `[1].url` in repaired coordinates to the index the user wrote. */
export function remapPath(
  rest: string,
  indexMaps: IndexMaps | undefined,
): string {
  if (!indexMaps || indexMaps.size === 0) return rest;
  let original = '';
  const tokens = rest.match(/\[\d+\]|\[[^\]]*\]|[^.[\]]+/g) ?? [];
  for (const token of tokens) {
    const index = /^\[(\d+)\]$/.exec(token);
    if (index) {
      const map = indexMaps.get(original);
      original += `[${map ? map[Number(index[1])] ?? index[1] : index[1]}]`;
    } else {
      original += token.startsWith('[')
        ? token
        : `${original ? '.' : ''}${token}`;
    }
  }
  return original;
}

export interface SectionParse<T> {
  value: T | undefined;
  issues: OpsIssue[];
  indexMaps: IndexMaps;
}

/**
 * Parses one section: structural errors become issues, unknown keys warnings,
 * and whatever is valid is kept.
 */
export function parseSection<T>(
  schema: z.ZodType<T>,
  raw: unknown,
  prefix: string,
  source: string | undefined,
): SectionParse<T> {
  const issues: OpsIssue[] = [];
  const unknown: { path: (string | number)[]; key: string; known: string[] }[] =
    [];
  unknownKeys(schema, raw, undefined, unknown);
  for (const { path, key, known } of unknown.slice(0, MAX_UNKNOWN_KEYS)) {
    issues.push({
      path: joinPath(prefix, formatPath([...path, key])),
      severity: 'warning',
      message: `unknown field "${key}" is ignored${suggestion(
        key,
        known,
      )}; known fields: ${known.join(', ')}`,
      ...(source ? { source } : {}),
    });
  }
  if (unknown.length > MAX_UNKNOWN_KEYS) {
    issues.push({
      path: prefix,
      severity: 'warning',
      message: `more than ${MAX_UNKNOWN_KEYS} unknown fields; only the first ${MAX_UNKNOWN_KEYS} are listed`,
      ...(source ? { source } : {}),
    });
  }

  const indexMaps: IndexMaps = new Map();
  const first = compiledSchema(schema).safeParse(raw, { reportInput: true });
  if (first.success) return { value: first.data, issues, indexMaps };
  issues.push(...fromZodIssues(first.error.issues as any, prefix, source));
  const repaired = repair(schema, raw, [], indexMaps);
  if (repaired === undefined) return { value: undefined, issues, indexMaps };
  const second = compiledSchema(schema).safeParse(repaired);
  return { value: second.success ? second.data : undefined, issues, indexMaps };
}
