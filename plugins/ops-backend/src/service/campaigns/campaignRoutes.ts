import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import type { BasicPermission } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  BUILT_IN_SCORECARDS,
  checkCampaignInput,
  inCampaignScope,
  opsCampaignManagePermission,
  opsEntityReadPermission,
  type Campaign,
  type CampaignInput,
} from '@opskit/plugin-ops-common';
import type { OpsStore } from '../../database/OpsStore';
import type { createOpenApiRouter } from '../../schema/openapi/generated/router';
import { parseLimit } from '../complianceParams';
import type { EntityScope } from '../entityReadScope';
import { principalOf } from '../reviewWrites';
import type { CampaignProgress } from './CampaignProgress';
import { LISTED_STATES, type CampaignTracker } from './CampaignTracker';

type OpsRouter = Awaited<ReturnType<typeof createOpenApiRouter>>;

/** What the campaign routes borrow from the router: its permission checks and auditing. */
export interface CampaignRouteDeps {
  store: OpsStore;
  progress: CampaignProgress;
  tracker: CampaignTracker;
  checkIds: string[];
  allowed(req: any, permission: BasicPermission): Promise<BackstageCredentials>;
  /** The entities `ops.entity.read` shows the caller; also requires `ops.compliance.read`. */
  readScope(req: any): Promise<EntityScope>;
  /** The caller and the entity of the path, with a resource permission on it. */
  allowedOn(
    req: any,
    permission: typeof opsEntityReadPermission,
  ): Promise<{ ref: string }>;
  audited<T>(
    req: any,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
  ): Promise<T>;
  warn(message: string): void;
}

/**
 * Campaign routes: list, create, read with progress, edit, and the campaigns
 * asking one entity. Writes need `ops.campaign.manage` and are audited;
 * reads follow `ops.compliance.read`, counted within what the caller may see.
 */
export function addCampaignRoutes(router: OpsRouter, deps: CampaignRouteDeps) {
  const { store, progress, tracker } = deps;
  const vocabulary = {
    scorecards: BUILT_IN_SCORECARDS.map(s => s.id),
    checks: deps.checkIds,
  };

  const validated = (body: CampaignInput): CampaignInput => {
    const { campaign, issues } = checkCampaignInput(body, vocabulary);
    if (issues.length)
      throw new InputError(
        issues.map(i => `${i.path}: ${i.message}`).join('; '),
      );
    return campaign;
  };

  const existing = async (id: string): Promise<Campaign> => {
    const campaign = await store.campaigns.get(id);
    if (!campaign) throw new NotFoundError(`no campaign ${id}`);
    return campaign;
  };

  /** An active campaign's owners hear at once rather than after the next evaluation. */
  const announce = (campaign: Campaign) => {
    if (campaign.state !== 'active') return;
    tracker
      .track([campaign])
      .catch(error =>
        deps.warn(`ops campaign ${campaign.id} notices failed: ${error}`),
      );
  };

  router.get('/campaigns', async (req, res) => {
    const scope = await deps.readScope(req);
    const states = req.query.state ? [req.query.state] : [...LISTED_STATES];
    const campaigns = await store.campaigns.list(states);
    const measures = await progress.measure(campaigns, scope, 0);
    res.json({
      items: campaigns.map((campaign, i) => ({
        campaign,
        progress: measures[i].counts,
      })),
    });
  });

  router.post('/campaigns', async (req, res) => {
    const credentials = await deps.allowed(req, opsCampaignManagePermission);
    const input = validated(req.body);
    const created = await deps.audited(
      req,
      'campaign-create',
      { title: input.title, state: input.state ?? 'draft' },
      () => store.campaigns.create(input, principalOf(credentials)),
    );
    announce(created);
    res.status(201).json(created);
  });

  router.get('/campaigns/:id', async (req, res) => {
    const scope = await deps.readScope(req);
    const campaign = await existing(req.params.id);
    const limit = parseLimit(req.query.limit, 100, 1000);
    const [measure] = await progress.measure([campaign], scope, limit);
    res.json({
      campaign,
      progress: measure.counts,
      ...(measure.evaluatedAt ? { evaluatedAt: measure.evaluatedAt } : {}),
      owners: measure.owners,
      // Counts over time are catalog-wide; a reader limited to some owners sees their own table, not others'.
      points:
        scope.owner || scope.kind
          ? []
          : await store.campaigns.points(campaign.id),
      remaining: measure.remaining,
      remainingCount: measure.counts.notDone,
    });
  });

  router.put('/campaigns/:id', async (req, res) => {
    const credentials = await deps.allowed(req, opsCampaignManagePermission);
    const before = await existing(req.params.id);
    const input = validated(req.body);
    const updated = await deps.audited(
      req,
      'campaign-update',
      { campaignId: before.id, from: before.state, to: input.state ?? 'draft' },
      async () => {
        const stored = await store.campaigns.update(
          before.id,
          input,
          principalOf(credentials),
        );
        if (!stored) throw new NotFoundError(`no campaign ${before.id}`);
        return stored;
      },
    );
    announce(updated);
    res.json(updated);
  });

  router.get('/entities/:kind/:namespace/:name/campaigns', async (req, res) => {
    const { ref } = await deps.allowedOn(req, opsEntityReadPermission);
    const [row, active, waivers] = await Promise.all([
      store.latestRecord(ref),
      store.campaigns.list(['active']),
      store.listWaivers(ref, { includeInactive: false }),
    ]);
    const waived = new Set(
      waivers.filter(w => w.status === 'approved').map(w => w.checkId),
    );
    res.json({
      items: row
        ? active
            .filter(campaign => inCampaignScope(campaign.scope, row))
            .map(campaign => ({
              campaign,
              entity: progress.entityState(campaign, row, waived),
            }))
        : [],
    });
  });
}
