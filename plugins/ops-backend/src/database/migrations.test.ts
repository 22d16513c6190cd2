import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseOpsStore } from './DatabaseOpsStore';

jest.setTimeout(60_000);

const TABLES = [
  'ops_evaluations',
  'ops_entity_results',
  'ops_scorecard_results',
  'ops_owner_trend',
  'ops_entity_history',
  'ops_signoffs',
  'ops_waivers',
  'ops_facts',
  'ops_budget_history',
];

const config = {
  directory: DatabaseOpsStore.migrationsDirectory,
  tableName: 'ops_knex_migrations',
};

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'run up, down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);

      await knex.migrate.latest(config);
      for (const table of TABLES)
        expect(await knex.schema.hasTable(table)).toBe(true);
      await knex('ops_signoffs').insert({
        entity_ref: 'component:default/a',
        item_id: 'x',
        signed_by: 'me',
        signed_at: new Date(),
      });

      await knex.migrate.rollback(config, true);
      for (const table of TABLES)
        expect(await knex.schema.hasTable(table)).toBe(false);

      await knex.migrate.latest(config);
      expect(await knex('ops_signoffs').count({ n: '*' })).toEqual([
        { n: expect.anything() },
      ]);
      expect(Number((await knex('ops_signoffs').count({ n: '*' }))[0].n)).toBe(
        0,
      );
    },
  );

  it.each(databases.eachSupportedId())(
    'upgrades a database holding waivers to one active waiver per pair, each approved, on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      // Up to the last migration before the active-waiver rule.
      await knex.migrate.up({ ...config, name: '20261127120000_init.js' });
      await knex.migrate.up({ ...config, name: '20261127140000_facts.js' });
      const day = 86_400_000;
      const waiver = (id: string, createdAgo: number, extra: object = {}) => ({
        id,
        entity_ref: 'component:default/a',
        check_id: 'backups',
        reason: 'r',
        expires_at: new Date(Date.now() + day),
        created_by: 'me',
        created_at: new Date(Date.now() - createdAgo),
        ...extra,
      });
      await knex('ops_waivers').insert([
        waiver('00000000-0000-4000-8000-000000000001', 3 * day),
        waiver('00000000-0000-4000-8000-000000000002', 2 * day),
        waiver('00000000-0000-4000-8000-000000000003', day, {
          revoked_at: new Date(),
          revoked_by: 'me',
        }),
        waiver('00000000-0000-4000-8000-000000000004', day, {
          expires_at: new Date(Date.now() - 1000),
        }),
      ]);

      await knex.migrate.latest(config);
      const keys = await knex('ops_waivers')
        .orderBy('id')
        .select('id', 'active_key');
      expect(keys.map(k => k.active_key)).toEqual([
        null,
        'component:default/a|backups',
        null,
        null,
      ]);
      expect(Number((await knex('ops_waivers').count({ n: '*' }))[0].n)).toBe(
        4,
      );
      // Waivers written before requests existed were in force: approved, by whoever wrote them.
      const decided = await knex('ops_waivers')
        .orderBy('id')
        .select('status', 'decided_by', 'decided_at', 'created_at');
      expect(decided.map(w => [w.status, w.decided_by])).toEqual(
        Array(4).fill(['approved', 'me']),
      );
      for (const w of decided)
        expect(new Date(w.decided_at).getTime()).toBe(
          new Date(w.created_at).getTime(),
        );
      // The index holds from now on.
      const outcome = await knex('ops_waivers')
        .insert(
          waiver('00000000-0000-4000-8000-000000000005', 0, {
            active_key: 'component:default/a|backups',
          }),
        )
        .then(
          () => 'inserted',
          (error: Error) => String(error?.message ?? error),
        );
      expect(outcome).toMatch(/unique/i);
    },
  );
});
