import { parseEntityRef } from '@backstage/catalog-model';
import type { ScorecardResult } from './scoring/types';

/**
 * What {@link fetchEntityScorecards} asks.
 *
 * @public
 */
export interface EntityScorecardsRequest {
  /** The ops API's base URL: `<backend>/api/ops`, or discovery's URL of plugin `ops`. */
  opsApiUrl: string;
  /** Kind and namespace default to component and default. */
  entityRef: string;
  /** Sent as a bearer token. */
  token?: string;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
}

/**
 * The scorecards an OpsKit backend serves for an entity
 * (`GET /entities/{kind}/{namespace}/{name}`), or why it cannot tell, in
 * words: for `opskit gate --url` and the scaffolder's `ops:gate`.
 *
 * @public
 */
export async function fetchEntityScorecards(
  request: EntityScorecardsRequest,
): Promise<ScorecardResult[] | string> {
  const { kind, namespace, name } = parseEntityRef(request.entityRef, {
    defaultKind: 'component',
    defaultNamespace: 'default',
  });
  const url = `${request.opsApiUrl.replace(/\/+$/, '')}/entities/${[
    kind,
    namespace,
    name,
  ]
    .map(encodeURIComponent)
    .join('/')}`;
  const token = request.token;
  const fetchImpl = request.fetch ?? fetch;
  let response: Response;
  try {
    response = await fetchImpl(url, {
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    });
  } catch (error) {
    return `cannot reach ${url}: ${(error as Error).message}`;
  }
  const text = await response.text();
  let body: any;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  if (!response.ok) {
    const why = body?.error?.message ?? text.slice(0, 200);
    const hint =
      response.status === 401 && !token
        ? ' (set OPSKIT_TOKEN to a backend token)'
        : '';
    return `${url} answered ${response.status}: ${why}${hint}`;
  }
  if (!Array.isArray(body?.scorecards))
    return `${url} answered without scorecards: is it an OpsKit backend?`;
  return body.scorecards as ScorecardResult[];
}
