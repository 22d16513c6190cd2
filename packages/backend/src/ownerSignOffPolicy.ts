/*
 * A real permission policy for the example (the README's): checklist
 * sign-offs only by the entity's owners, waivers decided only by the
 * approvers (eng-managers), everything else allowed. Started instead of
 * allow-all when OPSKIT_EXAMPLE_POLICY=owner-signoffs; the e2e run uses it to
 * check that another team's user gets no Sign off button and a 403, and that
 * a team member's waiver is a request until an approver decides.
 */
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  opsChecklistUpdatePermission,
  opsWaiverManagePermission,
} from '@opskit/plugin-ops-common';

const APPROVERS = 'group:default/eng-managers';

export default createBackendModule({
  pluginId: 'permission',
  moduleId: 'ops-owner-signoffs',
  register(env) {
    env.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy({
          async handle(request, user) {
            // Services (CI with a static token) have no user: they sign off for any entity.
            if (
              user &&
              isResourcePermission(request.permission, 'catalog-entity') &&
              isPermission(request.permission, opsChecklistUpdatePermission)
            )
              return createCatalogConditionalDecision(
                request.permission,
                catalogConditions.isEntityOwner({
                  claims: user.info.ownershipEntityRefs ?? [],
                }),
              );
            // Waivers are asked by anyone (ops.waiver.request) and decided by the approvers.
            if (
              user &&
              isPermission(request.permission, opsWaiverManagePermission)
            )
              return {
                result: user.info.ownershipEntityRefs?.includes(APPROVERS)
                  ? AuthorizeResult.ALLOW
                  : AuthorizeResult.DENY,
              };
            return { result: AuthorizeResult.ALLOW };
          },
        });
      },
    });
  },
});
