import { countsFromSchema } from '../config';
import { TIERS } from '../descriptor/vocabulary';
import type { OpsIssue } from '../validation/issues';
import { BUILT_IN_CHECKS, BUILT_IN_SCORECARDS } from './builtInChecks';
import { CHECK_LEVELS, type CheckDefinition } from './types';

/**
 * `ops.checks.custom` in app-config: checks written as data. A rule reads the
 * entity's profile and facts by path, so a check needs no backend module and
 * can cross to the scoring worker threads as it is.
 */

/** @public */
export type CustomCheckRule =
  | { all: CustomCheckRule[] }
  | { any: CustomCheckRule[] }
  | { not: CustomCheckRule }
  | CustomCheckCondition;

/**
 * One condition on the value at `path` (dot-separated, from `profile` or
 * `facts`; inside `every`/`some`, from the list item; omitted: the item
 * itself). Exactly one of the operators.
 *
 * @public
 */
export interface CustomCheckCondition {
  path?: string;
  /** true: the value is present (not null); false: it is absent. */
  exists?: boolean;
  equals?: string | number | boolean;
  oneOf?: Array<string | number | boolean>;
  /** A regular expression the (string) value matches. */
  matches?: string;
  atLeast?: number;
  atMost?: number;
  greaterThan?: number;
  lessThan?: number;
  /** The number of items of a list (an absent list has 0). */
  count?: { atLeast?: number; atMost?: number; equals?: number };
  /** Every item of the list satisfies the rule (true for an empty or absent list). */
  every?: CustomCheckRule;
  /** At least one item of the list satisfies the rule. */
  some?: CustomCheckRule;
}

/**
 * A declarative check as app-config holds it, validated.
 *
 * @public
 */
export interface CustomCheckDefinition extends CheckDefinition {
  /** What a failing rule yields: `fail` (default) or `warn`. */
  onFail: 'fail' | 'warn';
  /** Shown when the rule holds; default: what the rule asks, in words. */
  passMessage?: string;
  rule: CustomCheckRule;
}

export const VALUE_OPERATORS = [
  'exists',
  'equals',
  'oneOf',
  'matches',
  'atLeast',
  'atMost',
  'greaterThan',
  'lessThan',
  'count',
  'every',
  'some',
] as const;
const COMBINATORS = ['all', 'any', 'not'] as const;
const CHECK_KEYS = [
  'id',
  'scorecard',
  'title',
  'description',
  'howToFix',
  'level',
  'weight',
  'appliesTo',
  'countsFrom',
  'onFail',
  'passMessage',
  'rule',
];
const APPLICABILITY_KEYS = ['kinds', 'types', 'tiers', 'lifecycles'];
const COUNT_KEYS = ['atLeast', 'atMost', 'equals'];
const SLUG = /^[a-z0-9][a-z0-9._-]*$/;
/** Deeper rules are a mistake, and the limit keeps evaluation's recursion bounded. */
const MAX_RULE_DEPTH = 16;
const PATH = /^(?:[A-Za-z0-9_$@/-]+)(?:\.[A-Za-z0-9_$@/-]+)*$/;

type Issue = (path: string, message: string) => void;

/** Own keys only: `constructor` or `toString` in a rule is a typo, never an operator. */
export const has = (value: object, key: string) =>
  Object.prototype.hasOwnProperty.call(value, key);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isScalar = (value: unknown) =>
  typeof value === 'string' ||
  typeof value === 'boolean' ||
  (typeof value === 'number' && Number.isFinite(value));
const isNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function unknownKeys(
  value: Record<string, unknown>,
  known: readonly string[],
  at: string,
  issue: Issue,
) {
  for (const key of Object.keys(value))
    if (!known.includes(key))
      issue(`${at}.${key}`, `unknown field; known fields: ${known.join(', ')}`);
}

