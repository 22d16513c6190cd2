import { createGetComplianceSummaryAction } from './getComplianceSummary';
import { createGetEntityOpsAction } from './getEntityOps';
import { createListFailingChecksForOwnerAction } from './listFailingChecksForOwner';
import type { OpsActionsOptions } from './options';

export type { OpsActionsOptions } from './options';

/**
 * Read-only actions for AI assistants (Backstage's actions registry, exposed
 * over MCP by the mcp-actions plugin): enough to answer "is payments-api
 * production-ready?" or "what is failing for the payments team?" with the same
 * data and permissions as the Ops tab. One action per file.
 */
export function registerOpsActions(options: OpsActionsOptions) {
  createGetEntityOpsAction(options);
  createGetComplianceSummaryAction(options);
  createListFailingChecksForOwnerAction(options);
}
