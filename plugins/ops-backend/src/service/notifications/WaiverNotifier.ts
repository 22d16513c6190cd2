import type { LoggerService } from '@backstage/backend-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type { StoredWaiver } from '@opskit/plugin-ops-common';
import { opsTabLink } from './opsTabLink';

/** Tells the people a waiver request concerns what happened to it. */
export interface WaiverNotifier {
  /** A request waits: the approvers and the owning team hear of it. */
  requested(waiver: StoredWaiver, owner: string | undefined): Promise<void>;
  /** Approved or denied: the owning team and the requester hear of it. */
  decided(waiver: StoredWaiver, owner: string | undefined): Promise<void>;
}

/**
 * Waiver steps through Backstage's notifications service. Every message of
 * one waiver has the same scope, so each recipient keeps one notification per
 * waiver that a later step updates, and nobody gets the same message twice.
 * A failing send is logged, never fails the request.
 */
export class NotificationsWaiverNotifier implements WaiverNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
    private readonly approvers: string[],
  ) {}

  requested(waiver: StoredWaiver, owner: string | undefined) {
    const { name } = parseEntityRef(waiver.entityRef);
    return this.send(waiver, [...this.approvers, owner], {
      title: `${name}: waiver of "${waiver.checkId}" asked, waiting for approval`,
      description: `${waiver.by} asks to waive ${waiver.checkId} for ${
        waiver.entityRef
      } until ${waiver.expiresAt.slice(0, 10)}: ${waiver.reason}`,
    });
  }

  decided(waiver: StoredWaiver, owner: string | undefined) {
    const { name } = parseEntityRef(waiver.entityRef);
    const verdict = waiver.status === 'approved' ? 'approved' : 'denied';
    return this.send(
      waiver,
      // The requester, when a person asked (a service token has no inbox).
      [owner, waiver.by.startsWith('user:') ? waiver.by : undefined],
      {
        title: `${name}: waiver of "${waiver.checkId}" ${verdict}`,
        description: `${
          waiver.decidedBy ?? 'An approver'
        } ${verdict} the waiver of ${waiver.checkId} for ${waiver.entityRef}${
          waiver.decisionComment ? `: ${waiver.decisionComment}` : ''
        }`,
      },
    );
  }

  private async send(
    waiver: StoredWaiver,
    recipients: Array<string | undefined>,
    payload: { title: string; description: string },
  ) {
    const entityRefs = [...new Set(recipients.filter(Boolean) as string[])];
    if (entityRefs.length === 0) return;
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: entityRefs },
        payload: {
          ...payload,
          link: opsTabLink(waiver.entityRef),
          severity: 'normal',
          topic: 'ops-waiver',
          scope: `ops:waiver:${waiver.id}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `could not notify ${entityRefs.join(', ')} of waiver ${
          waiver.id
        }: ${error}`,
      );
    }
  }
}
