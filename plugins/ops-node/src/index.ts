/**
 * Node library for OpsKit: extension points for backend modules (checks and
 * fact providers) and the ops service other backend plugins call.
 *
 * @packageDocumentation
 */
export * from './extensions';
export * from './factProviders';
export * from './opsService';
export { OpsServiceClient } from './OpsServiceClient';
