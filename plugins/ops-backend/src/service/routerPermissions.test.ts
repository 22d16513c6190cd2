import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { mockServices } from '@backstage/backend-test-utils';
import {
  AuthorizeResult,
  type PermissionCriteria,
  type PermissionCondition,
} from '@backstage/plugin-permission-common';
import { opsPermissions, readYaml } from '@opskit/plugin-ops-common';
import request from 'supertest';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const PAYMENTS = '/entities/component/default/payments-api';
const PAYMENTS_REF = 'component:default/payments-api';
const auth = janeAuth;

/**
 * A permission policy as the permission backend applies it: each permission
 * allowed, denied or conditional by name. Every request is recorded with the
 * entity it names.
 */
function policy() {
  const decide = new Map<
    string,
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY
    | PermissionCriteria<PermissionCondition<string>>
  >();
  const asked: Array<{
    name: string;
    resourceRef?: string;
    conditional?: boolean;
  }> = [];
  const result = (name: string) => {
    const d = decide.get(name) ?? AuthorizeResult.ALLOW;
    return typeof d === 'object' ? AuthorizeResult.CONDITIONAL : d;
  };
  const permissions = mockServices.permissions.mock({
    authorize: async (requests: any[]) =>
      requests.map(r => {
        asked.push({ name: r.permission.name, resourceRef: r.resourceRef });
        // The permission backend asks the catalog to apply conditions to the entity; here: owner claims.
        if (result(r.permission.name) === AuthorizeResult.CONDITIONAL)
          return { result: AuthorizeResult.DENY };
        return { result: result(r.permission.name) };
      }) as any,
    authorizeConditional: async (requests: any[]) =>
      requests.map(r => {
        asked.push({ name: r.permission.name, conditional: true });
        const d = decide.get(r.permission.name);
        return typeof d === 'object'
          ? {
              result: AuthorizeResult.CONDITIONAL,
              pluginId: 'catalog',
              resourceType: 'catalog-entity',
              conditions: d,
            }
          : { result: result(r.permission.name) };
      }) as any,
  });
  return { permissions, decide, asked };
}

async function start() {
  const p = policy();
  const { server } = await startOpsTestBackend({
    features: [p.permissions.factory],
  });
  // The startup evaluation, so the lists have rows to filter.
  await evaluated(server);
  return { server, ...p };
}

/** Every operation in the spec, read from the spec itself so a new route cannot go untested. */
function specOperations(): string[] {
  const spec = readYaml(
    readFileSync(resolve(__dirname, '../schema/openapi.yaml'), 'utf8'),
    'openapi.yaml',
  ).value as { paths: Record<string, Record<string, { operationId: string }>> };
  return Object.values(spec.paths).flatMap(methods =>
    Object.values(methods).map(op => op.operationId),
  );
}

