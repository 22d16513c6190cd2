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
];

describe('migrations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'run up, down and up again on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      const config = {
        directory: DatabaseOpsStore.migrationsDirectory,
        tableName: 'ops_knex_migrations',
      };

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
});
