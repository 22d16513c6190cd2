import { createExtensionPoint } from '@backstage/backend-plugin-api';
import type { OpsCheck } from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from './factProviders';

/**
 * How backend modules extend ops-backend: checks for its scorecards and fact
 * providers that observe running services. ops-backend registers its own
 * built-in checks through this same extension point.
 *
 * A check is a plain object with an `evaluate(context)` function (ops-common's
 * `OpsCheck`): it sees the entity's merged profile, facts (sign-offs, waivers
 * and what fact providers observed), tier policy and org defaults, and says
 * pass, fail, warn or not-applicable with a message.
 *
 * ```ts
 * export default createBackendModule({
 *   pluginId: 'ops',
 *   moduleId: 'security-checks',
 *   register(env) {
 *     env.registerInit({
 *       deps: { ops: opsExtensionPoint },
 *       async init({ ops }) {
 *         ops.addChecks(securityReviewCheck);
 *         ops.addFactProviders(lastPenTestProvider);
 *       },
 *     });
 *   },
 * });
 * ```
 *
 * @public
 */
export interface OpsExtensionPoint {
  addChecks(...checks: OpsCheck[]): void;
  addFactProviders(...providers: OpsFactProvider[]): void;
}

/** @public */
export const opsExtensionPoint = createExtensionPoint<OpsExtensionPoint>({
  id: 'ops',
});
