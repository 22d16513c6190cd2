/**
 * OpsKit backend plugin: the ops API, its store and the scheduled
 * catalog-wide evaluation. Install it with `backend.add(import(...))`; other
 * backend plugins reach its data through `opsServiceRef` in
 * `@opskit/plugin-ops-node`.
 *
 * @packageDocumentation
 */
export { opsPlugin as default } from './plugin';
