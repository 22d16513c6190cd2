/**
 * Catalog module for OpsKit: resolves `opskit.io/ops-ref` into the entity's
 * annotations so that every consumer reads ops data from the catalog.
 *
 * @packageDocumentation
 */
export { default } from './module';
export {
  OpsDescriptorProcessor,
  type OpsDescriptorProcessorOptions,
} from './processor/OpsDescriptorProcessor';
