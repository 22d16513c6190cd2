import {
  has,
  VALUE_OPERATORS,
  type CustomCheckCondition,
  type CustomCheckDefinition,
  type CustomCheckRule,
} from './customCheckConfig';
import type { CheckContext, OpsCheck } from './types';

/**
 * Turns `ops.checks.custom` definitions into checks. Rules are data, so the
 * same definitions are compiled in the main thread and in every scoring
 * worker: both score alike.
 */

/** Failures listed per check before "and N more". */
const MAX_LISTED = 5;
const MAX_MESSAGE = 600;

type Compiled = {
  /** What the rule asks, in words, with `label` as the path it starts from. */
  describe(label: string): string;
  /** Why the rule does not hold for `value` (empty when it holds). */
  failures(value: unknown, label: string): string[];
};

function read(value: unknown, path: string | undefined): unknown {
  if (!path) return value;
  let current = value;
  for (const segment of path.split('.')) {
    if (Array.isArray(current) && /^\d+$/.test(segment))
      current = current[Number(segment)];
    else if (
      current &&
      typeof current === 'object' &&
      !Array.isArray(current) &&
      has(current, segment)
    )
      current = (current as Record<string, unknown>)[segment];
    else return undefined;
  }
  return current;
}

function show(value: unknown): string {
  if (value === undefined || value === null) return 'nothing';
  if (Array.isArray(value))
    return `a list of ${value.length} item${value.length === 1 ? '' : 's'}`;
  if (typeof value === 'object') return 'an object';
  return JSON.stringify(value);
}

function join(label: string, path: string | undefined): string {
  if (!path) return label || 'the value';
  return label ? `${label}.${path}` : path;
}

function capped(failures: string[]): string[] {
  if (failures.length <= MAX_LISTED) return failures;
  return [
    ...failures.slice(0, MAX_LISTED),
    `and ${failures.length - MAX_LISTED} more`,
  ];
}

function countWords(count: NonNullable<CustomCheckCondition['count']>) {
  const parts: string[] = [];
  if (count.equals !== undefined) parts.push(`exactly ${count.equals}`);
  if (count.atLeast !== undefined) parts.push(`at least ${count.atLeast}`);
  if (count.atMost !== undefined) parts.push(`at most ${count.atMost}`);
  return `${parts.join(' and ')} item${
    parts.length === 1 && (count.equals ?? count.atLeast ?? count.atMost) === 1
      ? ''
      : 's'
  }`;
}

