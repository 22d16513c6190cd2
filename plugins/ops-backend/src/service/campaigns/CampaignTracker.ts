import type { LoggerService } from '@backstage/backend-plugin-api';
import {
  dayStart,
  deadlineEnd,
  type Campaign,
  type CampaignEntity,
  type EvaluationRun,
} from '@opskit/plugin-ops-common';
import type { OpsStore } from '../../database/OpsStore';
import type { CampaignNotifier } from '../notifications/CampaignNotifier';
import type { CampaignProgress } from './CampaignProgress';

/** The states the campaign list shows unless asked for archived ones. */
export const LISTED_STATES = ['draft', 'active', 'completed'] as const;

/** Every entity left is named to its owner; more than this many per campaign is cut. */
const NOTICE_ENTITIES = 100_000;

/**
 * What happens to active campaigns as evaluations complete: their counts
 * are kept (the burn-up chart), owners are told at the start and reminded
 * `reminderLeadMs` before the deadline, and at the deadline the campaign is
 * completed and its owner gets the summary. Each notice is claimed in the
 * store per recipient before it is sent, so replicas never send one twice.
 */
export class CampaignTracker {
  constructor(
    private readonly options: {
      store: OpsStore;
      progress: CampaignProgress;
      logger: LoggerService;
      reminderLeadMs: number;
      notifier?: CampaignNotifier;
      now?: () => number;
    },
  ) {}

  /** After a successful run: counts and notices for every active campaign. A problem is logged, never thrown. */
  async afterEvaluation(run: EvaluationRun): Promise<void> {
    try {
      const active = await this.options.store.campaigns.list(['active']);
      await this.track(active, run);
      // The list's drafts and completed campaigns too, in one more pass: its first reader after a run gets them kept.
      await this.options.progress.measure(
        await this.options.store.campaigns.list([...LISTED_STATES]),
        {},
        0,
      );
    } catch (error) {
      this.options.logger.warn(
        `ops campaigns after evaluation ${run.id} failed: ${error}`,
      );
    }
  }

  /**
   * Counts (when `run` is given) and notices for these campaigns: also
   * called when a campaign is made active, so its owners hear at once.
   */
  async track(campaigns: Campaign[], run?: EvaluationRun): Promise<void> {
    const { store, progress } = this.options;
    if (campaigns.length === 0) return;
    const measures = await progress.measure(campaigns, {}, NOTICE_ENTITIES);
    const now = this.options.now?.() ?? Date.now();
    for (const [i, campaign] of campaigns.entries()) {
      const measure = measures[i];
      if (run && measure.evaluationId === run.id)
        await store.campaigns.recordPoint(
          campaign.id,
          run.id,
          new Date(run.finishedAt ?? now),
          measure.counts,
        );
      if (now >= deadlineEnd(campaign.deadline)) {
        // One replica completes it; that one sends the summary.
        const completed = await store.campaigns.transition(
          campaign.id,
          'active',
          'completed',
        );
        if (
          completed &&
          this.options.notifier &&
          (await this.claim(campaign, 'deadline', campaign.owner))
        )
          await this.options.notifier.summary(campaign, measure.counts);
        continue;
      }
      if (now < dayStart(campaign.startsOn)) continue;
      const byOwner = new Map<string, CampaignEntity[]>();
      for (const entity of measure.remaining) {
        if (!entity.owner) continue;
        const list = byOwner.get(entity.owner) ?? [];
        list.push(entity);
        byOwner.set(entity.owner, list);
      }
      const remind =
        now >= deadlineEnd(campaign.deadline) - this.options.reminderLeadMs;
      for (const [owner, entities] of byOwner) {
        if (!this.options.notifier) break;
        // Inside the reminder window the reminder says it all: one message, both notices claimed.
        const started = await this.claim(campaign, 'start', owner);
        const reminded =
          remind && (await this.claim(campaign, 'reminder', owner));
        if (reminded || started)
          await this.options.notifier.ask(
            campaign,
            reminded ? 'reminder' : 'start',
            owner,
            entities,
          );
      }
    }
  }

  /** True the first time a notice is claimed for a campaign and recipient, on any replica. */
  private claim(
    campaign: Campaign,
    notice: 'start' | 'reminder' | 'deadline',
    recipient: string,
  ) {
    return this.options.store.campaigns.claimNotice(
      campaign.id,
      notice,
      recipient,
    );
  }
}
