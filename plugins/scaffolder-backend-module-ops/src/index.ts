/**
 * OpsKit scaffolder actions: `ops:descriptor:create` and `ops:runbook:create`.
 *
 * @packageDocumentation
 */
export { scaffolderModuleOps as default } from './module';
export {
  createOpsDescriptorAction,
  DESCRIPTOR_CREATE_ID,
} from './actions/descriptorCreate';
export {
  createOpsRunbookAction,
  RUNBOOK_CREATE_ID,
} from './actions/runbookCreate';
