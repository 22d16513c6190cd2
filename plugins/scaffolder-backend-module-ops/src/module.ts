import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createOpsAlertsAction } from './actions/alertsCreate';
import { createOpsDescriptorAction } from './actions/descriptorCreate';
import { createOpsGateAction } from './actions/gate';
import { createOpsRunbookAction } from './actions/runbookCreate';

/**
 * Adds `ops:descriptor:create`, `ops:runbook:create`, `ops:alerts:create` and
 * `ops:gate` to the scaffolder.
 *
 * @public
 */
export const scaffolderModuleOps = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'ops',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        discovery: coreServices.discovery,
        auth: coreServices.auth,
      },
      async init({ scaffolder, config, catalog, discovery, auth }) {
        scaffolder.addActions(
          createOpsDescriptorAction({ config }),
          createOpsRunbookAction({ config, catalog }),
          createOpsAlertsAction({ config }),
          createOpsGateAction({ discovery, auth }),
        );
      },
    });
  },
});