function condition(rule: CustomCheckCondition): Compiled {
  const operator = VALUE_OPERATORS.find(key => has(rule, key))!;
  const path = rule.path;
  if (operator === 'every' || operator === 'some') {
    const inner = compile(rule[operator]!);
    return {
      describe: label =>
        `${operator} item of ${join(label, path)}: ${inner.describe('')}`,
      failures(value, label) {
        const list = read(value, path);
        const at = join(label, path);
        if (list !== undefined && list !== null && !Array.isArray(list))
          return [`expected ${at} to be a list, found ${show(list)}`];
        const items = (list as unknown[] | undefined) ?? [];
        if (operator === 'every')
          return capped(
            items.flatMap((item, i) => inner.failures(item, `${at}[${i}]`)),
          );
        return items.some(item => inner.failures(item, '').length === 0)
          ? []
          : [
              `expected some item of ${at}: ${inner.describe(
                '',
              )}, found none of ${show(items)}`,
            ];
      },
    };
  }
  const pattern =
    operator === 'matches' ? new RegExp(rule.matches!, 'u') : undefined;
  const expected = (at: string): string => {
    switch (operator) {
      case 'exists':
        return rule.exists ? `${at} is set` : `${at} is not set`;
      case 'equals':
        return `${at} equals ${JSON.stringify(rule.equals)}`;
      case 'oneOf':
        return `${at} is one of ${rule
          .oneOf!.map(v => JSON.stringify(v))
          .join(', ')}`;
      case 'matches':
        return `${at} matches /${rule.matches}/`;
      case 'atLeast':
        return `${at} is at least ${rule.atLeast}`;
      case 'atMost':
        return `${at} is at most ${rule.atMost}`;
      case 'greaterThan':
        return `${at} is greater than ${rule.greaterThan}`;
      case 'lessThan':
        return `${at} is less than ${rule.lessThan}`;
      default:
        return `${at} has ${countWords(rule.count!)}`;
    }
  };
  const holds = (value: unknown): boolean => {
    switch (operator) {
      case 'exists':
        return (value !== undefined && value !== null) === rule.exists;
      case 'equals':
        return value === rule.equals;
      case 'oneOf':
        return rule.oneOf!.includes(value as string);
      case 'matches':
        return typeof value === 'string' && pattern!.test(value);
      case 'atLeast':
        return typeof value === 'number' && value >= rule.atLeast!;
      case 'atMost':
        return typeof value === 'number' && value <= rule.atMost!;
      case 'greaterThan':
        return typeof value === 'number' && value > rule.greaterThan!;
      case 'lessThan':
        return typeof value === 'number' && value < rule.lessThan!;
      default: {
        if (value !== undefined && value !== null && !Array.isArray(value))
          return false;
        const n = (value as unknown[] | undefined)?.length ?? 0;
        const { equals, atLeast, atMost } = rule.count!;
        return (
          (equals === undefined || n === equals) &&
          (atLeast === undefined || n >= atLeast) &&
          (atMost === undefined || n <= atMost)
        );
      }
    }
  };
  return {
    describe: label => expected(join(label, path)),
    failures(value, label) {
      const actual = read(value, path);
      return holds(actual)
        ? []
        : [`expected ${expected(join(label, path))}, found ${show(actual)}`];
    },
  };
}

function compile(rule: CustomCheckRule): Compiled {
  if (has(rule, 'all') || has(rule, 'any')) {
    const every = has(rule, 'all');
    const parts = ((rule as { all: CustomCheckRule[] }).all ??
      (rule as { any: CustomCheckRule[] }).any)!.map(compile);
    const describe = (label: string) =>
      parts.length === 1
        ? parts[0].describe(label)
        : `(${parts
            .map(p => p.describe(label))
            .join(every ? ' and ' : ' or ')})`;
    return {
      describe,
      failures(value, label) {
        if (every) return capped(parts.flatMap(p => p.failures(value, label)));
        return parts.some(p => p.failures(value, label).length === 0)
          ? []
          : [`none of ${describe(label)} holds`];
      },
    };
  }
  if (has(rule, 'not')) {
    const inner = compile((rule as { not: CustomCheckRule }).not);
    return {
      describe: label => `not ${inner.describe(label)}`,
      failures: (value, label) =>
        inner.failures(value, label).length === 0
          ? [`expected not ${inner.describe(label)}, but it holds`]
          : [],
    };
  }
  return condition(rule as CustomCheckCondition);
}

function truncate(text: string): string {
  return text.length <= MAX_MESSAGE
    ? text
    : `${text.slice(0, MAX_MESSAGE - 1)}…`;
}

/**
 * A check from a validated definition (see `readCustomChecks`). Its rule sees
 * `{ profile, facts }`: paths begin with `profile.` or `facts.`.
 *
 * @public
 */
export function customCheck(definition: CustomCheckDefinition): OpsCheck {
  const rule = compile(definition.rule);
  const { rule: _rule, onFail, passMessage, ...fields } = definition;
  return {
    ...fields,
    evaluate({ profile, facts }: CheckContext) {
      const failures = rule.failures({ profile, facts }, '');
      if (failures.length === 0)
        return {
          status: 'pass',
          message: truncate(passMessage ?? rule.describe('')),
        };
      return { status: onFail, message: truncate(failures.join('; ')) };
    },
  };
}

/** @public */
export function customChecks(
  definitions: readonly CustomCheckDefinition[],
): OpsCheck[] {
  return definitions.map(customCheck);
}
