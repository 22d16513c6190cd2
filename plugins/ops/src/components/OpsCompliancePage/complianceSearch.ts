import type {
  ComplianceFilter,
  ComplianceSort,
  SortField,
} from '@opskit/plugin-ops-common';
import { SORT_FIELDS } from '@opskit/plugin-ops-common';

/** The compliance view as it lives in the URL, so a filtered, sorted view can be shared. */
export interface ComplianceView {
  filter: ComplianceFilter;
  sort: ComplianceSort;
  limit: number;
  cursor?: string;
}

const LIST_KEYS = [
  'owner',
  'kind',
  'type',
  'lifecycle',
  'tier',
  'system',
  'group',
  'domain',
  'level',
  'failingCheck',
] as const;
export const PAGE_SIZES = [25, 50, 100];
const DEFAULT_SORT: ComplianceSort = { field: 'score', order: 'asc' };

export function readView(params: URLSearchParams): ComplianceView {
  const filter: ComplianceFilter = {};
  for (const key of LIST_KEYS) {
    const values = params.getAll(key).filter(Boolean);
    if (values.length) (filter as Record<string, string[]>)[key] = values;
  }
  const scorecard = params.get('scorecard');
  if (scorecard) filter.scorecard = scorecard;
  const text = params.get('q');
  if (text) filter.text = text;
  const budgetBelow = params.get('budgetBelow');
  // A hand-edited link with a bad threshold is dropped here, not sent to be refused.
  if (
    budgetBelow &&
    Number.isFinite(Number(budgetBelow)) &&
    Number(budgetBelow) <= 100
  )
    filter.budgetBelow = Number(budgetBelow);
  const field = params.get('sort');
  const order = params.get('order');
  const limit = Number(params.get('limit'));
  return {
    filter,
    sort: {
      field: (SORT_FIELDS as readonly string[]).includes(field ?? '')
        ? (field as SortField)
        : DEFAULT_SORT.field,
      order: order === 'asc' || order === 'desc' ? order : DEFAULT_SORT.order,
    },
    limit: PAGE_SIZES.includes(limit) ? limit : PAGE_SIZES[0],
    cursor: params.get('cursor') ?? undefined,
  };
}

export function writeView(view: ComplianceView): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS)
    for (const value of view.filter[key] ?? []) params.append(key, value);
  if (view.filter.scorecard) params.set('scorecard', view.filter.scorecard);
  if (view.filter.text) params.set('q', view.filter.text);
  if (view.filter.budgetBelow !== undefined)
    params.set('budgetBelow', String(view.filter.budgetBelow));
  if (
    view.sort.field !== DEFAULT_SORT.field ||
    view.sort.order !== DEFAULT_SORT.order
  ) {
    params.set('sort', view.sort.field);
    params.set('order', view.sort.order);
  }
  if (view.limit !== PAGE_SIZES[0]) params.set('limit', String(view.limit));
  if (view.cursor) params.set('cursor', view.cursor);
  return params;
}

/** A stable key of what the list shows, minus the page: a change of it resets paging. */
export function viewKey(view: ComplianceView): string {
  return writeView({ ...view, cursor: undefined }).toString();
}
