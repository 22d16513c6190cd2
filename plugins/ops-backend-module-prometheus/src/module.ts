import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { opsExtensionPoint } from '@opskit/plugin-ops-node';
import { readPrometheusConfig } from './config';
import { prometheusFactProvider } from './prometheusFactProvider';

/**
 * Adds the Prometheus fact provider to ops-backend. Without `ops.prometheus`
 * in config it adds nothing and says so once.
 *
 * @public
 */
export const opsModulePrometheus = createBackendModule({
  pluginId: 'ops',
  moduleId: 'prometheus',
  register(env) {
    env.registerInit({
      deps: {
        ops: opsExtensionPoint,
        config: coreServices.rootConfig,
        logger: coreServices.logger,
      },
      async init({ ops, config, logger }) {
        const prometheus = readPrometheusConfig(config);
        if (!prometheus) {
          logger.info(
            'ops.prometheus is not configured: SLO queries are not measured',
          );
          return;
        }
        ops.addFactProviders(prometheusFactProvider(prometheus));
        const environments = [...prometheus.targets.keys()];
        logger.info(
          `measuring SLO queries against Prometheus for ${
            environments.length ? environments.join(', ') : 'every environment'
          }${
            prometheus.fallback && environments.length ? ' (and a default)' : ''
          }`,
        );
      },
    });
  },
});