function checkRule(rule: unknown, at: string, depth: number, issue: Issue) {
  if (!isRecord(rule)) {
    issue(at, 'must be an object: a condition, or all/any/not');
    return;
  }
  if (depth > MAX_RULE_DEPTH) {
    issue(at, `rules nest at most ${MAX_RULE_DEPTH} levels deep`);
    return;
  }
  const keys = Object.keys(rule);
  const combinator = COMBINATORS.find(key => has(rule, key));
  if (combinator) {
    if (keys.length > 1) {
      issue(
        at,
        `"${combinator}" stands alone; found also ${keys
          .filter(k => k !== combinator)
          .join(', ')}`,
      );
      return;
    }
    const inner = rule[combinator];
    if (combinator === 'not') {
      checkRule(inner, `${at}.not`, depth + 1, issue);
      return;
    }
    if (!Array.isArray(inner) || inner.length === 0) {
      issue(`${at}.${combinator}`, 'must be a non-empty list of rules');
      return;
    }
    inner.forEach((item, i) =>
      checkRule(item, `${at}.${combinator}[${i}]`, depth + 1, issue),
    );
    return;
  }
  unknownKeys(rule, ['path', ...VALUE_OPERATORS, ...COMBINATORS], at, issue);
  if (
    rule.path !== undefined &&
    (typeof rule.path !== 'string' || !PATH.test(rule.path))
  )
    issue(
      `${at}.path`,
      'must be a dot-separated path such as profile.environments or facts.currentVersion',
    );
  const operators = VALUE_OPERATORS.filter(key => has(rule, key));
  if (operators.length !== 1) {
    issue(
      at,
      operators.length === 0
        ? `needs one operator: ${VALUE_OPERATORS.join(', ')} (or all/any/not)`
        : `has ${operators.join(
            ' and ',
          )}: use one operator per condition, and all/any to combine them`,
    );
    return;
  }
  const [operator] = operators;
  const value = rule[operator];
  const where = `${at}.${operator}`;
  switch (operator) {
    case 'exists':
      if (typeof value !== 'boolean') issue(where, 'must be true or false');
      break;
    case 'equals':
      if (!isScalar(value)) issue(where, 'must be a string, number or boolean');
      break;
    case 'oneOf':
      if (!Array.isArray(value) || value.length === 0 || !value.every(isScalar))
        issue(
          where,
          'must be a non-empty list of strings, numbers or booleans',
        );
      break;
    case 'matches':
      if (typeof value !== 'string')
        issue(where, 'must be a regular expression, as a string');
      else
        try {
          RegExp(value, 'u');
        } catch (error) {
          issue(
            where,
            `is not a regular expression: ${(error as Error).message}`,
          );
        }
      break;
    case 'count':
      if (!isRecord(value) || Object.keys(value).length === 0) {
        issue(where, `must give ${COUNT_KEYS.join(', ')} or several of them`);
        break;
      }
      unknownKeys(value, COUNT_KEYS, where, issue);
      for (const key of COUNT_KEYS)
        if (
          has(value, key) &&
          !(Number.isInteger(value[key]) && (value[key] as number) >= 0)
        )
          issue(`${where}.${key}`, 'must be a whole number of at least 0');
      break;
    case 'every':
    case 'some':
      checkRule(value, where, depth + 1, issue);
      break;
    default:
      if (!isNumber(value)) issue(where, 'must be a number');
  }
}

function checkApplicability(value: unknown, at: string, issue: Issue) {
  if (!isRecord(value)) {
    issue(at, `must be an object with ${APPLICABILITY_KEYS.join(', ')}`);
    return;
  }
  unknownKeys(value, APPLICABILITY_KEYS, at, issue);
  for (const key of APPLICABILITY_KEYS) {
    const list = value[key];
    if (list === undefined) continue;
    if (!Array.isArray(list) || !list.every(v => typeof v === 'string'))
      issue(`${at}.${key}`, 'must be a list of strings');
    else if (key === 'tiers')
      for (const tier of list)
        if (!(TIERS as readonly string[]).includes(tier))
          issue(
            `${at}.tiers`,
            `"${tier}" is not a tier; use ${TIERS.join(', ')}`,
          );
  }
}

