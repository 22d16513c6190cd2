import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ScoreLevel } from '@opskit/plugin-ops-common';
import {
  SORT_FIELDS,
  type ComplianceFilter,
  type ComplianceSort,
  type SortField,
} from '../database/OpsStore';

type Query = Record<string, unknown>;

/** `?owner=a&owner=b` and `?owner=a,b` both give ['a', 'b']. */
function list(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  const values = (Array.isArray(value) ? value : [value]).flatMap(v =>
    String(v).split(','),
  );
  const out = values.map(v => v.trim()).filter(Boolean);
  return out.length ? out : undefined;
}

function refs(
  field: string,
  value: unknown,
  defaultKind: string,
): string[] | undefined {
  return list(value)?.map(text => {
    try {
      return stringifyEntityRef(
        parseEntityRef(text, { defaultKind, defaultNamespace: 'default' }),
      ).toLowerCase();
    } catch {
      throw new InputError(
        `${field}: "${text}" is not an entity ref; use e.g. ${defaultKind}:default/name or name`,
      );
    }
  });
}

/** The compliance list's filters from a request's query (the OpenAPI spec has already checked their shapes). */
export function parseComplianceFilter(query: Query): ComplianceFilter {
  const text =
    typeof query.q === 'string' && query.q.trim() ? query.q.trim() : undefined;
  return {
    owner: refs('owner', query.owner, 'group'),
    system: refs('system', query.system, 'system'),
    group: refs('group', query.group, 'group'),
    domain: refs('domain', query.domain, 'domain'),
    kind: list(query.kind),
    type: list(query.type),
    lifecycle: list(query.lifecycle),
    tier: list(query.tier),
    scorecard:
      typeof query.scorecard === 'string' ? query.scorecard : undefined,
    level: list(query.level) as ScoreLevel[] | undefined,
    failingCheck: list(query.failingCheck),
    budgetBelow: budgetBelow(query.budgetBelow),
    text,
  };
}

function budgetBelow(value: unknown): number | undefined {
  if (value === undefined || value === '') return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n > 100)
    throw new InputError(
      'budgetBelow: must be a percentage of error budget left, at most 100 (25: below 25 %)',
    );
  return n;
}

/** Worst first by default: what an SRE lead opens the page for. */
export function parseComplianceSort(query: Query): ComplianceSort {
  const field = (query.sort ?? 'score') as SortField;
  if (!SORT_FIELDS.includes(field))
    throw new InputError(`sort: must be one of ${SORT_FIELDS.join(', ')}`);
  const order = query.order === 'desc' ? 'desc' : 'asc';
  return { field, order };
}

export function parseLimit(
  value: unknown,
  fallback: number,
  max: number,
): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new InputError(`limit: must be a whole number from 1 to ${max}`);
  return n;
}
