import {
  CampaignTally,
  campaignEntityState,
  campaignFilter,
  inCampaignScope,
  type Campaign,
  type CampaignCounts,
  type CampaignEntity,
  type CampaignOwnerProgress,
  type ComplianceRow,
} from '@opskit/plugin-ops-common';
import { LruCache } from '../../database/LruCache';
import type { OpsStore } from '../../database/OpsStore';
import type { OpsCheckSet } from '../checkSet';
import { withinScope, type EntityScope } from '../entityReadScope';

/** A campaign's standing in the latest stored evaluation. */
export interface CampaignMeasure {
  counts: CampaignCounts;
  owners: CampaignOwnerProgress[];
  /** The entities not done, closest to done first (at most the `keep` asked). */
  remaining: CampaignEntity[];
  evaluationId?: number;
  evaluatedAt?: string;
}

/**
 * Measures campaigns against the latest stored evaluation: one pass over the
 * stored rows for any number of campaigns, with the approved waivers in
 * force. Results are kept per evaluation, campaign version and reader scope,
 * so a page that polls does not re-read the catalog's rows.
 */
export class CampaignProgress {
  private readonly cache = new LruCache<Promise<CampaignMeasure[]>>(64);
  private readonly checkScorecards: ReadonlyMap<string, string>;

  constructor(private readonly store: OpsStore, checks: OpsCheckSet) {
    this.checkScorecards = new Map(
      checks.checks.map(check => [check.id, check.scorecard]),
    );
  }

  /** Each campaign's measure, in order; `scope` is what the reader may see (`{}` for all). */
  async measure(
    campaigns: Campaign[],
    scope: EntityScope,
    keep: number,
  ): Promise<CampaignMeasure[]> {
    if (campaigns.length === 0) return [];
    const latest = await this.store.latestEvaluation();
    const key = JSON.stringify([
      latest?.id ?? null,
      scope,
      keep,
      campaigns.map(c => [c.id, c.updatedAt]),
    ]);
    return this.cache.get(key, () =>
      this.compute(campaigns, scope, keep, latest?.id, latest?.finishedAt),
    );
  }

  /** Where one entity's row stands on a campaign's target. */
  entityState(
    campaign: Campaign,
    row: ComplianceRow,
    waivedChecks: ReadonlySet<string>,
  ): CampaignEntity {
    return campaignEntityState(
      campaign,
      row,
      waivedChecks,
      this.checkScorecards,
    );
  }

  private async compute(
    campaigns: Campaign[],
    scope: EntityScope,
    keep: number,
    evaluationId: number | undefined,
    evaluatedAt: string | undefined,
  ): Promise<CampaignMeasure[]> {
    const tallies = campaigns.map(() => new CampaignTally(keep));
    if (evaluationId !== undefined) {
      // One campaign: let the store apply its filters; several: one pass over what the reader may see.
      const filter = withinScope(
        campaigns.length === 1 ? campaignFilter(campaigns[0].scope) : {},
        scope,
      );
      const waivers = await this.store.activeWaivers();
      const none = new Set<string>();
      for await (const row of this.store.streamCompliance(filter, {
        field: 'entityRef',
        order: 'asc',
      })) {
        const waived = waivers.get(row.entityRef);
        const waivedChecks = waived
          ? new Set(waived.map(w => w.checkId))
          : none;
        campaigns.forEach((campaign, i) => {
          if (inCampaignScope(campaign.scope, row))
            tallies[i].add(this.entityState(campaign, row, waivedChecks));
        });
      }
    }
    return tallies.map(tally => ({
      counts: tally.total,
      owners: tally.ownerProgress(),
      remaining: tally.remaining(),
      ...(evaluationId !== undefined ? { evaluationId } : {}),
      ...(evaluatedAt ? { evaluatedAt } : {}),
    }));
  }
}
