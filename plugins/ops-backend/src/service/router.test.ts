import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const PAYMENTS = '/api/ops/entities/component/default/payments-api';
const auth = janeAuth;

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

describe.each(databases.eachSupportedId())('ops router on %p', databaseId => {
  let server: any;
  let knex: any;
  beforeAll(async () => {
    knex = await databases.init(databaseId);
    server = (
      await startOpsTestBackend({
        features: [mockServices.database.factory({ knex })],
      })
    ).server;
    await evaluated(server);
  });

  it('serves /health without credentials and refuses everything else without them (401)', async () => {
    expect((await request(server).get('/api/ops/health')).status).toBe(200);
    for (const path of [
      '/checks',
      '/compliance',
      '/compliance/summary',
      '/compliance/export',
      '/compliance/trend',
      '/entities/component/default/payments-api',
      '/entities/component/default/payments-api/campaigns',
      '/campaigns',
      '/campaigns/00000000-0000-4000-8000-000000000000',
      '/rollups/group/default/engineering',
      '/waivers',
    ]) {
      expect((await request(server).get(`/api/ops${path}`)).status).toBe(401);
    }
    expect(
      (await request(server).post('/api/ops/campaigns').send({ title: 't' }))
        .status,
    ).toBe(401);
    expect((await request(server).post('/api/ops/refresh')).status).toBe(401);
    expect(
      (
        await request(server)
          .post(`${PAYMENTS}/signoffs`)
          .send({ itemId: 'tests-passing' })
      ).status,
    ).toBe(401);
  });

  it('lists the scorecards and their checks', async () => {
    const res = await request(server).get('/api/ops/checks').set(auth);
    expect(res.status).toBe(200);
    expect(res.body.scorecards.map((s: any) => s.id)).toEqual([
      'deployment',
      'monitoring',
    ]);
    expect(res.body.checks.length).toBe(19);
    expect(res.body.checks[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        howToFix: expect.any(String),
        level: expect.any(String),
      }),
    );
  });

  it("returns one entity's profile, issues and scorecards, with escalation targets resolved in the catalog", async () => {
    const res = await request(server).get(PAYMENTS).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.entityRef).toBe('component:default/payments-api');
    expect(res.body.profile.tier).toBe('tier-1');
    expect(res.body.issues.filter((i: any) => i.severity === 'error')).toEqual(
      [],
    );
    const escalation = res.body.scorecards
      .flatMap((c: any) => c.results)
      .find((r: any) => r.checkId === 'escalation-path');
    expect(escalation.status).toBe('pass');
    expect(res.body.latest).toMatchObject({
      entityRef: 'component:default/payments-api',
    });
  });

  it('reports the broken example through its issues, and 404s an unknown entity', async () => {
    const broken = await request(server)
      .get('/api/ops/entities/component/default/legacy-billing')
      .set(auth);
    expect(broken.status).toBe(200);
    expect(broken.body.issues.some((i: any) => i.severity === 'error')).toBe(
      true,
    );
    const missing = await request(server)
      .get('/api/ops/entities/component/default/nope')
      .set(auth);
    expect(missing.status).toBe(404);
    expect(missing.body.error.message).toMatch(
      /no entity component:default\/nope/,
    );
  });

  it('records a sign-off with who and when, and names the bad field otherwise (400)', async () => {
    const ok = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({
        itemId: 'tests-passing',
        version: '2.4.0',
        environment: 'production',
      });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({
      itemId: 'tests-passing',
      by: 'user:default/jane',
      version: '2.4.0',
      environment: 'production',
      at: expect.any(String),
    });
    const list = await request(server).get(`${PAYMENTS}/signoffs`).set(auth);
    expect(list.body.items.map((s: any) => s.itemId)).toContain(
      'tests-passing',
    );

    const typo = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'test-passing' });
    expect(typo.status).toBe(400);
    expect(typo.body.error.message).toMatch(
      /itemId.*did you mean "tests-passing"/,
    );
    const env = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'tests-passing', environment: 'prod' });
    expect(env.status).toBe(400);
    expect(env.body.error.message).toMatch(/environment/);
    const missing = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({});
    expect(missing.status).toBe(400);
    expect(missing.body.error.message).toMatch(/itemId/);
    const extra = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'tests-passing', sneaky: 1 });
    expect(extra.status).toBe(400);
    const notJson = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set({ ...auth, 'Content-Type': 'application/json' })
      .send('{"itemId":');
    expect(notJson.status).toBe(400);
    // A Group is never evaluated: its sign-off would be recorded and never count.
    const team = '/api/ops/entities/group/default/payments-team';
    const onGroup = await request(server)
      .post(`${team}/signoffs`)
      .set(auth)
      .send({ itemId: 'tests-passing' });
    expect(onGroup.status).toBe(400);
    expect(onGroup.body.error.message).toBe(
      'group:default/payments-team is a Group; checklist sign-offs are recorded for the kinds OpsKit evaluates: Component (ops.evaluation.kinds)',
    );
    const waiverOnGroup = await request(server)
      .post(`${team}/waivers`)
      .set(auth)
      .send({
        checkId: 'rollback-plan',
        reason: 'none',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(waiverOnGroup.status).toBe(400);
    expect(waiverOnGroup.body.error.message).toMatch(
      /is a Group; waivers are recorded for the kinds OpsKit evaluates: Component/,
    );
    expect(
      (await request(server).get(`${team}/signoffs`).set(auth)).body.items,
    ).toEqual([]);
  });

  it('creates, lists and revokes waivers, and the waiver turns a failing check into waived', async () => {
    const inventory = '/api/ops/entities/component/default/legacy-billing';
    const before = await request(server).get(inventory).set(auth);
    const failing = before.body.scorecards
      .flatMap((c: any) => c.results)
      .find((r: any) => r.status === 'fail');
    expect(failing).toBeDefined();

    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const created = await request(server)
      .post(`${inventory}/waivers`)
      .set(auth)
      .send({
        checkId: failing.checkId,
        reason: 'Being retired in Q1',
        expiresAt,
      });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      checkId: failing.checkId,
      by: 'user:default/jane',
      active: true,
    });

    const after = await request(server).get(inventory).set(auth);
    expect(
      after.body.scorecards
        .flatMap((c: any) => c.results)
        .find((r: any) => r.checkId === failing.checkId).status,
    ).toBe('waived');

    // One active waiver per entity and check, however many ask at once.
    const again = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        request(server)
          .post(`${inventory}/waivers`)
          .set(auth)
          .send({ checkId: failing.checkId, reason: `again ${i}`, expiresAt }),
      ),
    );
    expect(again.map(r => r.status)).toEqual(Array(40).fill(409));
    expect(again[0].body.waiver.id).toBe(created.body.id);
    expect(again[0].body.error.message).toMatch(
      new RegExp(
        `${failing.checkId} already has a waiver until .*${created.body.id}`,
      ),
    );

    const revoked = await request(server)
      .delete(`/api/ops/waivers/${created.body.id}`)
      .set(auth);
    expect(revoked.status).toBe(200);
    expect(revoked.body).toMatchObject({
      active: false,
      revokedBy: 'user:default/jane',
    });
    // Revoking again answers the same waiver, revoked once.
    const twice = await request(server)
      .delete(`/api/ops/waivers/${created.body.id}`)
      .set({
        Authorization: mockCredentials.user.header('user:default/other'),
      });
    expect(twice.status).toBe(200);
    expect(twice.body).toEqual(revoked.body);
    expect(
      (await request(server).get(`${inventory}/waivers`).set(auth)).body.items,
    ).toEqual([]);
    expect(
      (
        await request(server)
          .get(`${inventory}/waivers?includeInactive=true`)
          .set(auth)
      ).body.items,
    ).toHaveLength(1);

    const past = await request(server)
      .post(`${inventory}/waivers`)
      .set(auth)
      .send({
        checkId: failing.checkId,
        reason: 'x',
        expiresAt: '2020-01-01T00:00:00Z',
      });
    expect(past.status).toBe(400);
    expect(past.body.error.message).toMatch(/expiresAt/);
    const unknown = await request(server)
      .post(`${inventory}/waivers`)
      .set(auth)
      .send({ checkId: 'backupz', reason: 'x', expiresAt });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/checkId/);
    // A reason of zero-width spaces, a joiner, a BOM and a Hangul filler says nothing.
    const invisible = await request(server)
      .post(`${inventory}/waivers`)
      .set(auth)
      .send({
        checkId: failing.checkId,
        reason: '\u200b\u200b\u200d\ufeff\u3164 ',
        expiresAt,
      });
    expect(invisible.status).toBe(400);
    expect(invisible.body.error.message).toBe(
      'reason: say why the check is waived',
    );
    expect(
      (
        await request(server)
          .delete('/api/ops/waivers/6f1c1b7e-0000-4000-8000-000000000000')
          .set(auth)
      ).status,
    ).toBe(404);
    expect(
      (await request(server).delete('/api/ops/waivers/not-a-uuid').set(auth))
        .status,
    ).toBe(400);
  });

  it('lists, filters, sorts and pages the compliance list', async () => {
    const all = await request(server).get('/api/ops/compliance').set(auth);
    expect(all.status).toBe(200);
    expect(all.body.totalItems).toBe(4);
    expect(all.body.stale).toBe(false);
    const scores = all.body.items.map((i: any) => i.score ?? -1);
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);

    const payments = await request(server)
      .get('/api/ops/compliance?owner=payments-team&tier=tier-1')
      .set(auth);
    expect(payments.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/payments-api',
    ]);
    const text = await request(server)
      .get('/api/ops/compliance?q=BILLING')
      .set(auth);
    expect(text.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/legacy-billing',
    ]);

    const first = await request(server)
      .get('/api/ops/compliance?limit=3&sort=entityRef&order=desc')
      .set(auth);
    expect(first.body.items).toHaveLength(3);
    const second = await request(server)
      .get(
        `/api/ops/compliance?limit=3&sort=entityRef&order=desc&cursor=${first.body.nextCursor}`,
      )
      .set(auth);
    expect(second.body.items).toHaveLength(1);
    expect(second.body.nextCursor).toBeUndefined();
    // Nothing is measured here: no entity has a budget below any share, and sorting by budget lists them all.
    const low = await request(server)
      .get('/api/ops/compliance?budgetBelow=25&sort=budget')
      .set(auth);
    expect(low.status).toBe(200);
    expect(low.body.totalItems).toBe(0);
    const byBudget = await request(server)
      .get('/api/ops/compliance?sort=budget&order=desc')
      .set(auth);
    expect(byBudget.body.totalItems).toBe(4);

    for (const bad of [
      'limit=0',
      'limit=abc',
      'sort=colour',
      'tier=tier-9',
      'level=platinum',
      'cursor=xyz',
      'unknown=1',
      'budgetBelow=abc',
      'budgetBelow=101',
      'owner=group:',
    ]) {
      const res = await request(server)
        .get(`/api/ops/compliance?${bad}`)
        .set(auth);
      expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
      expect(res.body.error.message).toBeTruthy();
    }
  });

  it('summarises with a per-owner roll-up and a trend', async () => {
    const summary = await request(server)
      .get('/api/ops/compliance/summary')
      .set(auth);
    expect(summary.body.entityCount).toBe(4);
    expect(summary.body.owners.map((o: any) => o.owner)).toContain(
      'group:default/payments-team',
    );
    expect(
      Object.values(summary.body.levelCounts).reduce(
        (a: any, b: any) => a + b,
        0,
      ),
    ).toBe(4);
    const trend = await request(server)
      .get('/api/ops/compliance/trend')
      .set(auth);
    expect(trend.body.points.length).toBeGreaterThanOrEqual(1);
    const owner = await request(server)
      .get('/api/ops/compliance/trend?owner=payments-team')
      .set(auth);
    expect(owner.body.owner).toBe('group:default/payments-team');
    expect(owner.body.points[0].entityCount).toBe(1);
  });

  it('exports the list as CSV and JSON', async () => {
    const csv = await request(server)
      .get('/api/ops/compliance/export?format=csv')
      .set(auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toMatch(
      /attachment; filename="ops-compliance-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entityRef,title,kind/);
    expect(lines).toHaveLength(5);
    const json = await request(server)
      .get('/api/ops/compliance/export?format=json&owner=payments-team')
      .set(auth);
    expect(JSON.parse(json.text).items.map((i: any) => i.entityRef)).toEqual([
      'component:default/payments-api',
    ]);
    expect(
      (
        await request(server)
          .get('/api/ops/compliance/export?format=xml')
          .set(auth)
      ).status,
    ).toBe(400);
  });

  it('starts an evaluation on refresh', async () => {
    const before = (
      await request(server).get('/api/ops/compliance/trend').set(auth)
    ).body.points.length;
    const res = await request(server).post('/api/ops/refresh').set(auth);
    expect(res.status).toBe(202);
    for (let i = 0; i < 100; i++) {
      if (
        (await request(server).get('/api/ops/compliance/trend').set(auth)).body
          .points.length > before
      )
        return;
      await new Promise(r => setTimeout(r, 100));
    }
    throw new Error('refresh did not evaluate');
  });

  it('history lists score changes of one entity', async () => {
    const res = await request(server).get(`${PAYMENTS}/history`).set(auth);
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(1);
    expect(res.body.items[0]).toEqual(
      expect.objectContaining({
        at: expect.any(String),
        level: expect.any(String),
      }),
    );
  });

  it('serves each SLO budget per day over the days asked, oldest first', async () => {
    const day = (ago: number) =>
      new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
    const sample = (name: string, ago: number, remaining: number) => ({
      entity_ref: 'component:default/payments-api',
      name,
      day: day(ago),
      remaining,
      observed_at: `${day(ago)}T12:00:00.000Z`,
    });
    await knex('ops_budget_history').insert([
      sample('budget/production/availability', 30, 0.95),
      sample('budget/production/availability', 2, 0.9),
      sample('budget/production/availability', 1, 0.85),
      sample('budget/staging/checkout/read', 0, -0.2),
    ]);
    const res = await request(server)
      .get(`${PAYMENTS}/budgets/history`)
      .set(auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      entityRef: 'component:default/payments-api',
      since: day(27),
      series: [
        {
          environment: 'production',
          slo: 'availability',
          points: [
            { day: day(2), remaining: 0.9 },
            { day: day(1), remaining: 0.85 },
          ],
        },
        {
          environment: 'staging',
          slo: 'checkout/read',
          points: [{ day: day(0), remaining: -0.2 }],
        },
      ],
    });
    const week = await request(server)
      .get(`${PAYMENTS}/budgets/history?days=1`)
      .set(auth);
    expect(week.body.series.map((s: any) => s.slo)).toEqual(['checkout/read']);
    for (const bad of ['days=0', 'days=36', 'days=x'])
      expect(
        (
          await request(server)
            .get(`${PAYMENTS}/budgets/history?${bad}`)
            .set(auth)
        ).status,
      ).toBe(400);
  });

  it('accepts service credentials (CI signing off with a static token)', async () => {
    const res = await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set({
        Authorization: mockCredentials.service.header({
          onBehalfOf: mockCredentials.service('external:ci-pipeline'),
          targetPluginId: 'ops',
        }),
      })
      .send({ itemId: 'code-reviewed' });
    expect(res.status).toBe(201);
    expect(res.body.by).toBe('external:ci-pipeline');
    // Stored as the service's sign-off: the list shows who signed.
    const list = await request(server).get(`${PAYMENTS}/signoffs`).set(auth);
    expect(list.body.items).toContainEqual(
      expect.objectContaining({
        itemId: 'code-reviewed',
        by: 'external:ci-pipeline',
      }),
    );
  });
});

