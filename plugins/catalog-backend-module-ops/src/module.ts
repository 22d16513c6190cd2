import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { catalogProcessingExtensionPoint } from '@backstage/plugin-catalog-node';
import { ScmIntegrations } from '@backstage/integration';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { OpsDescriptorProcessor } from './processor/OpsDescriptorProcessor';

/** Adds the ops descriptor processor to the catalog. */
export default createBackendModule({
  pluginId: 'catalog',
  moduleId: 'ops',
  register(env) {
    env.registerInit({
      deps: {
        catalog: catalogProcessingExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        logger: coreServices.logger,
        events: eventsServiceRef,
      },
      async init({ catalog, config, reader, logger, events }) {
        catalog.addProcessor(
          new OpsDescriptorProcessor({
            reader,
            integrations: ScmIntegrations.fromConfig(config),
            strict: config.getOptionalBoolean('ops.catalog.strict') ?? false,
            logger,
            events,
            kinds: config.getOptionalStringArray('ops.evaluation.kinds'),
          }),
        );
      },
    });
  },
});
