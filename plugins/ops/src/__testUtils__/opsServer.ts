import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  BUILT_IN_SCORECARDS,
  BUILT_IN_CHECKS,
  describeCheck,
  type ComplianceRow,
  type EntityFact,
  type StoredSignOff,
} from '@opskit/plugin-ops-common';
import { BASE_URL, complianceRows, entityResponse } from './fixtures';

/**
 * A stand-in for ops-backend over HTTP (msw): real requests from the real
 * OpsClient, answers built with ops-common. It records what it was asked.
 */
/** Error bodies as Backstage backends write them (what ResponseError parses). */
function errorResponse(status: number, name: string, message: string) {
  return HttpResponse.json(
    { error: { name, message }, response: { statusCode: status } },
    { status },
  );
}

export function createOpsServer(
  options: {
    entities?: Entity[];
    rows?: ComplianceRow[];
    stale?: string;
    live?: Record<string, EntityFact[]>;
  } = {},
) {
  const requests: URL[] = [];
  const signOffs: StoredSignOff[] = [];
  const entities = new Map(
    (options.entities ?? []).map(e => [stringifyEntityRef(e), e]),
  );
  const rows = options.rows ?? complianceRows(60);
  let stale = options.stale;
  let refreshes = 0;

  const server = setupServer(
    http.all(`${BASE_URL}/*`, ({ request }) => {
      requests.push(new URL(request.url));
      return undefined;
    }),
    http.get(`${BASE_URL}/checks`, () =>
      HttpResponse.json({
        scorecards: BUILT_IN_SCORECARDS,
        checks: BUILT_IN_CHECKS.map(describeCheck),
        warnCredit: 0.5,
      }),
    ),
    http.get(`${BASE_URL}/entities/:kind/:namespace/:name`, ({ params }) => {
      const ref =
        `${params.kind}:${params.namespace}/${params.name}`.toLowerCase();
      const entity = entities.get(ref);
      if (!entity)
        return errorResponse(404, 'NotFoundError', `No entity ${ref}`);
      return HttpResponse.json(
        entityResponse(entity, {
          signOffs: signOffs.filter(s => s.entityRef === ref),
          live: options.live?.[ref],
        }),
      );
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
          entityRef:
            `${params.kind}:${params.namespace}/${params.name}`.toLowerCase(),
          by: 'user:default/guest',
          at: new Date().toISOString(),
          ...body,
        };
        signOffs.push(signOff);
        return HttpResponse.json(signOff, { status: 201 });
      },
    ),
    http.get(`${BASE_URL}/compliance`, ({ request }) => {
      const url = new URL(request.url);
      const limit = Number(url.searchParams.get('limit') ?? 25);
      const offset = Number(url.searchParams.get('cursor') ?? 0);
      const owner = url.searchParams.getAll('owner');
      const matching = rows.filter(
        r => !owner.length || owner.includes(r.owner ?? ''),
      );
      const items = matching.slice(offset, offset + limit);
      return HttpResponse.json({
        evaluation: {
          id: 1,
          status: 'succeeded',
          startedAt: '2026-11-27T11:00:00Z',
          finishedAt: '2026-11-27T11:00:05Z',
        },
        items,
        totalItems: matching.length,
        offset,
        nextCursor:
          offset + limit < matching.length ? String(offset + limit) : undefined,
        stale: Boolean(stale),
        reason: stale,
      });
    }),
    http.get(`${BASE_URL}/compliance/summary`, () =>
      HttpResponse.json({
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
        reason: stale,
      }),
    ),
    http.get(`${BASE_URL}/compliance/trend`, () =>
      HttpResponse.json({
        owner: null,
        points: [
          {
            evaluationId: 1,
            at: '2026-11-25T00:00:00Z',
            entityCount: 60,
            averageScore: 41,
            levelCounts: {},
          },
          {
            evaluationId: 2,
            at: '2026-11-26T00:00:00Z',
            entityCount: 60,
            averageScore: 50.5,
            levelCounts: {},
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
        : HttpResponse.json(rows);
    }),
    http.post(`${BASE_URL}/refresh`, () => {
      refreshes++;
      return refreshes > 1
        ? errorResponse(409, 'ConflictError', 'running')
        : HttpResponse.json({ status: 'started' }, { status: 202 });
    }),
  );
  return {
    server,
    requests,
    signOffs,
    /** What the next answers say about staleness. */
    setStale(reason: string | undefined) {
      stale = reason;
    },
  };
}
