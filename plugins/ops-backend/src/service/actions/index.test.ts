import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  actionsUser,
  startActionsBackend,
} from '../../__testUtils__/actionsBackend';
import { janeAuth } from '../../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

describe('ops actions', () => {
  let registry: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    registry = await startActionsBackend();
  });

  it('registers four read-only and two writing actions with their schemas', async () => {
    const { actions } = await registry.list();
    const attributes = Object.fromEntries(
      actions.map(a => [a.name, a.attributes]),
    );
    const reads = { readOnly: true, destructive: false, idempotent: true };
    const writes = { readOnly: false, destructive: false, idempotent: false };
    expect(attributes).toEqual({
      'get-compliance-summary': reads,
      'get-entity-ops': reads,
      'list-campaign-remaining': reads,
      'list-failing-checks-for-owner': reads,
      'record-sign-off': writes,
      'request-waiver': writes,
    });
    for (const action of actions)
      expect(action.schema.input).toEqual(
        expect.objectContaining({ type: 'object' }),
      );
  });

  it('records a sign-off and asks for a waiver as the caller, with the checks of the API', async () => {
    const signed = await registry.invoke({
      id: 'test:record-sign-off',
      input: {
        entityRef: 'payments-api',
        itemId: 'tests-passing',
        version: '2.4.0',
      },
      credentials: actionsUser,
    });
    expect(signed.output).toMatchObject({
      entityRef: 'component:default/payments-api',
      itemId: 'tests-passing',
      version: '2.4.0',
      by: 'user:default/jane',
    });
    // The same validation as the API: an item the checklist does not have.
    await expect(
      registry.invoke({
        id: 'test:record-sign-off',
        input: { entityRef: 'payments-api', itemId: 'no-such-item' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      /^itemId: "no-such-item" is not an item of component:default\/payments-api.s deployment checklist/,
    );
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const asked = await registry.invoke({
      id: 'test:request-waiver',
      input: {
        entityRef: 'payments-api',
        checkId: 'recovery-tested',
        reason: 'restore drill booked',
        expiresAt,
      },
      credentials: actionsUser,
    });
    // Allowed everything here, so approved at once, as for an approver on the Ops tab.
    expect(asked.output).toMatchObject({
      status: 'approved',
      checkId: 'recovery-tested',
    });
    await expect(
      registry.invoke({
        id: 'test:request-waiver',
        input: {
          entityRef: 'payments-api',
          checkId: 'recovery-tested',
          reason: 'again',
          expiresAt,
        },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/^recovery-tested already has a waiver until/);
  });

  it("lists a campaign's remaining entities, found by id or title, as the API measures them", async () => {
    const created = await request(registry.server)
      .post('/api/ops/campaigns')
      .set(janeAuth)
      .send({
        title: 'SLOs for all',
        owner: 'group:default/sre',
        target: { checks: ['slo-indicators', 'runbook-published'] },
        scope: {},
        startsOn: '2026-11-01',
        deadline: '2027-01-31',
      });
    expect(created.status).toBe(201);
    const api = await request(registry.server)
      .get(`/api/ops/campaigns/${created.body.id}`)
      .set(janeAuth);
    expect(api.body.remaining.length).toBeGreaterThan(0);
    for (const campaign of [created.body.id, 'slos FOR all']) {
      const { output } = await registry.invoke({
        id: 'test:list-campaign-remaining',
        input: { campaign },
        credentials: actionsUser,
      });
      expect(output).toMatchObject({
        campaign: {
          id: created.body.id,
          state: 'draft',
          deadline: '2027-01-31',
          target: 'checks: slo-indicators, runbook-published',
        },
        progress: api.body.progress,
        truncated: false,
      });
      const remaining = (output as any).remaining;
      expect(remaining.map((e: any) => e.entityRef)).toEqual(
        api.body.remaining.map((e: any) => e.entityRef),
      );
      expect(
        remaining.map((e: any) => e.failingChecks.map((c: any) => c.id)),
      ).toEqual(api.body.remaining.map((e: any) => e.failing));
      // Titles for people, next to the ids.
      expect(remaining[0].failingChecks[0].title).not.toBe(
        remaining[0].failingChecks[0].id,
      );
    }
    const { output: one } = await registry.invoke({
      id: 'test:list-campaign-remaining',
      input: { campaign: created.body.id, limit: 1 },
      credentials: actionsUser,
    });
    expect((one as any).remaining).toHaveLength(1);
    expect((one as any).truncated).toBe(api.body.remaining.length > 1);
    await expect(
      registry.invoke({
        id: 'test:list-campaign-remaining',
        input: { campaign: 'No such drive' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'campaign: no campaign is titled "No such drive"; there are "SLOs for all"',
    );
    await expect(
      registry.invoke({
        id: 'test:list-campaign-remaining',
        input: { campaign: '0c1a2b3c-0000-4000-8000-000000000001' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow('no campaign 0c1a2b3c-0000-4000-8000-000000000001');
  });

  it('refuses callers without the permission each action needs', async () => {
    const denied = await startActionsBackend(AuthorizeResult.DENY);
    await expect(
      denied.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'payments-api' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'you are not allowed to read the ops data of component:default/payments-api (ops.entity.read)',
    );
    await expect(
      denied.invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'you are not allowed to read catalog-wide compliance (ops.compliance.read)',
    );
    await expect(
      denied.invoke({
        id: 'test:list-campaign-remaining',
        input: { campaign: 'SLOs for all' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'you are not allowed to read catalog-wide compliance (ops.compliance.read)',
    );
    await expect(
      denied.invoke({
        id: 'test:record-sign-off',
        input: { entityRef: 'payments-api', itemId: 'tests-passing' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/\(ops\.checklist\.update\)$/);
    await expect(
      denied.invoke({
        id: 'test:request-waiver',
        input: {
          entityRef: 'payments-api',
          checkId: 'recovery-tested',
          reason: 'r',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/\(ops\.waiver\.request\)$/);
  });
});
