import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import { recordedNotifications } from '../__testUtils__/recordedNotifications';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const LEGACY = '/api/ops/entities/component/default/legacy-billing';
const DAY = 86_400_000;
const samAuth = {
  Authorization: mockCredentials.user.header('user:default/sam'),
};

describe('waiver requests', () => {
  const notifications = recordedNotifications();
  const sends: any[] = notifications.sends;
  let server: any;
  beforeAll(async () => {
    ({ server } = await startOpsTestBackend({
      config: {
        waivers: {
          maxDuration: '30d',
          autoApprove: { checks: ['runbook-published'] },
          approvers: ['group:default/sre'],
        },
      },
      features: [
        // Sam approves; Jane (and everyone else) may only ask.
        mockServices.permissions.mock({
          authorize: async (requests: any[], options: any) =>
            requests.map(r => ({
              result:
                r.permission.name === 'ops.waiver.manage' &&
                options.credentials.principal.userEntityRef !==
                  'user:default/sam'
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as any,
          authorizeConditional: async (requests: any[]) =>
            requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any,
        }).factory,
        notifications.factory,
      ],
    }));
    await evaluated(server);
  });

  const failing = async () =>
    (await request(server).get(LEGACY).set(janeAuth)).body.scorecards
      .flatMap((c: any) => c.results)
      .filter((r: any) => r.status === 'fail')
      .map((r: any) => r.checkId) as string[];

  it('keeps an expiry within ops.waivers.maxDuration and a decision with a comment', async () => {
    const [checkId] = await failing();
    const tooLong = await request(server)
      .post(`${LEGACY}/waivers`)
      .set(janeAuth)
      .send({
        checkId,
        reason: 'r',
        expiresAt: new Date(Date.now() + 31 * DAY).toISOString(),
      });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toMatch(
      /^expiresAt: .* is more than 30 days ahead \(ops\.waivers\.maxDuration\)/,
    );
    const unknown = await request(server)
      .post('/api/ops/waivers/6f1c1b7e-0000-4000-8000-00000000000a/decision')
      .set(janeAuth)
      .send({ decision: 'approve', comment: 'ok' });
    expect(unknown.status).toBe(404);
    const anonymous = await request(server)
      .post('/api/ops/waivers/6f1c1b7e-0000-4000-8000-00000000000a/decision')
      .send({ decision: 'approve', comment: 'ok' });
    expect(anonymous.status).toBe(401);
    const badBody = await request(server)
      .post('/api/ops/waivers/6f1c1b7e-0000-4000-8000-00000000000a/decision')
      .set(janeAuth)
      .send({ decision: 'maybe', comment: 'ok' });
    expect(badBody.status).toBe(400);
  });

  it('auto-approves the checks config names, and queues the rest for approvers, who are told once', async () => {
    const checkId = (await failing()).find(id => id !== 'runbook-published')!;
    const auto = await request(server)
      .post(`${LEGACY}/waivers`)
      .set(janeAuth)
      .send({
        checkId: 'runbook-published',
        reason: 'the runbook moves to TechDocs this week',
        expiresAt: new Date(Date.now() + 7 * DAY).toISOString(),
      });
    expect(auto.status).toBe(201);
    expect(auto.body).toMatchObject({ status: 'approved', active: true });
    expect(sends).toEqual([]);

    const asked = await request(server)
      .post(`${LEGACY}/waivers`)
      .set(janeAuth)
      .send({
        checkId,
        reason: 'replaced by the new billing service next month',
        expiresAt: new Date(Date.now() + 20 * DAY).toISOString(),
      });
    expect(asked.status).toBe(201);
    expect(asked.body).toMatchObject({
      status: 'pending',
      active: false,
      by: 'user:default/jane',
    });
    // The approvers and the owning team, in one notification scoped to the waiver.
    expect(sends).toHaveLength(1);
    expect(sends[0].recipients).toEqual({
      type: 'entity',
      entityRef: ['group:default/sre', 'group:default/platform-team'],
    });
    expect(sends[0].payload).toMatchObject({
      link: '/catalog/default/component/legacy-billing/ops',
      scope: `ops:waiver:${asked.body.id}`,
    });
    // Still failing: a request waives nothing.
    expect(await failing()).toContain(checkId);

    const queue = await request(server)
      .get('/api/ops/waivers?status=pending')
      .set(janeAuth);
    expect(queue.body.items.map((w: any) => w.id)).toEqual([asked.body.id]);

    const decide = (auth: Record<string, string>, decision: string) =>
      request(server)
        .post(`/api/ops/waivers/${asked.body.id}/decision`)
        .set(auth)
        .send({ decision, comment: 'ok until the migration' });
    const byJane = await decide(janeAuth, 'approve');
    expect(byJane.status).toBe(403);
    expect(byJane.body.error.message).toMatch(/\(ops\.waiver\.manage\)$/);
    const bySam = await decide(samAuth, 'approve');
    expect(bySam.status).toBe(200);
    expect(bySam.body).toMatchObject({
      status: 'approved',
      active: true,
      decidedBy: 'user:default/sam',
      decisionComment: 'ok until the migration',
    });
    expect(await failing()).not.toContain(checkId);
    // The owners and the requester; the same scope, so it updates the request's notification.
    expect(sends).toHaveLength(2);
    expect(sends[1].recipients.entityRef).toEqual([
      'group:default/platform-team',
      'user:default/jane',
    ]);
    expect(sends[1].payload.scope).toBe(`ops:waiver:${asked.body.id}`);

    // Decided once: a second decision is a 409 with the waiver as it is, and tells nobody.
    const twice = await decide(samAuth, 'deny');
    expect(twice.status).toBe(409);
    expect(twice.body.waiver).toMatchObject({
      id: asked.body.id,
      status: 'approved',
    });
    expect(sends).toHaveLength(2);
    expect(
      (
        await request(server)
          .get('/api/ops/waivers?status=pending')
          .set(janeAuth)
      ).body.items,
    ).toEqual([]);
  });
});
