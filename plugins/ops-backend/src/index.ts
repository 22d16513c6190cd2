/**
 * OpsKit backend plugin: the ops API, its store and the scheduled
 * catalog-wide evaluation.
 *
 * @packageDocumentation
 */
export { opsPlugin as default } from './plugin';
export { DatabaseOpsStore } from './database/DatabaseOpsStore';
export type * from './database/OpsStore';
export { CatalogEvaluator, ENTITY_FIELDS } from './service/CatalogEvaluator';
export {
  FactCollector,
  type FactCollectorOptions,
  type FactRunResult,
} from './service/facts/FactCollector';
export { createRouter, type RouterOptions } from './service/router';
export {
  readBackendConfig,
  defaultScoringWorkers,
  type OpsBackendConfig,
} from './service/backendConfig';
