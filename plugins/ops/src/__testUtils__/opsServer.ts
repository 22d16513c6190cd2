import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BUILT_IN_SCORECARDS,
  BUILT_IN_CHECKS,
  CampaignTally,
  campaignEntityState,
  describeCheck,
  inCampaignScope,
  type Campaign,
  type CampaignInput,
  type ComplianceRow,
  type EntityFact,
  type StoredSignOff,
  type StoredWaiver,
} from '@opskit/plugin-ops-common';
import { BASE_URL, complianceRows, entityResponse } from './fixtures';
import { specViolation } from './specResponses';

/**
 * A stand-in for ops-backend over HTTP (msw): real requests from the real
 * OpsClient, answers built with ops-common. It records what it was asked.
 */
/** Error bodies as Backstage backends write them (what ResponseError parses). */
function errorBody(status: number, name: string, message: string) {
  return { error: { name, message }, response: { statusCode: status } };
}

export function createOpsServer(
  options: {
    entities?: Entity[];
    rows?: ComplianceRow[];
    stale?: string;
    live?: Record<string, EntityFact[]>;
    /** Budget samples per entity ref, as GET …/budgets/history answers them. */
    budgetHistory?: Record<
      string,
      {
        environment: string;
        slo: string;
        points: { day: string; remaining: number }[];
      }[]
    >;
  } = {},
) {
  const requests: URL[] = [];
  const signOffs: StoredSignOff[] = [];
  const entities = new Map(
    (options.entities ?? []).map(e => [stringifyEntityRef(e), e]),
  );
  const rows = options.rows ?? complianceRows(60);
  let stale = options.stale;
  let retrying = false;
  let refreshes = 0;
  const waivers: StoredWaiver[] = [];
  const campaigns: Campaign[] = [];
  const checkScorecards = new Map(
    BUILT_IN_CHECKS.map(c => [c.id, c.scorecard]),
  );
  /** A campaign's progress over the fake's rows, with ops-common's tally as the backend. */
  const progressOf = (campaign: Campaign, keep = 25) => {
    const tally = new CampaignTally(keep);
    for (const row of rows)
      if (inCampaignScope(campaign.scope, row))
        tally.add(
          campaignEntityState(campaign, row, new Set(), checkScorecards),
        );
    return tally;
  };
  /** Answers that are not what the spec documents: each fails the test that got it. */
  const violations: string[] = [];
  const answer = (
    route: string,
    method: string,
    body: unknown,
    status = 200,
  ) => {
    const violation = specViolation(route, method, status, body);
    if (violation) violations.push(violation);
    return HttpResponse.json(body as any, { status });
  };
  const refOf = (params: Record<string, unknown>) =>
    `${params.kind}:${params.namespace}/${params.name}`.toLowerCase();
  afterEach(() => {
    const found = violations.splice(0);
    if (found.length)
      throw new Error(
        `the fake ops backend answered off-spec:\n${found.join('\n')}`,
      );
  });

  const server = setupServer(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      requests.push(new URL(request.url));
      return undefined;
    }),
    http.get(`${BASE_URL}/checks`, () =>
      answer('/checks', 'get', {
        scorecards: BUILT_IN_SCORECARDS,
        checks: BUILT_IN_CHECKS.map(describeCheck),
        warnCredit: 0.5,
      }),
    ),
    http.get(`${BASE_URL}/entities/:kind/:namespace/:name`, ({ params }) => {
      const ref = refOf(params);
      const route = '/entities/{kind}/{namespace}/{name}';
      const entity = entities.get(ref);
      if (!entity)
        return answer(
          route,
          'get',
          errorBody(404, 'NotFoundError', `No entity ${ref}`),
          404,
        );
      return answer(route, 'get', {
        ...entityResponse(entity, {
          signOffs: signOffs.filter(s => s.entityRef === ref),
          live: options.live?.[ref],
        }),
        // As the API: active waivers and pending requests.
        waivers: waivers.filter(
          w => w.entityRef === ref && (w.active || w.status === 'pending'),
        ),
      });
    }),
    http.post(
      `${BASE_URL}/entities/:kind/:namespace/:name/signoffs`,
      async ({ params, request }) => {
        const body = (await request.json()) as {
          itemId: string;
          version?: string;
          environment?: string;
        };
        const signOff: StoredSignOff = {
          id: signOffs.length + 1,
          entityRef: refOf(params),
          by: 'user:default/guest',
          at: new Date().toISOString(),
          ...body,
        };
        signOffs.push(signOff);
        return answer(
          '/entities/{kind}/{namespace}/{name}/signoffs',
          'post',
          signOff,
          201,
        );
      },
    ),
    // Requests, as an approver-less caller gets them: pending.
    http.post(
      `${BASE_URL}/entities/:kind/:namespace/:name/waivers`,
      async ({ params, request }) => {
        const body = (await request.json()) as {
          checkId: string;
          reason: string;
          expiresAt: string;
        };
        const waiver: StoredWaiver = {
          id: `6f1c1b7e-0000-4000-8000-${String(waivers.length + 1).padStart(
            12,
            '0',
          )}`,
          entityRef: refOf(params),
          by: 'user:default/guest',
          createdAt: new Date().toISOString(),
          status: 'pending',
          active: false,
          ...body,
        };
        waivers.push(waiver);
        return answer(
          '/entities/{kind}/{namespace}/{name}/waivers',
          'post',
          waiver,
          201,
        );
      },
    ),
    http.get(`${BASE_URL}/waivers`, ({ request }) => {
      const status =
        new URL(request.url).searchParams.get('status') ?? 'pending';
      return answer('/waivers', 'get', {
        items: waivers.filter(w => w.status === status),
      });
    }),
    http.post(
      `${BASE_URL}/waivers/:id/decision`,
      async ({ params, request }) => {
        const waiver = waivers.find(w => w.id === params.id);
        const route = '/waivers/{id}/decision';
        if (!waiver)
          return answer(
            route,
            'post',
            errorBody(404, 'NotFoundError', `no waiver ${params.id}`),
            404,
          );
        const body = (await request.json()) as {
          decision: 'approve' | 'deny';
          comment: string;
        };
        Object.assign(waiver, {
          status: body.decision === 'approve' ? 'approved' : 'denied',
          active: body.decision === 'approve',
          decidedBy: 'user:default/guest',
          decidedAt: new Date().toISOString(),
          decisionComment: body.comment,
        });
        return answer(route, 'post', waiver);
      },
    ),
    http.delete(`${BASE_URL}/waivers/:id`, ({ params }) => {
      const waiver = waivers.find(w => w.id === params.id);
      if (!waiver)
        return answer(
          '/waivers/{id}',
          'delete',
          errorBody(404, 'NotFoundError', `no waiver ${params.id}`),
          404,
        );
      if (!waiver.revokedAt)
        Object.assign(waiver, {
          active: false,
          status: 'revoked',
          revokedAt: new Date().toISOString(),
          revokedBy: 'user:default/guest',
        });
      return answer('/waivers/{id}', 'delete', waiver);
    }),
    http.get(`${BASE_URL}/compliance`, ({ request }) => {
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      // The fake's cursors are offsets; anything else starts at the top, as a bad cursor would be refused.
      const cursor = Number(url.searchParams.get('cursor') ?? 0);
      const offset = Number.isInteger(cursor) && cursor > 0 ? cursor : 0;
      const matching = rows.filter(matches(url.searchParams));
      const items = matching.slice(offset, offset + limit);
      return answer('/compliance', 'get', {
        evaluation: {
          id: 1,
          status: 'succeeded',
          trigger: 'schedule',
          startedAt: '2026-11-27T11:00:00Z',
          finishedAt: '2026-11-27T11:00:05Z',
          entityCount: rows.length,
          averageScore: 50.5,
          levelCounts: { gold: 15, silver: 15, bronze: 15, none: 15 },
          failingCounts: {},
          revision: 3,
          rescoredAt: '2026-11-27T11:20:00Z',
        },
        items,
        totalItems: matching.length,
        offset,
        ...(offset + limit < matching.length
          ? { nextCursor: String(offset + limit) }
          : {}),
        stale: Boolean(stale),
        ...(stale ? { reason: stale } : {}),
        ...(retrying ? { retrying } : {}),
      });
    }),
    // A group's roll-up over the rows it owns (the fake has no child groups).
    http.get(
      `${BASE_URL}/rollups/:kind/:namespace/:name`,
      ({ params, request }) => {
        const ref = `${params.kind}:${params.namespace}/${params.name}`;
        const limit = Number(
          new URL(request.url).searchParams.get('limit') ?? 5,
        );
        const owned = rows
          .filter(r => r.owner === ref || r.system === ref)
          .sort((a, b) => (a.score ?? 0) - (b.score ?? 0));
        const failingCounts: Record<string, number> = {};
        for (const row of owned)
          for (const id of row.failingChecks)
            failingCounts[id] = (failingCounts[id] ?? 0) + 1;
        const levelCounts = { gold: 0, silver: 0, bronze: 0, none: 0 };
        for (const row of owned) levelCounts[row.level]++;
        return answer('/rollups/{kind}/{namespace}/{name}', 'get', {
          entityRef: ref,
          members: [ref],
          entityCount: owned.length,
          averageScore: owned.length
            ? Math.round(
                (owned.reduce((n, r) => n + (r.score ?? 0), 0) / owned.length) *
                  10,
              ) / 10
            : null,
          levelCounts,
          failingCounts,
          worst: owned.slice(0, limit),
        });
      },
    ),
    http.get(`${BASE_URL}/compliance/summary`, () =>
      answer('/compliance/summary', 'get', {
        entityCount: rows.length,
        averageScore: 50.5,
        levelCounts: { gold: 15, silver: 15, bronze: 15, none: 15 },
        failingCounts: {},
        owners: [
          {
            owner: 'group:default/team-1',
            entityCount: 9,
            averageScore: 40,
            levelCounts: { gold: 1, silver: 2, bronze: 3, none: 3 },
          },
        ],
        lastRun: null,
        stale: Boolean(stale),
        ...(stale ? { reason: stale } : {}),
        ...(retrying ? { retrying } : {}),
      }),
    ),
    http.get(`${BASE_URL}/compliance/trend`, () =>
      answer('/compliance/trend', 'get', {
        owner: null,
        points: [
          {
            evaluationId: 1,
            at: '2026-11-25T00:00:00Z',
            entityCount: 60,
            averageScore: 41,
            levelCounts: { none: 15, bronze: 15, silver: 15, gold: 15 },
          },
          {
            evaluationId: 2,
            at: '2026-11-26T00:00:00Z',
            entityCount: 60,
            averageScore: 50.5,
            levelCounts: { none: 15, bronze: 15, silver: 15, gold: 15 },
          },
        ],
      }),
    ),
    http.get(`${BASE_URL}/compliance/export`, ({ request }) => {
      const format = new URL(request.url).searchParams.get('format');
      return format === 'csv'
        ? new HttpResponse('entityRef,score\n', {
            headers: { 'Content-Type': 'text/csv' },
          })
        : answer('/compliance/export', 'get', {
            evaluation: null,
            items: rows.filter(matches(new URL(request.url).searchParams)),
          });
    }),
    http.get(`${BASE_URL}/campaigns`, ({ request }) => {
      const state = new URL(request.url).searchParams.get('state');
      return answer('/campaigns', 'get', {
        items: campaigns
          .filter(c => (state ? c.state === state : c.state !== 'archived'))
          .map(campaign => ({
            campaign,
            progress: progressOf(campaign).total,
          })),
      });
    }),
    http.post(`${BASE_URL}/campaigns`, async ({ request }) => {
      const body = (await request.json()) as CampaignInput;
      const at = new Date().toISOString();
      const campaign: Campaign = {
        ...body,
        state: body.state ?? 'draft',
        id: `0c1a2b3c-0000-4000-8000-${String(campaigns.length + 1).padStart(
          12,
          '0',
        )}`,
        createdBy: 'user:default/guest',
        createdAt: at,
        updatedAt: at,
      };
      campaigns.push(campaign);
      return answer('/campaigns', 'post', campaign, 201);
    }),
    http.get(`${BASE_URL}/campaigns/:id`, ({ params, request }) => {
      const campaign = campaigns.find(c => c.id === params.id);
      const route = '/campaigns/{id}';
      if (!campaign)
        return answer(
          route,
          'get',
          errorBody(404, 'NotFoundError', `no campaign ${params.id}`),
          404,
        );
      const limit = Number(
        new URL(request.url).searchParams.get('limit') ?? 25,
      );
      const tally = progressOf(campaign, limit);
      return answer(route, 'get', {
        campaign,
        progress: tally.total,
        evaluatedAt: '2026-11-27T11:00:05Z',
        owners: tally.ownerProgress(),
        // Two evaluations: a quarter reached on the first, the count now on the second.
        points: [
          {
            evaluatedAt: '2026-11-20T11:00:05Z',
            ...tally.total,
            done: Math.floor(tally.total.done / 4),
            notDone: tally.total.inScope - Math.floor(tally.total.done / 4),
          },
          { evaluatedAt: '2026-11-27T11:00:05Z', ...tally.total },
        ],
        remaining: tally.remaining(),
        remainingCount: tally.total.notDone,
      });
    }),
    http.put(`${BASE_URL}/campaigns/:id`, async ({ params, request }) => {
      const campaign = campaigns.find(c => c.id === params.id);
      const route = '/campaigns/{id}';
      if (!campaign)
        return answer(
          route,
          'put',
          errorBody(404, 'NotFoundError', `no campaign ${params.id}`),
          404,
        );
      const body = (await request.json()) as CampaignInput;
      // As the API, a replacement: fields left out are gone.
      for (const key of ['description'] as const) delete campaign[key];
      Object.assign(campaign, body, {
        state: body.state ?? campaign.state,
        updatedBy: 'user:default/guest',
        updatedAt: new Date().toISOString(),
      });
      return answer(route, 'put', campaign);
    }),
    http.get(
      `${BASE_URL}/entities/:kind/:namespace/:name/campaigns`,
      ({ params }) => {
        const ref = refOf(params);
        const row = rows.find(r => r.entityRef === ref);
        return answer('/entities/{kind}/{namespace}/{name}/campaigns', 'get', {
          items: row
            ? campaigns
                .filter(
                  c => c.state === 'active' && inCampaignScope(c.scope, row),
                )
                .map(campaign => ({
                  campaign,
                  entity: campaignEntityState(
                    campaign,
                    row,
                    new Set(),
                    checkScorecards,
                  ),
                }))
            : [],
        });
      },
    ),
    http.get(
      `${BASE_URL}/entities/:kind/:namespace/:name/budgets/history`,
      ({ params, request }) => {
        const days = Number(
          new URL(request.url).searchParams.get('days') ?? 28,
        );
        const since = new Date(Date.now() - (days - 1) * 86_400_000)
          .toISOString()
          .slice(0, 10);
        const ref = refOf(params);
        return answer(
          '/entities/{kind}/{namespace}/{name}/budgets/history',
          'get',
          {
            entityRef: ref,
            since,
            series: (options.budgetHistory?.[ref] ?? [])
              .map(series => ({
                ...series,
                points: series.points.filter(p => p.day >= since),
              }))
              .filter(series => series.points.length > 0),
          },
        );
      },
    ),
    http.post(`${BASE_URL}/refresh`, () => {
      refreshes++;
      return refreshes > 1
        ? answer(
            '/refresh',
            'post',
            errorBody(409, 'ConflictError', 'an evaluation is already running'),
            409,
          )
        : answer('/refresh', 'post', { status: 'started' }, 202);
    }),
  );
  return {
    server,
    requests,
    signOffs,
    /** Waivers the fake holds (the entity answer lists the active ones). */
    waivers,
    /** Campaigns the fake holds; their progress is computed over the rows. */
    campaigns,
    /** What the next answers say about staleness. */
    setStale(reason: string | undefined, flags?: { retrying?: boolean }) {
      stale = reason;
      retrying = flags?.retrying ?? false;
    },
  };
}

