import { parseEntityRef } from '@backstage/catalog-model';
import type { ComplianceFilter, ComplianceSort } from './types';

/**
 * The ops API's paths and query strings, shared by the frontend client and
 * the backend service client so the two cannot drift apart.
 */

/** `component:default/payments-api` → `/entities/component/default/payments-api`. */
export function entityPath(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/entities/${encodeURIComponent(kind)}/${encodeURIComponent(
    namespace,
  )}/${encodeURIComponent(name)}`;
}

/** Filter keys are the API's query parameters, except `text`, which the API calls `q`. */
export function complianceParams(
  filter: ComplianceFilter = {},
  options: {
    sort?: Partial<ComplianceSort>;
    limit?: number;
    cursor?: string;
  } = {},
): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) {
    if (value === undefined || value === '') continue;
    const name = key === 'text' ? 'q' : key;
    for (const item of Array.isArray(value) ? value : [value])
      params.append(name, String(item));
  }
  if (options.sort?.field) params.set('sort', options.sort.field);
  if (options.sort?.order) params.set('order', options.sort.order);
  if (options.limit) params.set('limit', String(options.limit));
  if (options.cursor) params.set('cursor', options.cursor);
  return params;
}

/** `?a=b`, or nothing for no parameters. */
export function queryString(params: URLSearchParams): string {
  const text = params.toString();
  return text ? `?${text}` : '';
}
