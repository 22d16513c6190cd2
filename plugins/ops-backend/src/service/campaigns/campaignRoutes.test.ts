import request from 'supertest';
import { recordedNotifications } from '../../__testUtils__/recordedNotifications';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const LEGACY = '/api/ops/entities/component/default/legacy-billing';

describe('campaign routes', () => {
  const notifications = recordedNotifications();
  const sends: any[] = notifications.sends;
  let server: any;
  let rows: any[];
  beforeAll(async () => {
    ({ server } = await startOpsTestBackend({
      features: [notifications.factory],
    }));
    await evaluated(server);
    rows = (
      await request(server).get('/api/ops/compliance?limit=500').set(janeAuth)
    ).body.items;
  });

  const input = {
    title: 'Runbooks published',
    owner: 'sre',
    target: { checks: ['runbook-published'] },
    scope: {},
    startsOn: '2026-01-01',
    deadline: '2099-12-31',
  };

  it('refuses a campaign with every bad key named, and stores nothing', async () => {
    const res = await request(server)
      .post('/api/ops/campaigns')
      .set(janeAuth)
      .send({
        ...input,
        owner: 'user:default/jane',
        target: { checks: ['runbook-publish'] },
        deadline: '2025-12-31',
      });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'owner: "user:default/jane" is a user; expected group; target.checks[0]: "runbook-publish" is not a check in effect; deadline: 2025-12-31 is before the start (2026-01-01)',
    );
    // The spec's own rules come first: an unknown key, a day that is no date.
    const shape = await request(server)
      .post('/api/ops/campaigns')
      .set(janeAuth)
      .send({ ...input, deadline: 'soon', extra: 1 });
    expect(shape.status).toBe(400);
    const list = await request(server).get('/api/ops/campaigns').set(janeAuth);
    expect(list.body.items).toEqual([]);
  });

  it('creates, measures against the stored evaluation, lists the entities left, and answers per entity', async () => {
    const created = await request(server)
      .post('/api/ops/campaigns')
      .set(janeAuth)
      .send({ ...input, state: 'active' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      owner: 'group:default/sre',
      state: 'active',
      createdBy: 'user:default/jane',
    });
    const failing = rows.filter(r =>
      r.failingChecks.includes('runbook-published'),
    );
    expect(failing.length).toBeGreaterThan(0);
    const detail = await request(server)
      .get(`/api/ops/campaigns/${created.body.id}`)
      .set(janeAuth);
    expect(detail.status).toBe(200);
    expect(detail.body.progress).toEqual({
      inScope: rows.length,
      done: rows.length - failing.length,
      waived: 0,
      notDone: failing.length,
    });
    expect(detail.body.remaining.map((e: any) => e.entityRef).sort()).toEqual(
      failing.map(r => r.entityRef).sort(),
    );
    expect(detail.body.remaining[0].failing).toEqual(['runbook-published']);

    const listed = await request(server)
      .get('/api/ops/campaigns')
      .set(janeAuth);
    expect(listed.body.items).toEqual([
      { campaign: created.body, progress: detail.body.progress },
    ]);

    const legacy = failing.find(r => r.entityRef.endsWith('/legacy-billing'));
    const asking = await request(server)
      .get(`${LEGACY}/campaigns`)
      .set(janeAuth);
    expect(asking.body.items).toEqual([
      {
        campaign: created.body,
        entity: expect.objectContaining({
          entityRef: 'component:default/legacy-billing',
          state: legacy ? 'not-done' : 'done',
        }),
      },
    ]);

    // Active at once: the owners of entities not done hear without waiting for an evaluation.
    await new Promise(r => setTimeout(r, 500));
    const owners = [...new Set(failing.map(r => r.owner).filter(Boolean))];
    const told = sends.filter(s => s.payload.topic === 'ops-campaign');
    expect(told.map(s => s.recipients.entityRef[0]).sort()).toEqual(
      owners.sort(),
    );
    expect(told[0].payload.link).toBe(
      `/ops?tab=campaigns&campaign=${created.body.id}`,
    );

    // An evaluation adds a point to the burn-up chart; the owners are not told again.
    await request(server).post('/api/ops/refresh').set(janeAuth).expect(202);
    let points: any[] = [];
    for (let i = 0; i < 50 && points.length === 0; i++) {
      await new Promise(r => setTimeout(r, 100));
      points = (
        await request(server)
          .get(`/api/ops/campaigns/${created.body.id}`)
          .set(janeAuth)
      ).body.points;
    }
    expect(points).toEqual([
      expect.objectContaining({
        ...detail.body.progress,
        evaluatedAt: expect.any(String),
      }),
    ]);
    expect(sends.filter(s => s.payload.topic === 'ops-campaign').length).toBe(
      told.length,
    );
  });

  it('edits a campaign: a narrower scope asks fewer entities; an unknown one is 404', async () => {
    const created = await request(server)
      .post('/api/ops/campaigns')
      .set(janeAuth)
      .send(input);
    expect(created.body.state).toBe('draft');
    const updated = await request(server)
      .put(`/api/ops/campaigns/${created.body.id}`)
      .set(janeAuth)
      .send({
        ...input,
        scope: { entities: ['legacy-billing'] },
        state: 'archived',
      });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({
      state: 'archived',
      scope: { entities: ['component:default/legacy-billing'] },
      updatedBy: 'user:default/jane',
    });
    const detail = await request(server)
      .get(`/api/ops/campaigns/${created.body.id}`)
      .set(janeAuth);
    expect(detail.body.progress.inScope).toBe(1);
    // Archived ones are listed only when asked for.
    const listed = await request(server)
      .get('/api/ops/campaigns')
      .set(janeAuth);
    expect(listed.body.items.map((i: any) => i.campaign.id)).not.toContain(
      created.body.id,
    );
    const archived = await request(server)
      .get('/api/ops/campaigns?state=archived')
      .set(janeAuth);
    expect(archived.body.items.map((i: any) => i.campaign.id)).toEqual([
      created.body.id,
    ]);
    const missing = await request(server)
      .put('/api/ops/campaigns/00000000-0000-4000-8000-000000000000')
      .set(janeAuth)
      .send(input);
    expect(missing.status).toBe(404);
    const unknown = await request(server)
      .get('/api/ops/campaigns/00000000-0000-4000-8000-000000000000')
      .set(janeAuth);
    expect(unknown.status).toBe(404);
    // Not a campaign id at all: the spec refuses it.
    const notAnId = await request(server)
      .get('/api/ops/campaigns/not-an-id')
      .set(janeAuth);
    expect(notAnId.status).toBe(400);
  });
});
