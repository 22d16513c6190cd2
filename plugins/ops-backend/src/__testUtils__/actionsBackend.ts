import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { startOpsTestBackend } from './opsTestBackend';

/** The caller of the actions in tests. */
export const actionsUser = mockCredentials.user('user:default/jane');

/**
 * The real plugin, with the actions registry it registers into; actions are
 * called through the registry's API. (The mock registry names every action
 * `test:<name>`; the real one uses the plugin id, `ops:<name>`.)
 */
export async function startActionsBackend(
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const registry = actionsRegistryServiceMock();
  const backend = await startOpsTestBackend({
    features: [
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
      ...(permission
        ? [mockServices.permissions.factory({ result: permission })]
        : []),
    ],
  });
  // The startup evaluation runs in the background; wait until it is stored.
  for (let i = 0; i < 100; i++) {
    const { output } = await registry
      .invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: actionsUser,
      })
      .catch(() => ({ output: {} as any }));
    if ((output as any).entityCount === 4) break;
    await new Promise(r => setTimeout(r, 100));
  }
  // The HTTP API too, for what the actions read but do not write (campaigns).
  return Object.assign(registry, { server: backend.server });
}
