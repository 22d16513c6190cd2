import { InputError } from '@backstage/errors';
import type { Knex } from 'knex';
import type { ComplianceSort, SortField } from './OpsStore';

/** Where the next page of a listing starts; opaque to clients. */
export interface Cursor {
  /** The evaluation listed: later pages read the same run even after a newer one completes. */
  e: number;
  /** The last row's sort value and entity ref: the keyset the next page starts after. */
  v: string | number;
  r: string;
  /** totalItems of the first page: counted once per listing, not once per page. */
  t?: number;
  /** How many rows precede the page the cursor starts: lets a shared link show "51–75 of N". */
  o?: number;
}

const SORT_COLUMNS: Record<SortField, string> = {
  entityRef: 'r.entity_ref',
  owner: 'r.owner',
  kind: 'r.kind',
  tier: 'r.tier',
  score: 'r.score',
  level: 'r.level_rank',
  errorCount: 'r.error_count',
  budget: 'r.budget_rank',
};

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

export function decodeCursor(text: string): Cursor {
  try {
    const value = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (
      typeof value?.e === 'number' &&
      typeof value?.r === 'string' &&
      ['string', 'number'].includes(typeof value?.v)
    ) {
      return value;
    }
  } catch {
    // fall through
  }
  throw new InputError(
    'cursor is not valid: pass the nextCursor of a previous page, or omit it for the first page',
  );
}

/** Keyset paging on (sort column, entity ref): constant cost at any depth, stable under inserts. */
export function applyKeyset(
  q: Knex.QueryBuilder,
  sort: ComplianceSort,
  cursor: Cursor | undefined,
) {
  const column = SORT_COLUMNS[sort.field];
  const op = sort.order === 'asc' ? '>' : '<';
  if (cursor) {
    q.where(function after() {
      this.where(column, op, cursor.v).orWhere(function tie() {
        this.where(column, '=', cursor.v).where('r.entity_ref', op, cursor.r);
      });
    });
  }
  q.orderBy([
    { column, order: sort.order },
    ...(column === 'r.entity_ref'
      ? []
      : [{ column: 'r.entity_ref', order: sort.order }]),
  ]);
}

/** The keyset value of a stored row (an ops_entity_results row as selected), for the cursor after it. */
export function sortValue(stored: any, field: SortField): string | number {
  const value = stored[SORT_COLUMNS[field].slice('r.'.length)];
  return typeof value === 'number' || typeof value === 'string'
    ? value
    : String(value ?? '');
}
