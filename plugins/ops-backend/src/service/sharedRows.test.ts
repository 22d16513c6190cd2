import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Knex } from 'knex';
import { DatabaseOpsStore } from '../database/DatabaseOpsStore';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import { signOffChecklist } from '../__testUtils__/signOffs';
import { testEvaluator, testRescorer } from '../__testUtils__/testEvaluator';

jest.setTimeout(60_000);

/**
 * A run that finds nothing changed serves the rows of the run before it
 * (EvaluationRun.rowsOf) instead of copying them: the list, the summary and
 * re-scores read and write those rows, and pruning keeps them while a kept
 * run serves them.
 */
describe('runs that change nothing', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  async function setup(id: TestDatabaseId) {
    const knex = await databases.init(id);
    const store = await DatabaseOpsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const entities = exampleCatalog().map((e, i) => ({
      ...e,
      metadata: { ...e.metadata, etag: `v1-${i}` },
    }));
    const catalog = catalogServiceMock({ entities });
    const rescorer = testRescorer(store, catalog);
    const evaluator = testEvaluator(store, catalog, { rescorer });
    return { knex, store, entities, catalog, evaluator, rescorer };
  }

  const list = (store: DatabaseOpsStore) =>
    store.listCompliance({
      filter: {},
      sort: { field: 'entityRef', order: 'asc' },
      limit: 10,
    });
  const ownRows = async (knex: Knex, id: number) =>
    Number(
      (
        await knex('ops_entity_results')
          .where('evaluation_id', id)
          .count({ n: '*' })
      )[0].n,
    );

  it.each(databases.eachSupportedId())(
    'serves the previous rows until something changes, and keeps them while served (%p)',
    async id => {
      const { knex, store, entities, evaluator, rescorer } = await setup(id);
      const first = await evaluator.run('test');
      expect(first.rowsOf).toBeUndefined();
      const before = await list(store);

      const second = await evaluator.run('test');
      expect(second).toMatchObject({ rowsOf: first.id, entityCount: 4 });
      expect(second.averageScore).toBe(first.averageScore);
      expect(await ownRows(knex, second.id)).toBe(0);
      const served = await list(store);
      expect(served.evaluation?.id).toBe(second.id);
      expect(served.items).toEqual(before.items);
      const owner = before.items[0].owner!;
      const summary = await store.summary({ owner: [owner] }, []);
      expect(summary.entityCount).toBe(
        before.items.filter(i => i.owner === owner).length,
      );
      expect((await store.summary({}, [])).owners.length).toBeGreaterThan(0);

      // A re-score replaces the shared row and counts on the served run.
      const ref = 'component:default/payments-api';
      await signOffChecklist(store, ref);
      await rescorer.rescore([ref]);
      const rescored = await store.latestEvaluation();
      expect(rescored).toMatchObject({ id: second.id, revision: 1 });
      expect((await store.latestRecord(ref))?.failingChecks).not.toContain(
        'checklist-signed-off',
      );
      expect(await ownRows(knex, second.id)).toBe(0);

      // The re-scored entity is scored again by the next run: it stores its own rows.
      const third = await evaluator.run('test');
      expect(third.rowsOf).toBeUndefined();
      expect(await ownRows(knex, third.id)).toBe(4);
      expect((await store.latestRecord(ref))?.failingChecks).not.toContain(
        'checklist-signed-off',
      );
      // Kept: the third run and the second, whose rows are the first's.
      expect(await ownRows(knex, first.id)).toBe(4);

      const fourth = await evaluator.run('test');
      expect(fourth.rowsOf).toBe(third.id);
      // Kept now: the fourth (the third's rows) and the third: the first's rows go.
      expect(await ownRows(knex, first.id)).toBe(0);
      expect(await ownRows(knex, third.id)).toBe(4);

      // An entity gone from the evaluated kinds: the run stores rows without it.
      const legacy = entities.find(e => e.metadata.name === 'legacy-billing')!;
      legacy.kind = 'API';
      const fifth = await evaluator.run('test');
      expect(fifth).toMatchObject({ entityCount: 3 });
      expect(fifth.rowsOf).toBeUndefined();
      expect((await list(store)).items.map(i => i.entityRef)).not.toContain(
        'component:default/legacy-billing',
      );
    },
  );

  it('does not keep rows holding an entity re-scored and then gone from the catalog', async () => {
    const { store, entities, evaluator, rescorer } = await setup('SQLITE_3');
    await evaluator.run('test');
    const ref = 'component:default/legacy-billing';
    await signOffChecklist(store, ref);
    await rescorer.rescore([ref]);
    entities.find(e => e.metadata.name === 'legacy-billing')!.kind = 'API';
    const next = await evaluator.run('test');
    expect(next.rowsOf).toBeUndefined();
    expect(next.entityCount).toBe(3);
    expect((await list(store)).items.map(i => i.entityRef)).not.toContain(ref);
  });

  it.each(databases.eachSupportedId())(
    'gives a run that kept rows copies of them when the migration is rolled back (%p)',
    async id => {
      const { knex, evaluator } = await setup(id);
      const first = await evaluator.run('test');
      const second = await evaluator.run('test');
      expect(second.rowsOf).toBe(first.id);
      await knex.migrate.down({
        directory: DatabaseOpsStore.migrationsDirectory,
        tableName: 'ops_knex_migrations',
      });
      expect(await knex.schema.hasColumn('ops_evaluations', 'rows_of')).toBe(
        false,
      );
      expect(await ownRows(knex, second.id)).toBe(4);
      const cards = (run: number) =>
        knex('ops_scorecard_results')
          .where('evaluation_id', run)
          .orderBy(['entity_ref', 'scorecard'])
          .select('entity_ref', 'scorecard', 'score', 'level');
      expect(await cards(second.id)).toEqual(await cards(first.id));
    },
  );

  it('lets a cursor of a run that kept rows page on while they are kept', async () => {
    const { store, evaluator } = await setup('SQLITE_3');
    await evaluator.run('test');
    const second = await evaluator.run('test');
    const page = await store.listCompliance({
      filter: {},
      sort: { field: 'entityRef', order: 'asc' },
      limit: 2,
    });
    expect(page.evaluation?.id).toBe(second.id);
    await evaluator.run('test');
    const next = await store.listCompliance({
      filter: {},
      sort: { field: 'entityRef', order: 'asc' },
      limit: 2,
      cursor: page.nextCursor,
    });
    expect(next.evaluation?.id).toBe(second.id);
    expect(next.items.map(i => i.entityRef)).not.toContain(
      page.items[0].entityRef,
    );
    expect(next.items).toHaveLength(2);
  });
});
