import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import { opsTabLink } from './opsTabLink';
import {
  describeCheck,
  BUILT_IN_CHECKS,
  type Regression,
} from '@opskit/plugin-ops-common';

/** Tells owners what got worse. */
export interface RegressionNotifier {
  notify(regressions: Regression[]): Promise<void>;
}

const TITLES = new Map(
  BUILT_IN_CHECKS.map(check => [check.id, describeCheck(check).title]),
);

/**
 * Sends each regression to the entity's owning group through Backstage's
 * notifications service, linking to the Ops tab. The scope makes a repeated
 * send update the same notification instead of stacking up. Failures (the
 * notifications plugin is not installed, or down) are logged and never fail
 * the evaluation.
 */
export class NotificationsRegressionNotifier implements RegressionNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  async notify(regressions: Regression[]): Promise<void> {
    for (const regression of regressions) {
      if (!regression.owner) continue;
      const { name } = parseEntityRef(regression.entityRef);
      const link = opsTabLink(regression.entityRef);
      const payload =
        regression.type === 'level-dropped'
          ? {
              title: `${name}: ops readiness dropped from ${regression.from} to ${regression.to}`,
              description: `The latest ops evaluation of ${regression.entityRef} scored it ${regression.to} (it was ${regression.from}). The Ops tab lists the failing checks and how to fix them.`,
              severity: 'high' as const,
              scope: `ops:level:${regression.entityRef}`,
            }
          : {
              title: `${name}: ops check "${
                TITLES.get(regression.checkId) ?? regression.checkId
              }" now fails`,
              description: `${regression.entityRef} passed "${regression.checkId}" in the previous ops evaluation and fails it now. The Ops tab says how to fix it.`,
              severity: 'normal' as const,
              scope: `ops:check:${regression.entityRef}:${regression.checkId}`,
            };
      try {
        await this.notifications.send({
          recipients: { type: 'entity', entityRef: regression.owner },
          payload: { ...payload, link, topic: 'ops-regression' },
        });
      } catch (error) {
        this.logger.warn(
          `could not notify ${regression.owner} of an ops regression of ${regression.entityRef}: ${error}`,
        );
      }
    }
  }
}
