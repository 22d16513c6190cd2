import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  complianceParams,
  entityPath,
  queryString as query,
  type ChecksResponse,
  type ComplianceFilter,
  type ComplianceListResponse,
  type ComplianceSummaryResponse,
  type ComplianceTrendResponse,
  type EntityHistoryResponse,
  type EntityOpsResponse,
  type StoredSignOff,
  type StoredWaiver,
} from '@opskit/plugin-ops-common';
import type {
  ComplianceListRequest,
  ExportFormat,
  OpsApi,
  SignOffRequest,
  WaiverRequest,
} from './OpsApi';

/** Talks to ops-backend through the app's discovery and fetch APIs (which add the user's token). */
export class OpsClient implements OpsApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  getChecks(): Promise<ChecksResponse> {
    return this.json('/checks');
  }

  getEntityOps(entityRef: string): Promise<EntityOpsResponse> {
    return this.json(entityPath(entityRef));
  }

  getEntityHistory(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<EntityHistoryResponse> {
    const params = new URLSearchParams();
    if (options.limit) params.set('limit', String(options.limit));
    return this.json(`${entityPath(entityRef)}/history${query(params)}`);
  }

  signOff(entityRef: string, request: SignOffRequest): Promise<StoredSignOff> {
    return this.json(`${entityPath(entityRef)}/signoffs`, {
      method: 'POST',
      body: request,
    });
  }

  createWaiver(
    entityRef: string,
    request: WaiverRequest,
  ): Promise<StoredWaiver> {
    return this.json(`${entityPath(entityRef)}/waivers`, {
      method: 'POST',
      body: request,
    });
  }

  revokeWaiver(id: string): Promise<StoredWaiver> {
    return this.json(`/waivers/${encodeURIComponent(id)}`, {
      method: 'DELETE',
    });
  }

  listCompliance(
    request: ComplianceListRequest,
  ): Promise<ComplianceListResponse> {
    const params = complianceParams(request.filter, request);
    return this.json(`/compliance${query(params)}`);
  }

  getComplianceSummary(
    filter?: ComplianceFilter,
  ): Promise<ComplianceSummaryResponse> {
    return this.json(`/compliance/summary${query(complianceParams(filter))}`);
  }

  getComplianceTrend(
    options: { owner?: string; limit?: number } = {},
  ): Promise<ComplianceTrendResponse> {
    const params = new URLSearchParams();
    if (options.owner) params.set('owner', options.owner);
    if (options.limit) params.set('limit', String(options.limit));
    return this.json(`/compliance/trend${query(params)}`);
  }

  async exportCompliance(
    format: ExportFormat,
    request: Omit<ComplianceListRequest, 'limit' | 'cursor'>,
  ): Promise<Blob> {
    const params = complianceParams(request.filter, { sort: request.sort });
    params.set('format', format);
    const response = await this.request(`/compliance/export${query(params)}`);
    return response.blob();
  }

  async refresh(): Promise<{ started: boolean }> {
    const response = await this.request('/refresh', { method: 'POST' }, [409]);
    return { started: response.status !== 409 };
  }

  private async json<T>(
    path: string,
    init?: { method: string; body?: unknown },
  ): Promise<T> {
    const response = await this.request(path, init);
    return (await response.json()) as T;
  }

  private async request(
    path: string,
    init?: { method: string; body?: unknown },
    accept: number[] = [],
  ): Promise<Response> {
    const base = await this.discoveryApi.getBaseUrl('ops');
    const response = await this.fetchApi.fetch(`${base}${path}`, {
      method: init?.method ?? 'GET',
      ...(init?.body !== undefined
        ? {
            body: JSON.stringify(init.body),
            headers: { 'Content-Type': 'application/json' },
          }
        : {}),
    });
    if (!response.ok && !accept.includes(response.status))
      throw await ResponseError.fromResponse(response);
    return response;
  }
}
