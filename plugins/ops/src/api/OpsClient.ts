import type { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  complianceQuery,
  entityPathParams,
  OpsApiClient,
  type Campaign,
  type CampaignDetail,
  type CampaignInput,
  type CampaignList,
  type CampaignState,
  type BudgetHistoryResponse,
  type ChecksResponse,
  type ComplianceFilter,
  type ComplianceListResponse,
  type ComplianceSummaryResponse,
  type ComplianceTrendResponse,
  type EntityHistoryResponse,
  type EntityCampaignList,
  type EntityOpsResponse,
  type RollupResponse,
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

/**
 * The ops API for the frontend: ops-common's client typed from the spec, on
 * the app's discovery and fetch APIs (which add the user's token), with
 * entity refs instead of path parameters.
 *
 * @public
 */
export class OpsClient implements OpsApi {
  private readonly client: OpsApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new OpsApiClient(options);
  }

  getChecks(): Promise<ChecksResponse> {
    return this.client.call('GetChecks', {});
  }

  async getEntityOps(entityRef: string): Promise<EntityOpsResponse> {
    const body = await this.client.call('GetEntityOps', {
      path: entityPathParams(entityRef),
    });
    // The spec types the profile's sections loosely; they are ops-common's OpsProfile.
    return body as EntityOpsResponse;
  }

  getEntityHistory(
    entityRef: string,
    options: { limit?: number } = {},
  ): Promise<EntityHistoryResponse> {
    return this.client.call('GetEntityHistory', {
      path: entityPathParams(entityRef),
      query: { limit: options.limit || undefined },
    });
  }

  getEntityBudgetHistory(
    entityRef: string,
    options: { days?: number } = {},
  ): Promise<BudgetHistoryResponse> {
    return this.client.call('GetEntityBudgetHistory', {
      path: entityPathParams(entityRef),
      query: { days: options.days || undefined },
    });
  }

  signOff(entityRef: string, request: SignOffRequest): Promise<StoredSignOff> {
    return this.client.call('CreateSignOff', {
      path: entityPathParams(entityRef),
      body: request,
    });
  }

  createWaiver(
    entityRef: string,
    request: WaiverRequest,
  ): Promise<StoredWaiver> {
    return this.client.call('CreateWaiver', {
      path: entityPathParams(entityRef),
      body: request,
    });
  }

  revokeWaiver(id: string, reason?: string): Promise<StoredWaiver> {
    return this.client.call('RevokeWaiver', {
      path: { id },
      query: { reason: reason || undefined },
    });
  }

  decideWaiver(
    id: string,
    decision: { decision: 'approve' | 'deny'; comment: string },
  ): Promise<StoredWaiver> {
    return this.client.call('DecideWaiver', { path: { id }, body: decision });
  }

  getRollup(
    entityRef: string,
    options: { limit?: number; cursor?: string } = {},
  ): Promise<RollupResponse> {
    const { kind, namespace, name } = entityPathParams(entityRef);
    return this.client.call('GetRollup', {
      path: { kind: kind as 'group' | 'system' | 'domain', namespace, name },
      query: { limit: options.limit, cursor: options.cursor },
    });
  }

  listWaivers(
    options: { status?: StoredWaiver['status']; limit?: number } = {},
  ): Promise<{ items: StoredWaiver[] }> {
    return this.client.call('ListWaiverRequests', {
      query: { status: options.status ?? 'pending', limit: options.limit },
    });
  }

  listCompliance(
    request: ComplianceListRequest,
  ): Promise<ComplianceListResponse> {
    return this.client.call('ListCompliance', {
      query: complianceQuery(request.filter, request),
    });
  }

  getComplianceSummary(
    filter?: ComplianceFilter,
  ): Promise<ComplianceSummaryResponse> {
    return this.client.call('GetComplianceSummary', {
      query: complianceQuery(filter),
    });
  }

  getComplianceTrend(
    options: { owner?: string; limit?: number } = {},
  ): Promise<ComplianceTrendResponse> {
    return this.client.call('GetComplianceTrend', {
      query: { owner: options.owner, limit: options.limit || undefined },
    });
  }

  async exportCompliance(
    format: ExportFormat,
    request: Omit<ComplianceListRequest, 'limit' | 'cursor'>,
  ): Promise<Blob> {
    const response = await this.client.fetch('ExportCompliance', {
      query: {
        ...complianceQuery(request.filter, { sort: request.sort }),
        format,
      },
    });
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.blob();
  }

  listCampaigns(
    options: { state?: CampaignState } = {},
  ): Promise<CampaignList> {
    return this.client.call('ListCampaigns', {
      query: { state: options.state },
    });
  }

  getCampaign(
    id: string,
    options: { limit?: number } = {},
  ): Promise<CampaignDetail> {
    return this.client.call('GetCampaign', {
      path: { id },
      query: { limit: options.limit },
    });
  }

  createCampaign(input: CampaignInput): Promise<Campaign> {
    return this.client.call('CreateCampaign', { body: input });
  }

  updateCampaign(id: string, input: CampaignInput): Promise<Campaign> {
    return this.client.call('UpdateCampaign', { path: { id }, body: input });
  }

  getEntityCampaigns(entityRef: string): Promise<EntityCampaignList> {
    return this.client.call('ListEntityCampaigns', {
      path: entityPathParams(entityRef),
    });
  }

  async refresh(): Promise<{ started: boolean }> {
    const response = await this.client.fetch('RefreshCompliance', {});
    if (response.status === 409) return { started: false };
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return { started: true };
  }
}
