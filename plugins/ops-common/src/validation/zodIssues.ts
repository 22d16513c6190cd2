import type { z } from 'zod';
import { truncate } from '../durations';
import { suggestion } from './didYouMean';
import { formatPath, joinPath, type OpsIssue } from './issues';
import { lookupTable } from '../lookupTable';

type ZodIssue = z.core.$ZodIssue & { input?: unknown };

const TYPE_NAMES: Record<string, string> = lookupTable({
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping (key: value)',
});

function describeValue(value: unknown): string {
  if (value === null) return 'nothing (null)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `text "${truncate(value)}"`;
  if (typeof value === 'number' || typeof value === 'boolean')
    return `${typeof value} ${value}`;
  if (typeof value === 'object') return 'a mapping';
  return typeof value;
}

function describeTypeIssue(issue: ZodIssue): string {
  const expected =
    TYPE_NAMES[(issue as any).expected] ?? String((issue as any).expected);
  if (issue.input === undefined) return `is required (${expected})`;
  if (
    (issue as any).expected === 'string' &&
    (typeof issue.input === 'number' || typeof issue.input === 'boolean')
  ) {
    return `must be text, but YAML read ${describeValue(
      issue.input,
    )}; quote it ("${String(issue.input)}")`;
  }
  return `expected ${expected}, got ${describeValue(issue.input)}`;
}

/** Picks the union branch that got furthest, so the message speaks of what the user meant. */
function bestUnionBranch(issue: ZodIssue): ZodIssue[] | undefined {
  const branches = ((issue as any).errors ?? []) as ZodIssue[][];
  const meaningful = branches.filter(
    branch =>
      !branch.every(i => i.code === 'invalid_type' && i.path.length === 0),
  );
  if (meaningful.length === 0) return undefined;
  return meaningful.reduce((a, b) => (b.length < a.length ? b : a));
}

function message(issue: ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return describeTypeIssue(issue);
    case 'invalid_value': {
      const values = ((issue as any).values ?? []).map(String) as string[];
      if (issue.input === undefined)
        return `is required: one of ${values.join(', ')}`;
      const given = String(issue.input);
      return `"${truncate(given)}" is not one of ${values.join(
        ', ',
      )}${suggestion(given, values)}`;
    }
    case 'too_small':
      if ((issue as any).origin === 'array')
        return `needs at least ${(issue as any).minimum} item(s)`;
      if ((issue as any).origin === 'string') return 'must not be empty';
      if ((issue as any).origin === 'number')
        return `must be ${
          (issue as any).inclusive ? 'at least' : 'more than'
        } ${(issue as any).minimum}`;
      return issue.message;
    case 'too_big':
      if ((issue as any).origin === 'number')
        return `must be ${(issue as any).inclusive ? 'at most' : 'less than'} ${
          (issue as any).maximum
        }`;
      if ((issue as any).origin === 'array')
        return `has too many items (at most ${(issue as any).maximum})`;
      return issue.message;
    case 'invalid_union': {
      const expected = ((issue as any).errors as ZodIssue[][])
        .map(branch =>
          branch.find(i => i.code === 'invalid_type' && i.path.length === 0),
        )
        .filter(Boolean)
        .map(i => TYPE_NAMES[(i as any).expected] ?? (i as any).expected);
      return `expected ${
        [...new Set(expected)].join(' or ') || 'another shape'
      }, got ${describeValue(issue.input)}`;
    }
    default:
      return issue.message;
  }
}

/** Turns zod's issues into OpsIssues, flattening unions to the branch the user meant. */
export function fromZodIssues(
  issues: readonly ZodIssue[],
  prefix: string,
  source: string | undefined,
  basePath: readonly PropertyKey[] = [],
): OpsIssue[] {
  const out: OpsIssue[] = [];
  for (const issue of issues) {
    const path = [...basePath, ...issue.path];
    if (issue.code === 'invalid_union') {
      const branch = bestUnionBranch(issue);
      if (branch) {
        out.push(...fromZodIssues(branch, prefix, source, path));
        continue;
      }
    }
    out.push({
      path: joinPath(prefix, formatPath(path as (string | number)[])),
      severity: 'error',
      message: message(issue),
      ...(source ? { source } : {}),
    });
  }
  return out;
}
