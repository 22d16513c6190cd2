import type { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  complianceParams,
  entityPath,
  queryString,
  type ComplianceFilter,
  type ComplianceListResponse,
  type ComplianceSummaryResponse,
  type EntityOpsResponse,
} from '@opskit/plugin-ops-common';
import type { OpsService, OpsServiceRequestOptions } from './opsService';

/** opsServiceRef's default implementation: ops-backend's HTTP API, found through discovery. */
export class OpsServiceClient implements OpsService {
  constructor(private readonly options: { discovery: DiscoveryService; auth: AuthService }) {}

  getEntityOps(entityRef: string, options: OpsServiceRequestOptions): Promise<EntityOpsResponse> {
    return this.get(entityPath(entityRef), options);
  }

  getComplianceSummary(filter: ComplianceFilter, options: OpsServiceRequestOptions): Promise<ComplianceSummaryResponse> {
    return this.get(`/compliance/summary${queryString(complianceParams(filter))}`, options);
  }

  listCompliance(request: Parameters<OpsService['listCompliance']>[0], options: OpsServiceRequestOptions): Promise<ComplianceListResponse> {
    return this.get(`/compliance${queryString(complianceParams(request.filter, request))}`, options);
  }

  private async get<T>(path: string, { credentials }: OpsServiceRequestOptions): Promise<T> {
    const { discovery, auth } = this.options;
    const [base, { token }] = await Promise.all([
      discovery.getBaseUrl('ops'),
      auth.getPluginRequestToken({ onBehalfOf: credentials, targetPluginId: 'ops' }),
    ]);
    const response = await fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}` } });
    // ResponseError carries the backend's error (404 NotFoundError, 403 NotAllowedError) with its name and message.
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return (await response.json()) as T;
  }
}
