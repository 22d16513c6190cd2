import { parseEntityRef } from '@backstage/catalog-model';
import type { ComplianceFilter, ComplianceSort } from './types';
import type { PathParams, QueryParams } from './operationTypes';

/**
 * How the API's callers name things in requests, shared by the frontend
 * client and the backend service client so the two cannot drift apart.
 */

/**
 * `component:default/payments-api` → the entity routes' path parameters.
 *
 * @public
 */
export function entityPathParams(
  entityRef: string,
): PathParams<'GetEntityOps'> {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return { kind, namespace, name };
}

/**
 * Filter keys are the API's query parameters, except `text`, which the API calls `q`.
 *
 * @public
 */
export function complianceQuery(
  filter: ComplianceFilter = {},
  options: {
    sort?: Partial<ComplianceSort>;
    limit?: number;
    cursor?: string;
  } = {},
): QueryParams<'ListCompliance'> {
  const { text, tier, ...lists } = filter;
  return {
    ...lists,
    // Filters hold what the user typed; the API checks tiers against the spec's enum.
    tier: tier as QueryParams<'ListCompliance'>['tier'],
    q: text || undefined,
    sort: options.sort?.field,
    order: options.sort?.order,
    limit: options.limit || undefined,
    cursor: options.cursor || undefined,
  };
}
