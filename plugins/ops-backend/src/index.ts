/**
 * OpsKit backend plugin: the ops API, its store and the scheduled
 * catalog-wide evaluation. Install it with `backend.add(import(...))`; other
 * backend plugins reach its data through `opsServiceRef` in
 * `@opskit/plugin-ops-node`.
 *
 * @packageDocumentation
 */
export { opsPlugin as default } from './plugin';

// The parts below are internal: the benchmark (packages/bench) drives the
// evaluator, the fact collector, the store and the router without a whole
// backend. They carry no compatibility promise and are not for adopters.
export { DatabaseOpsStore } from './database/DatabaseOpsStore';
export type * from './database/OpsStore';
export {
  CatalogEvaluator,
  ENTITY_FIELDS,
  type CatalogEvaluatorOptions,
} from './service/CatalogEvaluator';
export type { FactStore } from './database/FactStore';
export type { EntityOpsReader } from './service/entityOps';
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
export {
  builtInCheckSet,
  opsCheckSet,
  type OpsCheckSet,
} from './service/checkSet';