describe('ops router permissions', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  let waiverId = '';
  let campaignId = '';
  const campaign = {
    title: 'Runbooks for tier-1',
    owner: 'group:default/payments-team',
    target: { checks: ['runbook-published'] },
    scope: { tier: ['tier-1'] },
    startsOn: '2026-01-01',
    deadline: '2099-12-31',
  };
  beforeAll(async () => {
    backend = await start();
  });
  beforeEach(() => {
    backend.decide.clear();
    backend.asked.length = 0;
  });

  /** Each route, with the permissions it needs and whether they name the entity. */
  const routes: Record<
    string,
    {
      call: () => request.Test;
      needs: string[];
      /** A resource permission is asked for this entity. */
      entity?: string;
    }
  > = {
    Health: {
      call: () => request(backend.server).get('/api/ops/health'),
      needs: [],
    },
    GetChecks: {
      call: () => request(backend.server).get('/api/ops/checks').set(auth),
      needs: [],
    },
    GetEntityOps: {
      call: () => request(backend.server).get(`/api/ops${PAYMENTS}`).set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
    GetEntityBudgetHistory: {
      call: () =>
        request(backend.server)
          .get(`/api/ops${PAYMENTS}/budgets/history`)
          .set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
    GetEntityHistory: {
      call: () =>
        request(backend.server).get(`/api/ops${PAYMENTS}/history`).set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
    ListSignOffs: {
      call: () =>
        request(backend.server).get(`/api/ops${PAYMENTS}/signoffs`).set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
    CreateSignOff: {
      call: () =>
        request(backend.server)
          .post(`/api/ops${PAYMENTS}/signoffs`)
          .set(auth)
          .send({ itemId: 'tests-passing' }),
      needs: ['ops.checklist.update'],
      entity: PAYMENTS_REF,
    },
    ListWaivers: {
      call: () =>
        request(backend.server).get(`/api/ops${PAYMENTS}/waivers`).set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
    CreateWaiver: {
      call: () =>
        request(backend.server)
          .post(`/api/ops${PAYMENTS}/waivers`)
          .set(auth)
          .send({
            checkId: 'backups-scheduled',
            reason: 'moving to managed backups',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          }),
      // An approver writes an approved waiver, anyone allowed to ask a request: either one lets it through.
      needs: [],
      entity: PAYMENTS_REF,
    },
    ListWaiverRequests: {
      call: () =>
        request(backend.server)
          .get('/api/ops/waivers?status=pending')
          .set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    DecideWaiver: {
      call: () =>
        request(backend.server)
          .post(`/api/ops/waivers/${waiverId}/decision`)
          .set(auth)
          .send({ decision: 'approve', comment: 'fine' }),
      needs: ['ops.waiver.manage'],
      entity: PAYMENTS_REF,
    },
    RevokeWaiver: {
      call: () =>
        request(backend.server)
          .delete(`/api/ops/waivers/${waiverId}`)
          .set(auth),
      needs: ['ops.waiver.manage'],
      entity: PAYMENTS_REF,
    },
    ListCompliance: {
      call: () => request(backend.server).get('/api/ops/compliance').set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    GetComplianceSummary: {
      call: () =>
        request(backend.server).get('/api/ops/compliance/summary').set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    GetRollup: {
      call: () =>
        request(backend.server)
          .get('/api/ops/rollups/group/default/payments-team')
          .set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    ExportCompliance: {
      call: () =>
        request(backend.server).get('/api/ops/compliance/export').set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    GetComplianceTrend: {
      call: () =>
        request(backend.server).get('/api/ops/compliance/trend').set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    RefreshCompliance: {
      call: () => request(backend.server).post('/api/ops/refresh').set(auth),
      needs: ['ops.compliance.refresh'],
    },
    ListCampaigns: {
      call: () => request(backend.server).get('/api/ops/campaigns').set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    CreateCampaign: {
      call: () =>
        request(backend.server)
          .post('/api/ops/campaigns')
          .set(auth)
          .send(campaign),
      needs: ['ops.campaign.manage'],
    },
    GetCampaign: {
      call: () =>
        request(backend.server)
          .get(`/api/ops/campaigns/${campaignId}`)
          .set(auth),
      needs: ['ops.compliance.read', 'ops.entity.read'],
    },
    UpdateCampaign: {
      call: () =>
        request(backend.server)
          .put(`/api/ops/campaigns/${campaignId}`)
          .set(auth)
          .send({ ...campaign, state: 'active' }),
      needs: ['ops.campaign.manage'],
    },
    ListEntityCampaigns: {
      call: () =>
        request(backend.server).get(`/api/ops${PAYMENTS}/campaigns`).set(auth),
      needs: ['ops.entity.read'],
      entity: PAYMENTS_REF,
    },
  };

  it('knows every route of the spec', () => {
    expect(Object.keys(routes).sort()).toEqual(specOperations().sort());
  });

  it.each(opsPermissions.map(p => p.name))(
    'denying only %s refuses exactly the routes that need it, naming it',
    async denied => {
      // A fresh active waiver to revoke (created with everything allowed).
      backend.decide.clear();
      const active = await request(backend.server)
        .get(`/api/ops${PAYMENTS}/waivers`)
        .set(auth);
      for (const w of active.body.items)
        await request(backend.server)
          .delete(`/api/ops/waivers/${w.id}`)
          .set(auth);
      waiverId = (await routes.CreateWaiver.call().expect(201)).body.id;
      campaignId ||= (await routes.CreateCampaign.call().expect(201)).body.id;
      backend.decide.set(denied, AuthorizeResult.DENY);
      backend.asked.length = 0;

      // What each route answered: refused (naming the permission) or let through.
      const outcome = (res: request.Response) =>
        res.status === 403
          ? `403 ${/\((ops\.[a-z.]+)\)$/.exec(res.body.error.message)?.[1]}`
          : // 409: the waiver above is active, or an evaluation is running; both past the permission.
            `${
              [200, 201, 202, 409].includes(res.status) ? 'through' : res.status
            }`;
      const observed: Record<string, string> = {};
      const expected: Record<string, string> = {};
      // Creating a waiver and starting a run change what the others see: they go last.
      const order = Object.keys(routes).sort(
        (a, b) =>
          Number(['CreateWaiver', 'RefreshCompliance'].includes(a)) -
          Number(['CreateWaiver', 'RefreshCompliance'].includes(b)),
      );
      for (const operation of order) {
        observed[operation] = outcome(await routes[operation].call());
        expected[operation] = routes[operation].needs.includes(denied)
          ? `403 ${denied}`
          : 'through';
      }
      expect(observed).toEqual(expected);
      // Resource permissions name the entity they are asked for; basic ones name none.
      const unnamed = backend.asked.filter(({ name, resourceRef }) => {
        const isResource =
          'resourceType' in opsPermissions.find(p => p.name === name)!;
        return isResource
          ? resourceRef !== PAYMENTS_REF
          : resourceRef !== undefined;
      });
      // The lists ask ops.entity.read for the caller's scope (authorizeConditional), without an entity.
      expect(unnamed.filter(a => !a.conditional)).toEqual([]);
    },
  );

  it('writes a request without ops.waiver.manage and refuses a caller with neither permission', async () => {
    const ask = () =>
      request(backend.server)
        .post(`/api/ops${PAYMENTS}/waivers`)
        .set(auth)
        .send({
          checkId: 'recovery-tested',
          reason: 'restore drill booked for next sprint',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        });
    backend.decide.set('ops.waiver.manage', AuthorizeResult.DENY);
    backend.decide.set('ops.waiver.request', AuthorizeResult.DENY);
    const refused = await ask();
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toMatch(/\(ops\.waiver\.request\)$/);
    backend.decide.delete('ops.waiver.request');
    const pending = await ask();
    expect(pending.status).toBe(201);
    expect(pending.body).toMatchObject({ status: 'pending', active: false });
    // Deciding it needs ops.waiver.manage, on its entity.
    const decision = await request(backend.server)
      .post(`/api/ops/waivers/${pending.body.id}/decision`)
      .set(auth)
      .send({ decision: 'deny', comment: 'book the drill first' });
    expect(decision.status).toBe(403);
    expect(backend.asked).toContainEqual({
      name: 'ops.waiver.manage',
      resourceRef: PAYMENTS_REF,
    });
    backend.decide.clear();
    const denied = await request(backend.server)
      .post(`/api/ops/waivers/${pending.body.id}/decision`)
      .set(auth)
      .send({ decision: 'deny', comment: 'book the drill first' });
    expect(denied.body).toMatchObject({
      status: 'denied',
      decidedBy: 'user:default/jane',
      decisionComment: 'book the drill first',
    });
  });

  it("shows each caller the list of what a policy's owner condition allows", async () => {
    backend.decide.set('ops.entity.read', {
      rule: 'IS_ENTITY_OWNER',
      resourceType: 'catalog-entity',
      params: { claims: ['group:default/payments-team', 'user:default/jane'] },
    });
    const list = await request(backend.server)
      .get('/api/ops/compliance')
      .set(auth);
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: any) => r.entityRef)).toEqual([
      PAYMENTS_REF,
    ]);
    const summary = await request(backend.server)
      .get('/api/ops/compliance/summary')
      .set(auth);
    expect(summary.body.entityCount).toBe(1);
    // A filter asking for more than allowed gets only the allowed part.
    const platform = await request(backend.server)
      .get('/api/ops/compliance')
      .query({ owner: 'group:default/platform-team' })
      .set(auth);
    expect(platform.body.items).toEqual([]);
    const csv = await request(backend.server)
      .get('/api/ops/compliance/export')
      .set(auth);
    expect(csv.text.trim().split('\r\n')).toHaveLength(2);
    // Another owner's trend is refused; the catalog's aggregate is not.
    expect(
      (
        await request(backend.server)
          .get('/api/ops/compliance/trend')
          .query({ owner: 'group:default/platform-team' })
          .set(auth)
      ).status,
    ).toBe(403);
    expect(
      (await request(backend.server).get('/api/ops/compliance/trend').set(auth))
        .status,
    ).toBe(200);
    // Either of two owners, and owner and kind together.
    backend.decide.set('ops.entity.read', {
      allOf: [
        {
          anyOf: [
            {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: ['group:default/payments-team'] },
            },
            {
              rule: 'IS_ENTITY_OWNER',
              resourceType: 'catalog-entity',
              params: { claims: ['group:default/platform-team'] },
            },
          ],
        },
        {
          rule: 'IS_ENTITY_KIND',
          resourceType: 'catalog-entity',
          params: { kinds: ['Component'] },
        },
      ],
    });
    const both = await request(backend.server)
      .get('/api/ops/compliance')
      .set(auth);
    expect(both.body.items.map((r: any) => r.owner).sort()).toEqual([
      'group:default/payments-team',
      'group:default/platform-team',
      'group:default/platform-team',
    ]);
  });

  it('refuses the list with a reason when the condition is not one the stored rows can apply', async () => {
    backend.decide.set('ops.entity.read', {
      rule: 'HAS_ANNOTATION',
      resourceType: 'catalog-entity',
      params: { annotation: 'opskit.io/tier' },
    });
    const res = await request(backend.server)
      .get('/api/ops/compliance')
      .set(auth);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'the permission policy allows ops.entity.read only under a condition the compliance list cannot apply (HAS_ANNOTATION); allow it, or condition it on isEntityOwner or isEntityKind',
    );
    backend.decide.set('ops.entity.read', {
      not: {
        rule: 'IS_ENTITY_OWNER',
        resourceType: 'catalog-entity',
        params: { claims: ['group:default/payments-team'] },
      },
    });
    expect(
      (await request(backend.server).get('/api/ops/compliance').set(auth)).body
        .error.message,
    ).toMatch(/cannot apply \(not\)/);
  });
});
