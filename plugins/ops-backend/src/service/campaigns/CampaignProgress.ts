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
  /** Per campaign version, evaluation and reader scope: how many entities left it keeps, and the measure. */
  private readonly cache = new LruCache<{
    keep: number;
    measure: Promise<CampaignMeasure>;
  }>(1024);
  private readonly checkScorecards: ReadonlyMap<string, string>;

  constructor(private readonly store: OpsStore, checks: OpsCheckSet) {
    this.checkScorecards = new Map(
      checks.checks.map(check => [check.id, check.scorecard]),
    );
  }

  /**
   * Each campaign's measure, in order; `scope` is what the reader may see
   * (`{}` for all). Measures are kept per campaign, so the tracker's pass
   * after an evaluation also serves the list and the campaign pages; a
   * kept measure serves any request for as many entities left or fewer.
   * The campaigns not kept are measured together in one pass.
   */
  async measure(
    campaigns: Campaign[],
    scope: EntityScope,
    keep: number,
  ): Promise<CampaignMeasure[]> {
    if (campaigns.length === 0) return [];
    const latest = await this.store.latestEvaluation();
    const keyOf = (campaign: Campaign) =>
      JSON.stringify([
        latest?.id ?? null,
        scope,
        campaign.id,
        campaign.updatedAt,
      ]);
    // Decided and claimed without awaiting in between, so concurrent readers share one pass.
    const found = campaigns.map(campaign => {
      const entry = this.cache.peek(keyOf(campaign));
      return entry && entry.keep >= keep ? entry.measure : undefined;
    });
    const missing = campaigns.filter((_, i) => !found[i]);
    if (missing.length) {
      const pass = this.compute(
        missing,
        scope,
        keep,
        latest?.id,
        latest?.finishedAt,
      );
      missing.forEach((campaign, i) => {
        const measure = pass.then(measures => measures[i]);
        // A failed pass is not kept: the next reader tries again.
        measure.catch(() => {
          if (this.cache.peek(keyOf(campaign))?.measure === measure)
            this.cache.delete(keyOf(campaign));
        });
        this.cache.set(keyOf(campaign), { keep, measure });
      });
      let next = 0;
      campaigns.forEach((_, i) => {
        if (!found[i]) {
          const at = next++;
          found[i] = pass.then(measures => measures[at]);
        }
      });
    }
    const measures = await Promise.all(found);
    return measures.map(measure => ({
      ...measure!,
      remaining: measure!.remaining.slice(0, keep),
    }));
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
