import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import { DatabaseOpsStore } from './DatabaseOpsStore';
import type { ComplianceRow } from './OpsStore';
import { row } from '../__testUtils__/complianceRows';

jest.setTimeout(60_000);

const DAY = 86_400_000;

const CHECKS = ['slo-indicators', 'backups', 'escalation-path'];

describe('DatabaseOpsStore', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function createStore(
    databaseId: TestDatabaseId,
  ): Promise<{ store: DatabaseOpsStore; knex: Knex }> {
    const knex = await databases.init(databaseId);
    const store = await DatabaseOpsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    return { store, knex };
  }

  /** Two stores on one database: two replicas (the first one migrates). */
  async function twoReplicas(databaseId: TestDatabaseId) {
    const knex = await databases.init(databaseId);
    const replicas: DatabaseOpsStore[] = [];
    for (const skip of [false, true])
      replicas.push(
        await DatabaseOpsStore.create({
          database: mockServices.database({ knex, migrations: { skip } }),
        }),
      );
    return { knex, replicas };
  }

  async function evaluate(
    store: DatabaseOpsStore,
    rows: ComplianceRow[],
    at = new Date(),
    historyRetentionMs = 90 * DAY,
  ) {
    const id = await store.startEvaluation('test');
    await store.writeResults(id, rows, at);
    return store.completeEvaluation(id, {
      checkIds: CHECKS,
      historyRetentionMs,
    });
  }

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('stores an evaluation with totals and serves it as the latest', async () => {
      const { store } = await createStore(databaseId);
      expect(await store.latestEvaluation()).toBeUndefined();
      const run = await evaluate(store, [
        row('a', { score: 90, level: 'gold', failingChecks: [] }),
        row('b'),
        row('c', {
          score: null,
          level: 'none',
          failingChecks: ['slo-indicators', 'backups'],
        }),
      ]);
      expect(run).toMatchObject({
        status: 'succeeded',
        entityCount: 3,
        averageScore: 70,
        levelCounts: { gold: 1, silver: 0, bronze: 1, none: 1 },
        failingCounts: { 'slo-indicators': 2, backups: 1 },
      });
      expect((await store.latestEvaluation())?.id).toBe(run.id);
      const c = await store.latestRecord('component:default/c');
      expect(c).toMatchObject({
        score: null,
        level: 'none',
        failingChecks: ['slo-indicators', 'backups'],
      });
    });

    it('filters, sorts and pages with a cursor through every row exactly once', async () => {
      const { store } = await createStore(databaseId);
      const rows = Array.from({ length: 23 }, (_, i) =>
        row(`svc-${String(i).padStart(2, '0')}`, {
          score: i % 5 === 0 ? null : (i * 7) % 100,
          owner: i % 2 ? 'group:default/team-a' : 'group:default/team-b',
          tier: i % 3 ? 'tier-2' : 'tier-1',
          level: i % 4 === 0 ? 'gold' : 'bronze',
          failingChecks: i % 6 === 0 ? ['backups'] : [],
          title: i === 7 ? 'The 100%_Special one' : undefined,
        }),
      );
      await evaluate(store, rows);

      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const page = await store.listCompliance({
          filter: {},
          sort: { field: 'score', order: 'desc' },
          limit: 5,
          cursor,
        });
        expect(page.totalItems).toBe(23);
        expect(page.offset).toBe(seen.length);
        seen.push(...page.items.map(i => i.entityRef));
        const scores = page.items.map(i => i.score ?? -1);
        expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(23);

      const teamB = await store.listCompliance({
        filter: { owner: ['group:default/team-b'], tier: ['tier-1'] },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(teamB.items.map(i => i.entityRef)).toEqual(
        rows
          .filter(
            r => r.owner === 'group:default/team-b' && r.tier === 'tier-1',
          )
          .map(r => r.entityRef),
      );
      const failing = await store.listCompliance({
        filter: { failingCheck: ['backups'] },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(failing.totalItems).toBe(4);
      const gold = await store.listCompliance({
        filter: { level: ['gold'] },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(gold.totalItems).toBe(6);
      const byCard = await store.listCompliance({
        filter: { scorecard: 'deployment', level: ['silver'] },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(byCard.totalItems).toBe(23);
      // LIKE wildcards in the search text are matched literally.
      const text = await store.listCompliance({
        filter: { text: '100%_s' },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(text.items.map(i => i.entityRef)).toEqual([
        'component:default/svc-07',
      ]);
      const none = await store.listCompliance({
        filter: { text: '%' },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 50,
      });
      expect(none.items.map(i => i.entityRef)).toEqual([
        'component:default/svc-07',
      ]);
    });

    it('sorts and filters by the worst production budget, unmeasured last, paging through each row once', async () => {
      const { store } = await createStore(databaseId);
      const budget = (remaining: number | null) => ({
        environment: 'production',
        slo: 'availability',
        remaining,
        exhausted: remaining !== null && remaining <= 0,
        paging: false,
        incomplete: remaining === null,
        total: 1,
        measured: remaining === null ? 0 : 1,
        observedAt: remaining === null ? null : '2026-12-01T00:00:00.000Z',
      });
      const remaining = [0.9, -0.5, null, 0.1, 0.24, 0.25, 1, null, 0];
      const rows = remaining.map((r, i) =>
        row(`b-${i}`, { budget: budget(r) }),
      );
      rows.push(row('no-sli'));
      await evaluate(store, rows);

      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.listCompliance({
          filter: {},
          sort: { field: 'budget', order: 'asc' },
          limit: 3,
          cursor,
        });
        seen.push(...page.items.map(i => i.entityRef.split('/')[1]));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([
        'b-1',
        'b-8',
        'b-3',
        'b-4',
        'b-5',
        'b-0',
        'b-6',
        'b-2',
        'b-7',
        'no-sli',
      ]);

      const low = await store.listCompliance({
        filter: { budgetBelow: 25 },
        sort: { field: 'budget', order: 'asc' },
        limit: 50,
      });
      expect(low.items.map(i => i.entityRef.split('/')[1])).toEqual([
        'b-1',
        'b-8',
        'b-3',
        'b-4',
      ]);
      expect(low.items[0].budget).toEqual(budget(-0.5));
      const overspent = await store.summary({ budgetBelow: 0 }, CHECKS);
      expect(overspent.entityCount).toBe(1);
    });

    it('keeps one budget sample per SLO and day, the last one measured, and drops old days', async () => {
      const { store, knex } = await createStore(databaseId);
      const ref = 'component:default/a';
      const fact = (remaining: number, observedAt: string, stale = false) => ({
        provider: 'prometheus',
        name: 'budget/production/availability',
        value: { remaining, firing: [] } as any,
        observedAt,
        checkedAt: observedAt,
        stale,
      });
      const today = new Date().toISOString().slice(0, 10);
      await knex('ops_budget_history').insert({
        entity_ref: ref,
        name: 'budget/production/availability',
        day: '2020-01-01',
        remaining: 0.3,
        observed_at: '2020-01-01T00:00:00.000Z',
      });
      await store.facts.write('prometheus', [
        { entityRef: ref, facts: [fact(0.8, `${today}T00:10:00.000Z`)] },
      ]);
      await store.facts.write('prometheus', [
        { entityRef: ref, facts: [fact(0.7, `${today}T00:20:00.000Z`)] },
      ]);
      // A stale value is the old one kept: not a sample of today.
      await store.facts.write('prometheus', [
        { entityRef: ref, facts: [fact(0.1, `${today}T00:20:00.000Z`, true)] },
      ]);
      expect(await store.facts.budgetHistory(ref, '2019-01-01')).toEqual([
        { name: 'budget/production/availability', day: today, remaining: 0.7 },
      ]);
    });

    it('summarises with a per-owner roll-up, and rejects a forged cursor', async () => {
      const { store } = await createStore(databaseId);
      await evaluate(store, [
        row('a', {
          owner: 'group:default/x',
          score: 100,
          level: 'gold',
          failingChecks: [],
        }),
        row('b', { owner: 'group:default/x', score: 50 }),
        row('c', { owner: 'group:default/y', score: 20 }),
      ]);
      const summary = await store.summary({}, CHECKS);
      expect(summary).toMatchObject({
        entityCount: 3,
        averageScore: 56.7,
        failingCounts: { 'slo-indicators': 2 },
      });
      expect(summary.owners).toEqual([
        {
          owner: 'group:default/x',
          entityCount: 2,
          averageScore: 75,
          levelCounts: { none: 0, bronze: 1, silver: 0, gold: 1 },
        },
        {
          owner: 'group:default/y',
          entityCount: 1,
          averageScore: 20,
          levelCounts: { none: 0, bronze: 1, silver: 0, gold: 0 },
        },
      ]);
      await expect(
        store.listCompliance({
          filter: {},
          sort: { field: 'score', order: 'asc' },
          limit: 5,
          cursor: 'not-a-cursor',
        }),
      ).rejects.toThrow(/cursor/);
    });

    it('keeps history only on change, a trend per run and per owner, and serves the previous run when one fails', async () => {
      const { store } = await createStore(databaseId);
      const first = await evaluate(
        store,
        [row('a'), row('b')],
        new Date(Date.now() - 2000),
      );
      const second = await evaluate(
        store,
        [row('a'), row('b', { score: 80, level: 'silver' })],
        new Date(Date.now() - 1000),
      );
      expect(
        (await store.entityHistory('component:default/a', 10)).map(
          h => h.evaluationId,
        ),
      ).toEqual([first.id]);
      expect(
        (await store.entityHistory('component:default/b', 10)).map(h => [
          h.evaluationId,
          h.score,
        ]),
      ).toEqual([
        [first.id, 50],
        [second.id, 80],
      ]);
      expect(
        (await store.trend({ limit: 10 })).map(p => p.averageScore),
      ).toEqual([50, 65]);
      // Pages and summaries are cached per run: a new run is served at once, not the old page.
      const list = await store.listCompliance({
        filter: { text: 'b' },
        sort: { field: 'entityRef', order: 'asc' },
        limit: 10,
      });
      expect(list.items.map(i => i.score)).toEqual([80]);
      expect(
        (await store.summary({ owner: ['group:default/team-a'] }, CHECKS))
          .averageScore,
      ).toBe(65);
      await evaluate(store, [row('a'), row('b', { score: 20 })]);
      expect(
        (
          await store.listCompliance({
            filter: { text: 'b' },
            sort: { field: 'entityRef', order: 'asc' },
            limit: 10,
          })
        ).items.map(i => i.score),
      ).toEqual([20]);
      expect(
        (await store.summary({ owner: ['group:default/team-a'] }, CHECKS))
          .averageScore,
      ).toBe(35);
      expect(
        (await store.trend({ owner: 'group:default/team-a', limit: 10 })).map(
          p => p.entityCount,
        ),
      ).toEqual([2, 2, 2]);

      const failed = await store.startEvaluation('test');
      await store.writeResults(failed, [row('a', { score: 0 })], new Date());
      await store.failEvaluation(failed, 'catalog unreachable');
      const third = await store.latestEvaluation();
      expect(third?.id).toBeGreaterThan(second.id);
      expect(await store.lastRun()).toMatchObject({
        id: failed,
        status: 'failed',
        error: 'catalog unreachable',
      });
      expect((await store.latestRecord('component:default/a'))?.score).toBe(50);
      expect((await store.latestRecord('component:default/b'))?.score).toBe(20);
      expect(
        (await store.entityHistory('component:default/a', 10)).length,
      ).toBe(1);
    });

    it('fails runs left running past their lease, drops their rows, and refuses to complete them', async () => {
      const { store, knex } = await createStore(databaseId);
      const served = await evaluate(store, [row('a', { score: 50 })]);
      // A backend killed mid-run: its run stays `running` with half its rows.
      const orphan = await store.startEvaluation('schedule');
      await store.writeResults(orphan, [row('a', { score: 0 })], new Date());
      await knex('ops_evaluations')
        .where('id', orphan)
        .update({ started_at: new Date(Date.now() - 20 * 60_000) });
      const fresh = await store.startEvaluation('schedule');

      const ids = await store.failInterruptedEvaluations({
        startedBefore: new Date(Date.now() - 10 * 60_000),
        reason: 'interrupted: the backend running it stopped',
      });
      expect(ids).toEqual([orphan]);
      expect(await store.lastRun()).toMatchObject({
        id: orphan,
        status: 'failed',
        error: 'interrupted: the backend running it stopped',
      });
      expect(
        Number(
          (
            await knex('ops_entity_results')
              .where('evaluation_id', orphan)
              .count({ n: '*' })
          )[0].n,
        ),
      ).toBe(0);
      // The run just started is within its lease and untouched; the served results stay.
      expect((await store.currentRun())?.id).toBe(fresh);
      expect((await store.currentRun())?.status).toBe('running');
      expect((await store.latestEvaluation())?.id).toBe(served.id);
      // Should the stopped run come back to life, it cannot replace newer results.
      await expect(
        store.completeEvaluation(orphan, {
          checkIds: CHECKS,
          historyRetentionMs: 90 * DAY,
        }),
      ).rejects.toThrow(/no longer running/);
    });

    it('keeps the results of the last two runs, and runs, history and trend within the retention', async () => {
      const { store, knex } = await createStore(databaseId);
      const ago = (days: number) => new Date(Date.now() - days * DAY);
      // Four runs, each changing the score (so each writes history), finished 100, 60 and 10 days ago and now.
      const ids: number[] = [];
      for (const [days, score] of [
        [100, 10],
        [60, 20],
        [10, 30],
      ]) {
        const run = await evaluate(store, [row('a', { score })], ago(days));
        await knex('ops_evaluations')
          .where('id', run.id)
          .update({ finished_at: ago(days) });
        ids.push(run.id);
      }
      ids.push(
        (await evaluate(store, [row('a', { score: 40 })], new Date(), 30 * DAY))
          .id,
      );
      const column = async (table: string, name: string) =>
        (await knex(table).distinct(name).orderBy(name)).map(r =>
          Number(r[name]),
        );
      // Result sets: the last two succeeded runs only.
      expect(await column('ops_entity_results', 'evaluation_id')).toEqual(
        ids.slice(2),
      );
      expect(await column('ops_scorecard_results', 'evaluation_id')).toEqual(
        ids.slice(2),
      );
      // Runs and their owner trend: those within 30 days (and the kept ones).
      expect(await column('ops_evaluations', 'id')).toEqual(ids.slice(2));
      expect(await column('ops_owner_trend', 'evaluation_id')).toEqual(
        ids.slice(2),
      );
      // History: changes within 30 days, oldest first.
      expect(
        (await store.entityHistory('component:default/a', 10)).map(
          h => h.score,
        ),
      ).toEqual([30, 40]);
    });

    it('records sign-offs and waivers, and revokes a waiver once', async () => {
      const { store } = await createStore(databaseId);
      await store.addSignOff({
        entityRef: 'component:default/a',
        itemId: 'tests-passing',
        version: '1.2.0',
        environment: 'production',
        by: 'user:default/jane',
      });
      await store.addSignOff({
        entityRef: 'component:default/a',
        itemId: 'runbook-updated',
        by: 'ci-pipeline',
      });
      expect(
        (await store.listSignOffs('component:default/a')).map(s => [
          s.itemId,
          s.version,
          s.by,
        ]),
      ).toEqual([
        ['tests-passing', '1.2.0', 'user:default/jane'],
        ['runbook-updated', undefined, 'ci-pipeline'],
      ]);
      expect([...(await store.allSignOffs()).keys()]).toEqual([
        'component:default/a',
      ]);

      const { waiver: active } = await store.addWaiver({
        entityRef: 'component:default/a',
        checkId: 'backups',
        reason: 'migrating',
        expiresAt: new Date(Date.now() + DAY),
        by: 'user:default/jane',
      });
      await store.addWaiver({
        entityRef: 'component:default/a',
        checkId: 'slo-indicators',
        reason: 'old',
        expiresAt: new Date(Date.now() - DAY),
        by: 'user:default/jane',
      });
      expect(
        (
          await store.listWaivers('component:default/a', {
            includeInactive: false,
          })
        ).map(w => w.checkId),
      ).toEqual(['backups']);
      expect(
        (
          await store.listWaivers('component:default/a', {
            includeInactive: true,
          })
        ).length,
      ).toBe(2);
      const revoked = await store.revokeWaiver(active.id, 'user:default/sam');
      expect(revoked).toMatchObject({
        revoked: true,
        waiver: { active: false, revokedBy: 'user:default/sam' },
      });
      expect(
        await store.revokeWaiver(active.id, 'user:default/lee'),
      ).toMatchObject({
        revoked: false,
        waiver: { revokedBy: 'user:default/sam' },
      });
      expect((await store.activeWaivers()).size).toBe(0);
      expect(
        await store.revokeWaiver('00000000-0000-0000-0000-000000000000', 'x'),
      ).toBeUndefined();
    });

    it('keeps one active waiver per entity and check, under concurrent writers', async () => {
      const { knex, replicas } = await twoReplicas(databaseId);
      const waiver = (i: number, expiresAt = new Date(Date.now() + DAY)) => ({
        entityRef: 'component:default/a',
        checkId: 'backups',
        reason: `attempt ${i}`,
        expiresAt,
        by: 'user:default/jane',
      });
      const results = await Promise.all(
        Array.from({ length: 40 }, (_, i) =>
          replicas[i % 2].addWaiver(waiver(i)),
        ),
      );
      const created = results.filter(r => r.created);
      expect(created).toHaveLength(1);
      expect(new Set(results.map(r => r.waiver.id))).toEqual(
        new Set([created[0].waiver.id]),
      );
      // Another check, or another entity, is not in the way.
      expect(
        (
          await replicas[0].addWaiver({
            ...waiver(0),
            checkId: 'slo-indicators',
          })
        ).created,
      ).toBe(true);
      // Once revoked, the pair is free again.
      await replicas[1].revokeWaiver(created[0].waiver.id, 'user:default/sam');
      const next = await replicas[0].addWaiver(waiver(41));
      expect(next.created).toBe(true);
      // An expired waiver gives the pair up too, and stays listed as expired.
      await knex('ops_waivers')
        .where('id', next.waiver.id)
        .update({ expires_at: new Date(Date.now() - 1000) });
      expect((await replicas[1].addWaiver(waiver(42))).created).toBe(true);
      const all = await replicas[0].listWaivers('component:default/a', {
        includeInactive: true,
      });
      expect(
        all.filter(w => w.checkId === 'backups').map(w => w.active),
      ).toEqual([false, false, true]);
    });

    it('takes waiver requests through pending, one decision, denial and expiry, across replicas', async () => {
      const { knex, replicas } = await twoReplicas(databaseId);
      const ask = (checkId: string, reason = 'drill booked') =>
        replicas[0].addWaiver({
          entityRef: 'component:default/a',
          checkId,
          reason,
          expiresAt: new Date(Date.now() + DAY),
          by: 'user:default/jane',
          status: 'pending',
        });
      const { waiver: request } = await ask('backups');
      expect(request).toMatchObject({ status: 'pending', active: false });
      // A pending request waives nothing, and holds the pair: a second request meets it.
      expect(await replicas[1].activeWaivers()).toEqual(new Map());
      const again = await ask('backups', 'again');
      expect([again.created, again.waiver.id]).toEqual([false, request.id]);
      expect(
        (await replicas[0].waiversByStatus('pending', 10)).map(w => w.id),
      ).toEqual([request.id]);

      // Ten approvals and ten denials at once over two replicas: exactly one wins.
      const decisions = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          replicas[i % 2].decideWaiver(request.id, {
            decision: i % 4 < 2 ? 'approve' : 'deny',
            by: `user:default/approver-${i}`,
            comment: `decision ${i}`,
          }),
        ),
      );
      const winners = decisions.filter(d => d!.decided);
      expect(winners).toHaveLength(1);
      const winner = winners[0]!.waiver;
      // Every loser sees the winner's decision, unchanged.
      for (const d of decisions)
        expect(d!.waiver).toMatchObject({
          status: winner.status,
          decidedBy: winner.decidedBy,
          decisionComment: winner.decisionComment,
        });
      expect(
        (await replicas[1].activeWaivers()).get('component:default/a') ?? [],
      ).toHaveLength(winner.status === 'approved' ? 1 : 0);

      // A denial frees the pair for the next request; an approval holds it.
      const { waiver: second } = await ask('recovery');
      await replicas[1].decideWaiver(second.id, {
        decision: 'deny',
        by: 'user:default/sam',
        comment: 'book the drill first',
      });
      const third = await ask('recovery', 'booked now');
      expect(third.created).toBe(true);
      await replicas[0].decideWaiver(third.waiver.id, {
        decision: 'approve',
        by: 'user:default/sam',
        comment: 'ok until the drill',
      });
      expect((await ask('recovery', 'once more')).created).toBe(false);

      // Expired: an approved waiver and a pending request alike, and a late decision loses.
      const { waiver: late } = await ask('slo-indicators');
      await knex('ops_waivers')
        .whereIn('id', [late.id, third.waiver.id])
        .update({ expires_at: new Date(Date.now() - 1000) });
      const tooLate = await replicas[0].decideWaiver(late.id, {
        decision: 'approve',
        by: 'user:default/sam',
        comment: 'late',
      });
      expect(tooLate).toMatchObject({
        decided: false,
        waiver: { status: 'expired' },
      });
      expect(
        (await replicas[1].waiversByStatus('expired', 10))
          .map(w => w.id)
          .sort(),
      ).toEqual([late.id, third.waiver.id].sort());
      expect(
        (await replicas[1].waiversByStatus('denied', 10)).map(w => w.id),
      ).toEqual(
        // Oldest first: the first request, if the race denied it, then the second.
        winner.status === 'denied' ? [request.id, second.id] : [second.id],
      );
      // Revoked with a reason, kept.
      await replicas[0].revokeWaiver(second.id, 'user:default/sam', 'cleanup');
      expect(await replicas[1].getWaiver(second.id)).toMatchObject({
        status: 'revoked',
        revokeReason: 'cleanup',
      });
    });

    it('keeps sign-offs across a new store on the same database (a backend restart)', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const before = await DatabaseOpsStore.create({ database });
      await before.addSignOff({
        entityRef: 'component:default/a',
        itemId: 'tests-passing',
        by: 'user:default/jane',
      });
      const after = await DatabaseOpsStore.create({ database });
      expect(
        (await after.listSignOffs('component:default/a')).map(s => s.itemId),
      ).toEqual(['tests-passing']);
    });

    it('takes two concurrent writers without losing or mixing anything', async () => {
      const knex = await databases.init(databaseId);
      const database = mockServices.database({
        knex,
        migrations: { skip: false },
      });
      const one = await DatabaseOpsStore.create({ database });
      const two = new DatabaseOpsStore(knex);
      const writes = Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? one : two).addSignOff({
          entityRef: 'component:default/a',
          itemId: `item-${i}`,
          by: `user:default/u${i}`,
        }),
      );
      const runs = Promise.all([
        evaluate(one, [row('a'), row('b')]),
        evaluate(two, [row('a', { score: 10 }), row('c')]),
      ]);
      const [signOffs, [r1, r2]] = await Promise.all([
        Promise.all(writes),
        runs,
      ]);
      expect(new Set(signOffs.map(s => s.id)).size).toBe(20);
      expect((await one.listSignOffs('component:default/a')).length).toBe(20);
      const latest = await one.latestEvaluation();
      expect([r1.id, r2.id]).toContain(latest?.id);
      const page = await one.listCompliance({
        filter: {},
        sort: { field: 'entityRef', order: 'asc' },
        limit: 10,
      });
      expect(page.totalItems).toBe(2);
    });
  });
});
