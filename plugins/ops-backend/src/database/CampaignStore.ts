import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import type {
  Campaign,
  CampaignCounts,
  CampaignInput,
  OpsApiSchemas,
} from '@opskit/plugin-ops-common';
import { parseJson } from './parseJson';

/** @public */
export type CampaignPoint = OpsApiSchemas['CampaignPoint'];
/** @public */
export type CampaignState = OpsApiSchemas['CampaignState'];
/** @public */
export type CampaignNotice = 'start' | 'reminder' | 'deadline';

/**
 * Campaigns, their progress per evaluation and the notices sent.
 *
 * @public
 */
export interface CampaignStore {
  create(campaign: CampaignInput, by: string): Promise<Campaign>;
  /** Replaces the fields; undefined when there is no such campaign. */
  update(
    id: string,
    campaign: CampaignInput,
    by: string,
  ): Promise<Campaign | undefined>;
  get(id: string): Promise<Campaign | undefined>;
  /** Newest deadline last; every state unless some are named. */
  list(states?: CampaignState[]): Promise<Campaign[]>;
  /** Moves a campaign from one state to another; false when it was no longer in `from` (another replica moved it). */
  transition(
    id: string,
    from: CampaignState,
    to: CampaignState,
  ): Promise<boolean>;
  /** Keeps the counts after an evaluation; a second write for the same evaluation changes nothing. */
  recordPoint(
    id: string,
    evaluationId: number,
    evaluatedAt: Date,
    counts: CampaignCounts,
  ): Promise<void>;
  points(id: string): Promise<CampaignPoint[]>;
  /**
   * Claims a notice for a recipient: true the first time, false ever after,
   * across replicas (the primary key decides).
   */
  claimNotice(
    id: string,
    notice: CampaignNotice,
    recipient: string,
  ): Promise<boolean>;
}

function toCampaign(row: any): Campaign {
  return {
    id: row.id,
    title: row.title,
    ...(row.description ? { description: row.description } : {}),
    owner: row.owner,
    target: parseJson(row.target, {}),
    scope: parseJson(row.scope, {}),
    startsOn: row.starts_on,
    deadline: row.deadline,
    state: row.state,
    createdBy: row.created_by,
    createdAt: new Date(row.created_at).toISOString(),
    ...(row.updated_by ? { updatedBy: row.updated_by } : {}),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function columns(campaign: CampaignInput) {
  return {
    title: campaign.title,
    description: campaign.description ?? null,
    owner: campaign.owner,
    target: JSON.stringify(campaign.target),
    scope: JSON.stringify(campaign.scope),
    starts_on: campaign.startsOn,
    deadline: campaign.deadline,
    state: campaign.state ?? 'draft',
  };
}

/** The CampaignStore on the plugin's database. */
export class DatabaseCampaignStore implements CampaignStore {
  constructor(private readonly db: Knex) {}

  async create(campaign: CampaignInput, by: string): Promise<Campaign> {
    const now = new Date();
    const row = {
      id: randomUUID(),
      ...columns(campaign),
      created_by: by,
      created_at: now,
      updated_by: null,
      updated_at: now,
    };
    await this.db('ops_campaigns').insert(row);
    return toCampaign(row);
  }

  async update(
    id: string,
    campaign: CampaignInput,
    by: string,
  ): Promise<Campaign | undefined> {
    const changed = await this.db('ops_campaigns')
      .where('id', id)
      .update({ ...columns(campaign), updated_by: by, updated_at: new Date() });
    return changed ? this.get(id) : undefined;
  }

  async get(id: string): Promise<Campaign | undefined> {
    const row = await this.db('ops_campaigns').where('id', id).first();
    return row ? toCampaign(row) : undefined;
  }

  async list(states?: CampaignState[]): Promise<Campaign[]> {
    const q = this.db('ops_campaigns').orderBy([
      { column: 'deadline', order: 'asc' },
      { column: 'created_at', order: 'asc' },
    ]);
    if (states) q.whereIn('state', states);
    return (await q).map(toCampaign);
  }

  async transition(
    id: string,
    from: CampaignState,
    to: CampaignState,
  ): Promise<boolean> {
    const changed = await this.db('ops_campaigns')
      .where({ id, state: from })
      .update({ state: to, updated_at: new Date() });
    return changed > 0;
  }

  async recordPoint(
    id: string,
    evaluationId: number,
    evaluatedAt: Date,
    counts: CampaignCounts,
  ): Promise<void> {
    await this.db('ops_campaign_points')
      .insert({
        campaign_id: id,
        evaluation_id: evaluationId,
        evaluated_at: evaluatedAt,
        in_scope: counts.inScope,
        done: counts.done,
        waived: counts.waived,
        not_done: counts.notDone,
      })
      .onConflict(['campaign_id', 'evaluation_id'])
      .ignore();
  }

  async points(id: string): Promise<CampaignPoint[]> {
    const rows = await this.db('ops_campaign_points')
      .where('campaign_id', id)
      .orderBy('evaluated_at', 'asc');
    return rows.map(row => ({
      evaluatedAt: new Date(row.evaluated_at).toISOString(),
      inScope: row.in_scope,
      done: row.done,
      waived: row.waived,
      notDone: row.not_done,
    }));
  }

  async claimNotice(
    id: string,
    notice: CampaignNotice,
    recipient: string,
  ): Promise<boolean> {
    const inserted = await this.db('ops_campaign_notices')
      .insert({
        campaign_id: id,
        notice,
        recipient,
        sent_at: new Date(),
      })
      .onConflict(['campaign_id', 'notice', 'recipient'])
      .ignore()
      .returning('campaign_id');
    return inserted.length > 0;
  }
}
