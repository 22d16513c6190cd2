/**
 * OpsKit scaffolder actions: `ops:descriptor:create`, `ops:runbook:create`,
 * `ops:alerts:create` and `ops:gate`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOps as default } from './module';
export {
  createOpsDescriptorAction,
  DESCRIPTOR_CREATE_ID,
  type OpsDescriptorCreateInput,
  type OpsDescriptorCreateOutput,
} from './actions/descriptorCreate';
export {
  createOpsRunbookAction,
  RUNBOOK_CREATE_ID,
  type OpsRunbookCreateInput,
  type OpsRunbookCreateOutput,
} from './actions/runbookCreate';
export {
  createOpsGateAction,
  GATE_ID,
  type OpsGateInput,
  type OpsGateOutput,
} from './actions/gate';
export {
  ALERTS_CREATE_ID,
  createOpsAlertsAction,
  type OpsAlertsCreateInput,
} from './actions/alertsCreate';
