/**
 * Extension points of OpsKit's backend.
 *
 * @packageDocumentation
 */
export { opsChecksExtensionPoint, type OpsChecksExtensionPoint } from './extensions';
export type { OpsCheck, CheckContext, CheckOutcome } from '@opskit/plugin-ops-common';
