import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  notificationService,
  type NotificationSendOptions,
} from '@backstage/plugin-notifications-node';

/** A notifications service that keeps what it is asked to send, for a test backend. */
export function recordedNotifications() {
  const sends: NotificationSendOptions[] = [];
  const factory = createServiceFactory({
    service: notificationService,
    deps: {},
    factory: () => ({
      send: async (notification: NotificationSendOptions) => {
        sends.push(notification);
      },
    }),
  });
  return { sends, factory };
}
