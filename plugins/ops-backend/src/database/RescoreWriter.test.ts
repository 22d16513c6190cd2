import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { row } from '../__testUtils__/complianceRows';
import { DatabaseOpsStore } from './DatabaseOpsStore';
import type { ComplianceRow } from './OpsStore';

jest.setTimeout(60_000);

const CHECKS = ['slo-indicators', 'backups', 'escalation-path'];
const RETENTION = 90 * 86_400_000;

const gold = (name: string, overrides: Partial<ComplianceRow> = {}) =>
  row(name, {
    score: 100,
    level: 'gold',
    scorecards: {
      deployment: { score: 100, level: 'gold' },
      monitoring: { score: 100, level: 'gold' },
    },
    failingChecks: [],
    ...overrides,
  });

describe('RescoreWriter', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function replicas(databaseId: TestDatabaseId, count = 1) {
    const knex = await databases.init(databaseId);
    const stores: DatabaseOpsStore[] = [];
    for (let i = 0; i < count; i++)
      stores.push(
        await DatabaseOpsStore.create({
          database: mockServices.database({
            knex,
            migrations: { skip: i > 0 },
          }),
        }),
      );
    return { knex, stores };
  }

  async function evaluate(store: DatabaseOpsStore, rows: ComplianceRow[]) {
    const id = await store.startEvaluation('test');
    await store.writeResults(id, rows, new Date());
    return store.completeEvaluation(id, {
      checkIds: CHECKS,
      historyRetentionMs: RETENTION,
    });
  }

  const history = (store: DatabaseOpsStore, name: string) =>
    store.entityHistory(`component:default/${name}`, 10);

  it.each(databases.eachSupportedId())(
    'replaces the served row, its totals, roll-ups and history (%p)',
    async databaseId => {
      const {
        stores: [store],
      } = await replicas(databaseId);
      await evaluate(store, [
        row('a'),
        row('b'),
        row('c', { owner: 'group:default/team-b' }),
      ]);
      // Read once, so the caches hold the old values.
      expect((await store.summary({}, CHECKS)).levelCounts.bronze).toBe(3);
      expect((await store.latestRecord('component:default/a'))?.level).toBe(
        'bronze',
      );

      const outcome = await store.writeRescored(
        [gold('a', { owner: 'group:default/team-b' })],
        { checkIds: CHECKS, at: new Date() },
      );
      expect(outcome.changed).toEqual(['component:default/a']);

      const run = await store.latestEvaluation();
      expect(run?.revision).toBe(1);
      expect(run?.rescoredAt).toBeDefined();
      const summary = await store.summary({}, CHECKS);
      expect(summary.entityCount).toBe(3);
      expect(summary.levelCounts).toMatchObject({ gold: 1, bronze: 2 });
      // (100 + 50 + 50) / 3, kept to one decimal.
      expect(summary.averageScore).toBe(66.7);
      expect(summary.failingCounts['slo-indicators']).toBe(2);
      // The row moved from team-a to team-b: both roll-ups follow.
      expect(
        summary.owners.map(o => [o.owner, o.entityCount, o.levelCounts.gold]),
      ).toEqual([
        ['group:default/team-a', 1, 0],
        ['group:default/team-b', 2, 1],
      ]);
      expect(
        (await store.summary({ level: ['gold'] }, CHECKS)).entityCount,
      ).toBe(1);
      const page = await store.listCompliance({
        filter: {},
        sort: { field: 'score', order: 'desc' },
        limit: 1,
      });
      expect(page.items[0]).toMatchObject({
        entityRef: 'component:default/a',
        level: 'gold',
      });
      expect((await store.latestRecord('component:default/a'))?.level).toBe(
        'gold',
      );
      expect((await history(store, 'a')).map(h => h.level)).toEqual([
        'bronze',
        'gold',
      ]);
      // The owner trend of the served run is its roll-up.
      const trend = await store.trend({
        owner: 'group:default/team-b',
        limit: 5,
      });
      expect(trend.at(-1)?.entityCount).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'writes nothing when the score did not change (%p)',
    async databaseId => {
      const {
        stores: [store],
      } = await replicas(databaseId);
      await evaluate(store, [row('a', { score: 83.33333 })]);
      const outcome = await store.writeRescored(
        [row('a', { score: 83.33333 })],
        {
          checkIds: CHECKS,
          at: new Date(),
        },
      );
      expect(outcome).toEqual({ evaluationIds: [], changed: [] });
      expect((await store.latestEvaluation())?.revision).toBe(0);
      expect(await history(store, 'a')).toHaveLength(1);
      // Still recorded: a full run under way must score it again.
      expect(await store.rescoredSince(new Date(0))).toEqual([
        'component:default/a',
      ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'adds an entity the served run did not have (%p)',
    async databaseId => {
      const {
        stores: [store],
      } = await replicas(databaseId);
      await evaluate(store, [row('a')]);
      await store.writeRescored([gold('new')], {
        checkIds: CHECKS,
        at: new Date(),
      });
      const summary = await store.summary({}, CHECKS);
      expect(summary.entityCount).toBe(2);
      expect(summary.levelCounts).toMatchObject({ gold: 1, bronze: 1 });
      expect(summary.owners[0].entityCount).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'a full run under way serves the change once it completes, with one history row (%p)',
    async databaseId => {
      const {
        stores: [store],
      } = await replicas(databaseId);
      await evaluate(store, [row('a'), row('b')]);
      // A full run starts and has written a's row as it read it.
      const started = new Date();
      const running = await store.startEvaluation('test');
      await store.writeResults(running, [row('a')], new Date());
      // a and b are signed off: re-scored into the served run, and into the running one for a.
      const outcome = await store.writeRescored([gold('a'), gold('b')], {
        checkIds: CHECKS,
        at: new Date(),
      });
      expect(outcome.evaluationIds.sort()).toEqual(
        [running, running - 1].sort(),
      );
      // The run writes b as it read it, before the sign-off.
      await store.writeResults(running, [row('b')], new Date());
      // Before completing, it scores again what changed since it started (EntityRescorer does this).
      const changed = await store.rescoredSince(started);
      expect(changed).toEqual(['component:default/a', 'component:default/b']);
      await store.writeRescored([gold('a'), gold('b')], {
        checkIds: CHECKS,
        at: new Date(),
        into: running,
      });
      await store.completeEvaluation(running, {
        checkIds: CHECKS,
        historyRetentionMs: RETENTION,
      });
      const summary = await store.summary({}, CHECKS);
      expect(summary.evaluation?.id).toBe(running);
      expect(summary.levelCounts).toMatchObject({ gold: 2, bronze: 0 });
      for (const name of ['a', 'b'])
        expect((await history(store, name)).map(h => h.level)).toEqual([
          'bronze',
          'gold',
        ]);
    },
  );

  it.each(databases.eachSupportedId())(
    'two replicas re-scoring the same change write one history row (%p)',
    async databaseId => {
      const { stores } = await replicas(databaseId, 2);
      await evaluate(stores[0], [row('a'), row('b')]);
      await Promise.all(
        stores.map(store =>
          store.writeRescored([gold('a')], {
            checkIds: CHECKS,
            at: new Date(),
          }),
        ),
      );
      expect((await history(stores[1], 'a')).map(h => h.level)).toEqual([
        'bronze',
        'gold',
      ]);
      const summary = await stores[1].summary({}, CHECKS);
      expect(summary.levelCounts).toMatchObject({ gold: 1, bronze: 1 });
      expect(summary.owners[0].entityCount).toBe(2);
    },
  );

  it.each(databases.eachSupportedId())(
    'records older than the served and running runs are pruned when a run completes (%p)',
    async databaseId => {
      const {
        stores: [store],
      } = await replicas(databaseId);
      await evaluate(store, [row('a')]);
      await store.writeRescored([gold('a')], {
        checkIds: CHECKS,
        at: new Date(Date.now() - 60_000),
      });
      await evaluate(store, [row('a')]);
      expect(await store.rescoredSince(new Date(0))).toEqual([]);
    },
  );
});
