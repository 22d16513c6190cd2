import { ResponseError } from '@backstage/errors';
import { OPS_API_OPERATIONS } from './generated/operations';
import type {
  OperationId,
  PathParams,
  QueryParams,
  RequestBody,
  ResponseBody,
} from './operationTypes';

/**
 * Where the ops backend is and how to reach it: Backstage's discovery and fetch APIs fit as they are.
 *
 * @public
 */
export interface OpsApiClientOptions {
  discoveryApi: { getBaseUrl(pluginId: string): Promise<string> };
  /** Adds credentials (the frontend's fetchApi does); the global fetch when omitted. */
  fetchApi?: { fetch: typeof fetch };
}

type QueryValue = string | number | boolean | readonly (string | number)[];

/**
 * An operation's inputs; parts the operation does not take are absent.
 *
 * @public
 */
export type OpsApiRequest<Id extends OperationId> = ({} extends PathParams<Id>
  ? { path?: PathParams<Id> }
  : { path: PathParams<Id> }) & {
  query?: QueryParams<Id>;
} & ([RequestBody<Id>] extends [never] ? {} : { body: RequestBody<Id> });

/**
 * A response whose `json()` has the operation's success type.
 *
 * @public
 */
export interface OpsApiResponse<Id extends OperationId> extends Response {
  json(): Promise<ResponseBody<Id>>;
}

/**
 * The ops API, typed from its OpenAPI spec: one method for every operation,
 * named by its `operationId`. The frontend's `OpsClient` and ops-node's
 * `opsServiceRef` wrap it, adding what each side needs (tokens, errors).
 *
 * @public
 */
export class OpsApiClient {
  private readonly discoveryApi: OpsApiClientOptions['discoveryApi'];
  private readonly fetchApi: { fetch: typeof fetch };

  constructor(options: OpsApiClientOptions) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi ?? { fetch: (...args) => fetch(...args) };
  }

  /** Calls the operation and returns its body; a non-2xx answer throws `ResponseError`. */
  async call<Id extends OperationId>(
    operationId: Id,
    request: OpsApiRequest<Id>,
    init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<ResponseBody<Id>> {
    const response = await this.fetch(operationId, request, init);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.status === 204
      ? (undefined as ResponseBody<Id>)
      : await response.json();
  }

  /** Calls the operation and returns the raw response, for streams and statuses the caller handles itself. */
  async fetch<Id extends OperationId>(
    operationId: Id,
    request: OpsApiRequest<Id>,
    init: { signal?: AbortSignal; headers?: Record<string, string> } = {},
  ): Promise<OpsApiResponse<Id>> {
    const { method, path } = OPS_API_OPERATIONS[operationId];
    const {
      path: params,
      query,
      body,
    } = request as {
      path?: Record<string, string>;
      query?: Record<string, QueryValue | undefined>;
      body?: unknown;
    };
    const base = await this.discoveryApi.getBaseUrl('ops');
    const url = `${base}${fillPath(path, params ?? {})}${queryString(query)}`;
    const headers: Record<string, string> = { ...init.headers };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    return (await this.fetchApi.fetch(url, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: init.signal,
    })) as OpsApiResponse<Id>;
  }
}

function fillPath(template: string, params: Record<string, string>): string {
  return template.replace(/\{([^}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined)
      throw new TypeError(`missing path parameter ${name}`);
    return encodeURIComponent(value);
  });
}

/** Arrays repeat the parameter (the spec's `style: form, explode: true`); empty values are left out. */
function queryString(query?: Record<string, QueryValue | undefined>): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) {
      params.append(name, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