/** The list filters the real API applies, over the fake's rows (repeated or comma-separated values). */
function matches(params: URLSearchParams) {
  const values = (key: string) =>
    params
      .getAll(key)
      .flatMap(v => v.split(','))
      .filter(Boolean)
      .map(v => v.toLowerCase());
  const owner = values('owner');
  // The fake's groups have no children: a group's tree is the group.
  const group = values('group');
  const kind = values('kind');
  const tier = values('tier');
  const level = values('level');
  const failing = values('failingCheck');
  const text = params.get('q')?.toLowerCase();
  const budgetBelow = params.has('budgetBelow')
    ? Number(params.get('budgetBelow')) / 100
    : undefined;
  return (r: ComplianceRow) =>
    (budgetBelow === undefined ||
      (typeof r.budget?.remaining === 'number' &&
        r.budget.remaining < budgetBelow)) &&
    (!owner.length || owner.includes((r.owner ?? '').toLowerCase())) &&
    (!group.length || group.includes((r.owner ?? '').toLowerCase())) &&
    (!kind.length || kind.includes(r.kind.toLowerCase())) &&
    (!tier.length || tier.includes(r.tier)) &&
    (!level.length || level.includes(r.level)) &&
    (!failing.length || failing.some(c => r.failingChecks.includes(c))) &&
    (!text ||
      r.entityRef.includes(text) ||
      (r.title ?? '').toLowerCase().includes(text));
}
