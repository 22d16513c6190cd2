import { createApiRef } from '@backstage/core-plugin-api';
import type {
  Campaign,
  CampaignDetail,
  CampaignInput,
  CampaignList,
  CampaignState,
  BudgetHistoryResponse,
  ChecksResponse,
  ComplianceFilter,
  ComplianceListResponse,
  ComplianceSort,
  ComplianceSummaryResponse,
  RollupResponse,
  ComplianceTrendResponse,
  EntityHistoryResponse,
  EntityCampaignList,
  EntityOpsResponse,
  SignOffRequest,
  StoredSignOff,
  StoredWaiver,
  WaiverRequest,
} from '@opskit/plugin-ops-common';

/**
 * A page of the compliance list: filters, sort and the cursor of the page.
 *
 * @public
 */
export interface ComplianceListRequest {
  filter?: ComplianceFilter;
  sort?: Partial<ComplianceSort>;
  limit?: number;
  cursor?: string;
}

export type { SignOffRequest, WaiverRequest };

/** @public */
export type ExportFormat = 'csv' | 'json';

/**
 * The ops backend, as the frontend uses it. Entity refs are `kind:namespace/name` strings.
 *
 * @public
 */
export interface OpsApi {
  getChecks(): Promise<ChecksResponse>;
  getEntityOps(entityRef: string): Promise<EntityOpsResponse>;
  getEntityHistory(
    entityRef: string,
    options?: { limit?: number },
  ): Promise<EntityHistoryResponse>;
  /** Each SLO's error budget left per day, oldest first (28 days unless asked). */
  getEntityBudgetHistory(
    entityRef: string,
    options?: { days?: number },
  ): Promise<BudgetHistoryResponse>;
  signOff(entityRef: string, request: SignOffRequest): Promise<StoredSignOff>;
  createWaiver(
    entityRef: string,
    request: WaiverRequest,
  ): Promise<StoredWaiver>;
  /** Revokes a waiver, or withdraws a pending request. */
  revokeWaiver(id: string, reason?: string): Promise<StoredWaiver>;
  /** Approves or denies a pending request. */
  decideWaiver(
    id: string,
    decision: { decision: 'approve' | 'deny'; comment: string },
  ): Promise<StoredWaiver>;
  /** Compliance of a group (with the groups under it), a system or a domain. */
  getRollup(
    entityRef: string,
    options?: { limit?: number; cursor?: string },
  ): Promise<RollupResponse>;
  /** Waivers across the catalog in one status, oldest first (default: pending, the approvers' queue). */
  listWaivers(options?: {
    status?: StoredWaiver['status'];
    limit?: number;
  }): Promise<{ items: StoredWaiver[] }>;
  listCompliance(
    request: ComplianceListRequest,
  ): Promise<ComplianceListResponse>;
  getComplianceSummary(
    filter?: ComplianceFilter,
  ): Promise<ComplianceSummaryResponse>;
  getComplianceTrend(options?: {
    owner?: string;
    limit?: number;
  }): Promise<ComplianceTrendResponse>;
  /** The whole filtered list as a file. */
  exportCompliance(
    format: ExportFormat,
    request: Omit<ComplianceListRequest, 'limit' | 'cursor'>,
  ): Promise<Blob>;
  /** Campaigns with their progress; archived ones only when asked for by state. */
  listCampaigns(options?: { state?: CampaignState }): Promise<CampaignList>;
  /** A campaign's progress overall, per owner and over time, and at most `limit` entities left. */
  getCampaign(
    id: string,
    options?: { limit?: number },
  ): Promise<CampaignDetail>;
  createCampaign(input: CampaignInput): Promise<Campaign>;
  /** Replaces every field of a campaign, its state included. */
  updateCampaign(id: string, input: CampaignInput): Promise<Campaign>;
  /** The active campaigns that ask this entity, and what it still fails of each. */
  getEntityCampaigns(entityRef: string): Promise<EntityCampaignList>;
  /** Starts a catalog-wide evaluation; resolves `false` when one is already running. */
  refresh(): Promise<{ started: boolean }>;
}

/** @public */
export const opsApiRef = createApiRef<OpsApi>({ id: 'plugin.ops.service' });