describe('ops router audit', () => {
  it('emits an audit event for every write, success or failure', async () => {
    const success = jest.fn(async () => {});
    const fail = jest.fn(async () => {});
    const auditor = mockServices.auditor.mock({
      createEvent: jest.fn(async () => ({ success, fail })),
    });
    const { server } = await startOpsTestBackend({
      features: [
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        auditor.factory,
      ],
    });
    await request(server)
      .post(`${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'tests-passing' })
      .expect(201);
    const waiver = await request(server)
      .post(`${PAYMENTS}/waivers`)
      .set(auth)
      .send({
        checkId: 'backups-scheduled',
        reason: 'moving to managed backups',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(201);
    await request(server)
      .post(`${PAYMENTS}/waivers`)
      .set(auth)
      .send({
        checkId: 'backups-scheduled',
        reason: 'a second one',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      })
      .expect(409);
    for (let i = 0; i < 2; i++)
      await request(server)
        .delete(`/api/ops/waivers/${waiver.body.id}`)
        .set(auth)
        .expect(200);
    const events = (auditor.createEvent as jest.Mock).mock.calls.map(([e]) => [
      e.eventId,
      e.meta,
    ]);
    expect(events).toEqual([
      [
        'checklist-signoff',
        expect.objectContaining({
          entityRef: 'component:default/payments-api',
          itemId: 'tests-passing',
        }),
      ],
      [
        'waiver-create',
        expect.objectContaining({ checkId: 'backups-scheduled' }),
      ],
      [
        'waiver-create',
        expect.objectContaining({ checkId: 'backups-scheduled' }),
      ],
      // The second revocation changed nothing and is not recorded.
      ['waiver-revoke', expect.objectContaining({ waiverId: waiver.body.id })],
    ]);
    expect(success).toHaveBeenCalledTimes(3);
    expect(fail).toHaveBeenCalledTimes(1);
    expect(fail).toHaveBeenCalledWith({
      error: expect.objectContaining({ name: 'ConflictError' }),
    });
  });
});
