import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
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
  constructor(
    private readonly options: {
      discovery: DiscoveryService;
      auth: AuthService;
    },
  ) {}

  getEntityOps(
    entityRef: string,
    options: OpsServiceRequestOptions,
  ): Promise<EntityOpsResponse> {
    return this.get(entityPath(entityRef), options);
  }

  getComplianceSummary(
    filter: ComplianceFilter,
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceSummaryResponse> {
    return this.get(
      `/compliance/summary${queryString(complianceParams(filter))}`,
      options,
    );
  }

  listCompliance(
    request: Parameters<OpsService['listCompliance']>[0],
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceListResponse> {
    return this.get(
      `/compliance${queryString(complianceParams(request.filter, request))}`,
      options,
    );
  }

  private async get<T>(
    path: string,
    { credentials }: OpsServiceRequestOptions,
  ): Promise<T> {
    const { discovery, auth } = this.options;
    const [base, { token }] = await Promise.all([
      discovery.getBaseUrl('ops'),
      auth.getPluginRequestToken({
        onBehalfOf: credentials,
        targetPluginId: 'ops',
      }),
    ]);
    const response = await fetch(`${base}${path}`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    if (!response.ok) {
      // ResponseError carries the backend's error as its cause; a missing entity is the one callers branch on.
      const error = await ResponseError.fromResponse(response);
      if (response.status === 404)
        throw new NotFoundError(error.cause.message, error);
      throw error;
    }
    return (await response.json()) as T;
  }
}
