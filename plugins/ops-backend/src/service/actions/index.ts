import { createGetComplianceSummaryAction } from './getComplianceSummary';
import { createGetEntityOpsAction } from './getEntityOps';
import { createListCampaignRemainingAction } from './listCampaignRemaining';
import { createListFailingChecksForOwnerAction } from './listFailingChecksForOwner';
import type { OpsActionsOptions } from './options';
import { createRecordSignOffAction } from './recordSignOff';
import { createRequestWaiverAction } from './requestWaiver';

export type { OpsActionsOptions } from './options';

/**
 * Actions for AI assistants (Backstage's actions registry, exposed over MCP by
 * the mcp-actions plugin): reads enough to answer "is payments-api
 * production-ready?", "what is failing for the payments team?" or "what is
 * left for this campaign?", and the
 * writes a person makes on the Ops tab (a sign-off, a waiver request), with
 * the same data, permissions and audit events as the API. One action per file.
 */
export function registerOpsActions(options: OpsActionsOptions) {
  createGetEntityOpsAction(options);
  createGetComplianceSummaryAction(options);
  createListFailingChecksForOwnerAction(options);
  createListCampaignRemainingAction(options);
  createRecordSignOffAction(options);
  createRequestWaiverAction(options);
}
