/**
 * OpsKit frontend: the Ops tab, the readiness card, the roll-up card for
 * groups, systems and domains, and the compliance page.
 * This entry point is the legacy frontend system; `@opskit/plugin-ops/alpha`
 * is the new one.
 *
 * @packageDocumentation
 */
export {
  opsPlugin,
  OpsCompliancePage,
  EntityOpsContent,
  EntityOpsCard,
  EntityOpsRollupCard,
} from './plugin';
export { opsApiRef, OpsClient } from './api';
export type {
  OpsApi,
  ComplianceListRequest,
  SignOffRequest,
  WaiverRequest,
  ExportFormat,
} from './api';
export { isOpsAvailable } from '@opskit/plugin-ops-common';
export type { EntityOpsCardProps } from './components/EntityOpsCard/EntityOpsCard';
export type { EntityOpsRollupCardProps } from './components/EntityOpsRollupCard/EntityOpsRollupCard';
export { rootRouteRef as opsRouteRef } from './routes';