/**
 * Validates `ops.checks.custom`: every problem is an error naming its key
 * (the backend refuses to start on any), and only a fully valid list is
 * returned: a check that is half right would score every entity wrong.
 *
 * @public
 */
export function readCustomChecks(
  raw: unknown,
  at = 'ops.checks.custom',
): { checks: CustomCheckDefinition[]; issues: OpsIssue[] } {
  const issues: OpsIssue[] = [];
  const issue: Issue = (path, message) =>
    issues.push({ path, severity: 'error', message, source: 'app-config' });
  if (raw === undefined || raw === null) return { checks: [], issues };
  if (!Array.isArray(raw)) {
    issue(at, 'must be a list of checks');
    return { checks: [], issues };
  }
  const scorecards = BUILT_IN_SCORECARDS.map(card => card.id);
  const builtIn = new Set(BUILT_IN_CHECKS.map(check => check.id));
  const seen = new Set<string>();
  raw.forEach((check, i) => {
    const here = `${at}[${i}]`;
    if (!isRecord(check)) {
      issue(here, 'must be an object');
      return;
    }
    unknownKeys(check, CHECK_KEYS, here, issue);
    const text = (key: string, required = true) => {
      const value = check[key];
      if (value === undefined && !required) return;
      if (typeof value !== 'string' || value.trim() === '')
        issue(
          `${here}.${key}`,
          required && value === undefined
            ? 'is required'
            : 'must be a non-empty string',
        );
    };
    if (typeof check.id !== 'string' || !SLUG.test(check.id))
      issue(
        `${here}.id`,
        'must be a lower-case slug such as "cost-centre-declared"',
      );
    else if (builtIn.has(check.id))
      issue(
        `${here}.id`,
        `"${check.id}" is a built-in check; override it under ops.scoring.checks instead`,
      );
    else if (seen.has(check.id))
      issue(`${here}.id`, `"${check.id}" is defined twice`);
    else seen.add(check.id);
    if (!scorecards.includes(check.scorecard as string))
      issue(`${here}.scorecard`, `must be one of ${scorecards.join(', ')}`);
    for (const key of ['title', 'description', 'howToFix']) text(key);
    text('passMessage', false);
    if (!(CHECK_LEVELS as readonly unknown[]).includes(check.level))
      issue(`${here}.level`, `must be one of ${CHECK_LEVELS.join(', ')}`);
    if (
      check.weight !== undefined &&
      !(isNumber(check.weight) && check.weight >= 0)
    )
      issue(`${here}.weight`, 'must be a number of at least 0');
    if (
      check.onFail !== undefined &&
      check.onFail !== 'fail' &&
      check.onFail !== 'warn'
    )
      issue(`${here}.onFail`, 'must be fail or warn');
    if (
      check.countsFrom !== undefined &&
      !countsFromSchema.safeParse(check.countsFrom).success
    )
      issue(`${here}.countsFrom`, 'must be a date such as 2027-01-01');
    if (check.appliesTo !== undefined)
      checkApplicability(check.appliesTo, `${here}.appliesTo`, issue);
    if (check.rule === undefined) issue(`${here}.rule`, 'is required');
    else checkRule(check.rule, `${here}.rule`, 1, issue);
  });
  if (issues.length) return { checks: [], issues };
  return {
    checks: (raw as Record<string, any>[]).map(check => ({
      id: check.id,
      scorecard: check.scorecard,
      title: check.title,
      description: check.description,
      howToFix: check.howToFix,
      level: check.level,
      weight: check.weight ?? 1,
      ...(check.appliesTo ? { appliesTo: check.appliesTo } : {}),
      ...(check.countsFrom ? { countsFrom: check.countsFrom } : {}),
      onFail: check.onFail ?? 'fail',
      ...(check.passMessage ? { passMessage: check.passMessage } : {}),
      rule: check.rule,
    })),
    issues,
  };
}
