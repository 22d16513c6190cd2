import { coreServices, createBackendPlugin } from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { opsPermissions } from '@opskit/plugin-ops-common';
import { DatabaseOpsStore } from './database/DatabaseOpsStore';
import { readBackendConfig } from './service/backendConfig';
import { CatalogEvaluator } from './service/CatalogEvaluator';
import { EvaluationTask } from './service/EvaluationTask';
import { createRouter } from './service/router';

/**
 * OpsKit's backend: the ops API, its store and the scheduled catalog-wide
 * evaluation. This file only wires; each part lives in its own file.
 */
export const opsPlugin = createBackendPlugin({
  pluginId: 'ops',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
      },
      async init({ config, logger, database, scheduler, httpRouter, httpAuth, auth, permissions, permissionsRegistry, auditor, catalog }) {
        const backendConfig = readBackendConfig(config);
        for (const issue of backendConfig.ops.issues) {
          logger.warn(`ops config ${issue.path}: ${issue.message}${issue.severity === 'error' ? ' (ignored; built-in default used)' : ''}`);
        }
        permissionsRegistry.addPermissions(opsPermissions);

        const store = await DatabaseOpsStore.create({ database });
        const evaluator = new CatalogEvaluator({
          catalog,
          auth,
          store,
          logger,
          ops: backendConfig.ops,
          kinds: backendConfig.kinds,
          historyRetentionMs: backendConfig.historyRetentionMs,
          workers: backendConfig.workers,
        });
        // Load the scoring workers now, in the background, rather than in the first run.
        evaluator.ready().catch(error => logger.warn(`ops scoring workers did not start: ${error}`));
        const task = new EvaluationTask({ scheduler, evaluator, schedule: backendConfig.schedule, logger });
        await task.start();

        httpRouter.use(
          await createRouter({
            store,
            catalog,
            httpAuth,
            permissions,
            auditor,
            logger,
            config: backendConfig,
            refresh: () => task.trigger(),
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
