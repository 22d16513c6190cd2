import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import {
  OPS_ENTITY_CHANGED_TOPIC,
  opsPermissions,
} from '@opskit/plugin-ops-common';
import { DatabaseOpsStore } from './database/DatabaseOpsStore';
import { opsExtensionPoint } from '@opskit/plugin-ops-node';
import { readBackendConfig } from './service/backendConfig';
import { OpsExtensions } from './service/extensionRegistry';
import { FactCollector } from './service/facts/FactCollector';
import { FactsTask } from './service/facts/FactsTask';
import { CatalogEvaluator } from './service/CatalogEvaluator';
import { EvaluationTask } from './service/EvaluationTask';
import { CatalogChangeFollower } from './service/rescoring/CatalogChangeFollower';
import { EntityRescorer } from './service/rescoring/EntityRescorer';
import { slowRecovery } from './service/scheduleTiming';
import { createRouter } from './service/router';
import { EntityOpsReader } from './service/entityOps';
import { registerOpsActions } from './service/actions';
import { ReviewWrites } from './service/reviewWrites';
import { NotificationsRegressionNotifier } from './service/notifications/RegressionNotifier';
import { NotificationsWaiverNotifier } from './service/notifications/WaiverNotifier';
import { NotificationsCampaignNotifier } from './service/notifications/CampaignNotifier';
import { CampaignProgress } from './service/campaigns/CampaignProgress';
import { CampaignTracker } from './service/campaigns/CampaignTracker';

/**
 * OpsKit's backend: the ops API, its store and the scheduled catalog-wide
 * evaluation. This file only wires; each part lives in its own file.
 *
 * @public
 */
export const opsPlugin = createBackendPlugin({
  pluginId: 'ops',
  register(env) {
    const extensions = new OpsExtensions();
    env.registerExtensionPoint(opsExtensionPoint, extensions);
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
        actionsRegistry: actionsRegistryServiceRef,
        notifications: notificationService,
        events: eventsServiceRef,
      },
      async init({
        config,
        logger,
        database,
        scheduler,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        actionsRegistry,
        notifications,
        events,
      }) {
        const backendConfig = readBackendConfig(config);
        for (const issue of backendConfig.ops.issues) {
          logger.warn(
            `ops config ${issue.path}: ${issue.message}${
              issue.severity === 'error'
                ? ' (ignored; built-in default used)'
                : ''
            }`,
          );
        }
        for (const [key, schedule] of [
          ['ops.schedule', backendConfig.schedule],
          ['ops.facts.schedule', backendConfig.facts.schedule],
        ] as const) {
          const problem = slowRecovery(key, schedule);
          if (problem) logger.warn(problem);
        }
        permissionsRegistry.addPermissions(opsPermissions);

        const store = await DatabaseOpsStore.create({ database });
        // Module checks were added before init: the checks in effect, computed once for everything below.
        const checks = extensions.checkSet(
          backendConfig.ops.scoring,
          backendConfig.customChecks,
        );
        // Campaigns follow each completed evaluation: counts, notices, completion at the deadline.
        const campaignProgress = new CampaignProgress(store, checks);
        const campaignTracker = new CampaignTracker({
          store,
          progress: campaignProgress,
          logger,
          reminderLeadMs: backendConfig.campaigns.reminderLeadMs,
          notifier: backendConfig.campaigns.notify
            ? new NotificationsCampaignNotifier(notifications, logger)
            : undefined,
        });
        // What the full runs and the re-scores between them score with: the same catalog, store, config and checks.
        const scoring = {
          catalog,
          auth,
          store,
          logger,
          ops: backendConfig.ops,
          kinds: backendConfig.kinds,
          checks,
        };
        // Scores follow a sign-off, a waiver or a catalog change between runs.
        const rescorer = new EntityRescorer(scoring);
        const evaluator = new CatalogEvaluator({
          ...scoring,
          historyRetentionMs: backendConfig.historyRetentionMs,
          leaseMs: backendConfig.evaluationLeaseMs,
          workers: backendConfig.workers,
          notifier: backendConfig.notifications.enabled
            ? new NotificationsRegressionNotifier(notifications, logger)
            : undefined,
          notificationOptOut: backendConfig.notifications.optOut,
          afterRun: run => campaignTracker.afterEvaluation(run),
          rescorer,
        });
        const follower = new CatalogChangeFollower({
          catalog,
          auth,
          logger,
          rescorer,
        });
        // One subscriber id: with the events backend's bus, each announcement reaches one replica.
        await events.subscribe({
          id: 'ops-rescore',
          topics: [OPS_ENTITY_CHANGED_TOPIC],
          onEvent: async event => follower.announce(event.eventPayload),
        });
        // Load the scoring workers now, in the background, rather than in the first run.
        evaluator
          .ready()
          .catch(error =>
            logger.warn(`ops scoring workers did not start: ${error}`),
          );
        const task = new EvaluationTask({
          scheduler,
          evaluator,
          schedule: backendConfig.schedule,
          logger,
        });
        await task.start();

        // Fact providers (from modules) run on their own schedule; nothing is scheduled without one.
        const collector = new FactCollector({
          catalog,
          auth,
          facts: store.facts,
          logger,
          providers: extensions.factProviders(),
          defaults: backendConfig.ops.defaults,
          kinds: backendConfig.kinds,
          timeoutMs: backendConfig.facts.timeoutMs,
          concurrency: backendConfig.facts.concurrency,
        });
        const factsTask = collector.hasProviders
          ? new FactsTask({
              scheduler,
              collector,
              schedule: backendConfig.facts.schedule,
              logger,
              evaluate: () => task.trigger(),
              rescore: async refs => {
                if (!(await store.latestEvaluation())) return false;
                await rescorer.rescore(refs);
                return true;
              },
            })
          : undefined;
        await factsTask?.start();
        // Facts of providers no longer installed would otherwise be scored forever as if fresh.
        const dropped = await store.facts.retainProviders(
          extensions.factProviders().map(p => p.id),
        );
        if (dropped)
          logger.info(
            `ops facts: dropped ${dropped} facts of fact providers that are no longer installed`,
          );

        // One reader for the Ops tab and the agent actions: same evaluation, same permissions.
        const entities = new EntityOpsReader({
          store,
          catalog,
          config: backendConfig,
          checks,
        });
        // One place for sign-offs and waiver requests: the API and the actions write alike.
        const writes = new ReviewWrites({
          store,
          config: backendConfig,
          permissions,
          auditor,
          checkIds: checks.checks.map(check => check.id),
          waiverNotifier: backendConfig.notifications.enabled
            ? new NotificationsWaiverNotifier(
                notifications,
                logger,
                backendConfig.waivers.approvers,
              )
            : undefined,
          rescorer,
        });
        registerOpsActions({
          actionsRegistry,
          permissions,
          store,
          entities,
          config: backendConfig,
          checks,
          writes,
          campaignProgress,
        });
        httpRouter.use(
          await createRouter({
            store,
            catalog,
            httpAuth,
            permissions,
            auditor,
            logger,
            config: backendConfig,
            // Collect facts (when providers are installed) and evaluate now; a collection that changes facts evaluates again.
            refresh: async () => {
              await factsTask?.trigger().catch(error => {
                if (!(error instanceof ConflictError)) throw error;
              });
              await task.trigger();
            },
            entities,
            checks,
            writes,
            campaignProgress,
            campaignTracker,
          }),
        );
        httpRouter.addAuthPolicy({ path: '/health', allow: 'unauthenticated' });
      },
    });
  },
});
