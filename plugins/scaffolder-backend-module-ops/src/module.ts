import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createOpsDescriptorAction } from './actions/descriptorCreate';
import { createOpsRunbookAction } from './actions/runbookCreate';

/**
 * Adds `ops:descriptor:create` and `ops:runbook:create` to the scaffolder.
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
      },
      async init({ scaffolder, config, catalog }) {
        scaffolder.addActions(
          createOpsDescriptorAction({ config }),
          createOpsRunbookAction({ config, catalog }),
        );
      },
    });
  },
});
