import type { LoggerService } from '@backstage/backend-plugin-api';
import type { NotificationService } from '@backstage/plugin-notifications-node';
import type {
  Campaign,
  CampaignCounts,
  CampaignEntity,
} from '@opskit/plugin-ops-common';
import { opsTabLink } from './opsTabLink';

/** The app path of a campaign's page on the compliance page. */
export function campaignLink(campaign: Pick<Campaign, 'id'>): string {
  return `/ops?tab=campaigns&campaign=${encodeURIComponent(campaign.id)}`;
}

/** At most this many entities are named in one message; the campaign page lists them all. */
const NAMED = 10;

/** Tells owners what a campaign asks of them, and its owner how it ended. */
export interface CampaignNotifier {
  /** The campaign started (or a reminder): one owner, their entities not done. */
  ask(
    campaign: Campaign,
    notice: 'start' | 'reminder',
    owner: string,
    entities: CampaignEntity[],
  ): Promise<void>;
  /** The deadline passed: the campaign's owner gets the summary. */
  summary(campaign: Campaign, counts: CampaignCounts): Promise<void>;
}

/**
 * Campaign notices through Backstage's notifications service. Each recipient
 * keeps one notification per campaign (one scope), which the reminder
 * updates. A failing send is logged; the evaluation goes on.
 */
export class NotificationsCampaignNotifier implements CampaignNotifier {
  constructor(
    private readonly notifications: NotificationService,
    private readonly logger: LoggerService,
  ) {}

  ask(
    campaign: Campaign,
    notice: 'start' | 'reminder',
    owner: string,
    entities: CampaignEntity[],
  ) {
    const named = entities
      .slice(0, NAMED)
      .map(e => `${e.entityRef} (${opsTabLink(e.entityRef)})`)
      .join(', ');
    const more =
      entities.length > NAMED ? ` and ${entities.length - NAMED} more` : '';
    return this.send(campaign, owner, {
      title:
        notice === 'start'
          ? `Campaign "${campaign.title}": ${entities.length} of your entities, due ${campaign.deadline}`
          : `Reminder: campaign "${campaign.title}" is due ${campaign.deadline}; ${entities.length} of your entities are not done`,
      description: `${
        campaign.description ? `${campaign.description} ` : ''
      }Not done yet: ${named}${more}.`,
      severity: notice === 'reminder' ? 'high' : 'normal',
    });
  }

  summary(campaign: Campaign, counts: CampaignCounts) {
    const reached = counts.done + counts.waived;
    return this.send(campaign, campaign.owner, {
      title: `Campaign "${campaign.title}" reached its deadline: ${reached} of ${counts.inScope} done`,
      description: `${counts.done} done, ${counts.waived} with a waiver, ${counts.notDone} not done at the end of ${campaign.deadline}.`,
      severity: 'normal',
    });
  }

  private async send(
    campaign: Campaign,
    recipient: string,
    payload: {
      title: string;
      description: string;
      severity: 'normal' | 'high';
    },
  ) {
    try {
      await this.notifications.send({
        recipients: { type: 'entity', entityRef: [recipient] },
        payload: {
          ...payload,
          link: campaignLink(campaign),
          topic: 'ops-campaign',
          scope: `ops:campaign:${campaign.id}`,
        },
      });
    } catch (error) {
      this.logger.warn(
        `could not notify ${recipient} of campaign ${campaign.id}: ${error}`,
      );
    }
  }
}
