import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { NotFoundError, ResponseError } from '@backstage/errors';
import {
  complianceQuery,
  entityPathParams,
  OpsApiClient,
  type ComplianceFilter,
  type ComplianceListResponse,
  type ComplianceSummaryResponse,
  type EntityOpsResponse,
  type OpsApiOperationId,
  type OpsApiRequest,
  type OpsApiResponseBody,
} from '@opskit/plugin-ops-common';
import type { OpsService, OpsServiceRequestOptions } from './opsService';

/**
 * opsServiceRef's default implementation: ops-common's client typed from the
 * spec, found through discovery, each call carrying a plugin request token on
 * behalf of the caller's credentials.
 *
 * @public
 */
export class OpsServiceClient implements OpsService {
  private readonly client: OpsApiClient;
  private readonly auth: AuthService;

  constructor(options: { discovery: DiscoveryService; auth: AuthService }) {
    this.client = new OpsApiClient({ discoveryApi: options.discovery });
    this.auth = options.auth;
  }

  async getEntityOps(
    entityRef: string,
    options: OpsServiceRequestOptions,
  ): Promise<EntityOpsResponse> {
    const body = await this.call(
      'GetEntityOps',
      { path: entityPathParams(entityRef) },
      options,
    );
    // The spec types the profile's sections loosely; they are ops-common's OpsProfile.
    return body as EntityOpsResponse;
  }

  getComplianceSummary(
    filter: ComplianceFilter,
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceSummaryResponse> {
    return this.call(
      'GetComplianceSummary',
      { query: complianceQuery(filter) },
      options,
    );
  }

  listCompliance(
    request: Parameters<OpsService['listCompliance']>[0],
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceListResponse> {
    return this.call(
      'ListCompliance',
      { query: complianceQuery(request.filter, request) },
      options,
    );
  }

  private async call<Id extends OpsApiOperationId>(
    operationId: Id,
    request: OpsApiRequest<Id>,
    { credentials }: OpsServiceRequestOptions,
  ): Promise<OpsApiResponseBody<Id>> {
    const { token } = await this.auth.getPluginRequestToken({
      onBehalfOf: credentials,
      targetPluginId: 'ops',
    });
    try {
      return await this.client.call(operationId, request, {
        headers: { Authorization: `Bearer ${token}` },
      });
    } catch (error) {
      // A missing entity is the one error callers branch on.
      if (error instanceof ResponseError && error.statusCode === 404) {
        throw new NotFoundError(error.cause.message, error);
      }
      throw error;
    }
  }
}
