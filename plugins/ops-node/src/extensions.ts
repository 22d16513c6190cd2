import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { OpsCheck } from '@opskit/plugin-ops-common';

/**
 * Adds checks to ops-backend's scorecards. A check is a plain object with an
 * `evaluate(context)` function (ops-common's `OpsCheck`): it sees the entity's
 * merged profile, facts, tier policy and org defaults, and says pass, fail,
 * warn or not-applicable with a message. ops-backend registers its built-in
 * checks through this same extension point.
 *
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'ops',
 *   moduleId: 'security-checks',
 *   register(env) {
 *     env.registerInit({
 *       deps: { checks: opsChecksExtensionPoint },
 *       async init({ checks }) { checks.addChecks(securityReviewCheck) },
 *     });
 *   },
 * });
 * ```
 */
export interface OpsChecksExtensionPoint {
  addChecks(...checks: OpsCheck[]): void;
}

export const opsChecksExtensionPoint = createExtensionPoint<OpsChecksExtensionPoint>({ id: 'ops.checks' });
