import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseOpsStore } from '../database/DatabaseOpsStore';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import { ENTITY_FIELDS } from './CatalogEvaluator';
import { testEvaluator, testRescorer } from '../__testUtils__/testEvaluator';
import { signOffChecklist } from '../__testUtils__/signOffs';
import { staleness, storedStaleness } from './staleness';

jest.setTimeout(60_000);

describe('CatalogEvaluator', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  let databaseId: TestDatabaseId = 'SQLITE_3';
  async function setup() {
    const knex = await databases.init(databaseId);
    const store = await DatabaseOpsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({ entities: exampleCatalog() });
    const evaluator = testEvaluator(store, catalog);
    return { store, catalog, evaluator, knex };
  }

  it('scores every component with only the fields it needs, with sign-offs and targets as facts', async () => {
    const { store, catalog, evaluator } = await setup();
    const spy = jest.spyOn(catalog, 'queryEntities');
    await store.addSignOff({
      entityRef: 'component:default/payments-api',
      itemId: 'tests-passing',
      by: 'user:default/jane',
    });
    const run = await evaluator.run('test');
    expect(run).toMatchObject({ status: 'succeeded', entityCount: 4 });
    expect(
      spy.mock.calls.some(
        ([req]) =>
          JSON.stringify((req as any)?.fields) ===
          JSON.stringify([...ENTITY_FIELDS, 'metadata.etag']),
      ),
    ).toBe(true);
    const payments = await store.latestRecord('component:default/payments-api');
    expect(payments?.failingChecks).not.toContain('escalation-path');
    expect(payments?.warningChecks).not.toContain('escalation-path');
  });

  it.each(databases.eachSupportedId())(
    'copies unchanged entities from the last run and re-scores only what changed (%p)',
    async id => {
      databaseId = id;
      const { store, evaluator } = await setup();
      const logger = (evaluator as any).options.logger;
      const first = await evaluator.run('test');
      const before = await store.listCompliance({
        filter: {},
        sort: { field: 'entityRef', order: 'asc' },
        limit: 10,
      });
      const second = await evaluator.run('test');
      expect(logger.info).toHaveBeenLastCalledWith(
        expect.stringMatching(/scored 4 entities \(4 unchanged\)/),
      );
      const after = await store.listCompliance({
        filter: {},
        sort: { field: 'entityRef', order: 'asc' },
        limit: 10,
      });
      expect(after.evaluation?.id).toBe(second.id);
      expect(after.items).toEqual(before.items);
      expect(second.id).not.toBe(first.id);

      // A new fact (a sign-off) changes that entity's hash: it alone is scored again.
      await signOffChecklist(store, 'component:default/payments-api');
      await evaluator.run('test');
      expect(logger.info).toHaveBeenLastCalledWith(
        expect.stringMatching(/scored 4 entities \(3 unchanged\)/),
      );
      expect(
        (await store.latestRecord('component:default/payments-api'))
          ?.failingChecks,
      ).not.toContain('checklist-signed-off');
    },
  );

  it('with the last run kept, lists only versions and reads whole only the entities whose etag changed', async () => {
    const entities = exampleCatalog().map((e, i) => ({
      ...e,
      metadata: { ...e.metadata, etag: `v1-${i}` },
    }));
    const knex = await databases.init('SQLITE_3');
    const store = await DatabaseOpsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    });
    const catalog = catalogServiceMock({ entities });
    const evaluator = testEvaluator(store, catalog);
    const pages = jest.spyOn(catalog, 'queryEntities');
    const byRefs = jest.spyOn(catalog, 'getEntitiesByRefs');
    const componentPages = () =>
      pages.mock.calls
        .map(([req]) => req as any)
        .filter(req => req?.filter?.kind?.includes('Component'));
    await evaluator.run('test');
    expect(componentPages()[0].fields).toContain('metadata.annotations');
    expect(byRefs).not.toHaveBeenCalled();

    pages.mockClear();
    await evaluator.run('test');
    expect(componentPages()[0].fields).toEqual([
      'kind',
      'metadata.name',
      'metadata.namespace',
      'metadata.etag',
    ]);
    expect(byRefs).not.toHaveBeenCalled();

    // The catalog stores a new version of one entity: a new etag.
    const inventory = entities.find(
      e => e.metadata.name === 'inventory-service',
    )!;
    inventory.spec = { ...inventory.spec, owner: 'group:default/sre' };
    inventory.metadata.etag = 'v2';
    await evaluator.run('test');
    expect(byRefs).toHaveBeenCalledTimes(1);
    expect((byRefs.mock.calls[0][0] as any).entityRefs).toEqual([
      'component:default/inventory-service',
    ]);
    expect(
      (await store.latestRecord('component:default/inventory-service'))?.owner,
    ).toBe('group:default/sre');
    expect((await store.latestEvaluation())?.entityCount).toBe(4);
  });

  it.each(databases.eachSupportedId())(
    'a sign-off written while a run pages the catalog is served when the run completes (%p)',
    async id => {
      databaseId = id;
      const { store, catalog } = await setup();
      const ref = 'component:default/payments-api';
      const rescorer = testRescorer(store, catalog);
      const evaluator = testEvaluator(store, catalog, { rescorer });
      await evaluator.run('test');
      expect((await store.latestRecord(ref))?.failingChecks).toContain(
        'checklist-signed-off',
      );
      // The run has read the sign-offs; they are written (and re-scored into the served run) while it pages.
      const page = catalog.queryEntities.bind(catalog);
      let signed = false;
      let servedMidRun: Awaited<ReturnType<typeof store.latestRecord>>;
      jest.spyOn(catalog, 'queryEntities').mockImplementation(async (...a) => {
        const request = a[0] as { filter?: { kind?: string[] } } | undefined;
        if (!signed && request?.filter?.kind?.includes('Component')) {
          signed = true;
          await signOffChecklist(store, ref);
          await rescorer.rescore([ref]);
          servedMidRun = await store.latestRecord(ref);
        }
        return page(...a);
      });
      // Another replica runs it: no hashes of the last run, so every entity is scored from what it read.
      const run = await testEvaluator(store, catalog, { rescorer }).run('test');
      // The served run followed at once; the run under way followed before completing.
      expect(servedMidRun!.failingChecks).not.toContain('checklist-signed-off');
      expect((await store.latestEvaluation())?.id).toBe(run.id);
      expect((await store.latestRecord(ref))?.failingChecks).not.toContain(
        'checklist-signed-off',
      );
      // The next run agrees, and the change made one history step.
      await evaluator.run('test');
      expect((await store.latestRecord(ref))?.failingChecks).not.toContain(
        'checklist-signed-off',
      );
      const levels = (await store.entityHistory(ref, 10)).map(h => h.score);
      expect(new Set(levels).size).toBe(levels.length);
    },
  );

  it('keeps serving the last evaluation, marked stale, while the catalog is unreachable', async () => {
    const { store, catalog, evaluator } = await setup();
    const good = await evaluator.run('test');
    jest
      .spyOn(catalog, 'queryEntities')
      .mockRejectedValue(new Error('connect ECONNREFUSED 127.0.0.1:7007'));
    await expect(evaluator.run('test')).rejects.toThrow(/ECONNREFUSED/);
    const latest = await store.latestEvaluation();
    expect(latest?.id).toBe(good.id);
    expect(
      (
        await store.listCompliance({
          filter: {},
          sort: { field: 'entityRef', order: 'asc' },
          limit: 10,
        })
      ).totalItems,
    ).toBe(4);
    const lastRun = await store.lastRun();
    expect(lastRun).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/ECONNREFUSED/),
    });
    expect(staleness(latest, lastRun, Date.now(), 86_400_000)).toEqual({
      stale: true,
      reason: expect.stringMatching(
        /failed: connect ECONNREFUSED.*previous one/,
      ),
    });
  });

  it('marks a run its stopped backend left running as interrupted, and says so until a run succeeds', async () => {
    const { store, catalog, knex } = await setup();
    const leaseMs = 10 * 60_000;
    const evaluator = testEvaluator(store, catalog, { leaseMs });
    const good = await evaluator.run('test');
    // kill -9 of the replica running this one: it stays `running`, 11 minutes later.
    const orphan = await store.startEvaluation('schedule');
    const startedAt = new Date(Date.now() - 11 * 60_000);
    await knex('ops_evaluations')
      .where('id', orphan)
      .update({ started_at: startedAt });
    const interrupted = `evaluation interrupted, retrying: the run started at ${startedAt.toISOString()} stopped before it finished; showing the previous one`;
    // Before the next run starts, the API tells from the lease.
    const before = await storedStaleness(store, {
      staleAfterMs: 86_400_000,
      leaseMs,
    });
    expect(before.status).toEqual({
      stale: true,
      reason: interrupted,
      retrying: true,
    });

    // The next run fails the orphan with the reason, then scores; nothing is stale after it.
    const next = await evaluator.run('schedule');
    expect(next.id).toBeGreaterThan(good.id);
    const runs = await knex('ops_evaluations')
      .orderBy('id')
      .select('id', 'status', 'error');
    expect(runs.find(r => r.id === orphan)).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(
        /^interrupted: the backend running it stopped before it finished \(no result within its 10-minute lease\)/,
      ),
    });
    const after = await storedStaleness(store, {
      staleAfterMs: 86_400_000,
      leaseMs,
    });
    expect(after.status).toEqual({ stale: false });
  });
});

describe('staleness', () => {
  const run = (id: number, extra: object) =>
    ({
      id,
      status: 'succeeded',
      trigger: 'schedule',
      startedAt: '2026-12-01T10:00:00.000Z',
      finishedAt: '2026-12-01T10:01:00.000Z',
      entityCount: 1,
      averageScore: 50,
      levelCounts: { none: 0, bronze: 1, silver: 0, gold: 0 },
      ...extra,
    } as any);

  it('says an interrupted run is being retried, and a failed one failed', () => {
    const latest = run(1, {});
    const now = Date.parse('2026-12-01T12:00:00Z');
    expect(
      staleness(
        latest,
        run(2, { status: 'failed', error: 'interrupted: its backend stopped' }),
        now,
        86_400_000,
      ),
    ).toEqual({
      stale: true,
      reason:
        'evaluation interrupted, retrying: the run started at 2026-12-01T10:00:00.000Z stopped before it finished; showing the previous one',
      retrying: true,
    });
    // A run within its lease is just running.
    expect(
      staleness(latest, latest, now, 86_400_000, {
        run: run(2, { status: 'running', startedAt: '2026-12-01T11:55:00Z' }),
        leaseMs: 10 * 60_000,
      }),
    ).toEqual({ stale: false });
    expect(
      staleness(undefined, run(2, { status: 'failed', error: 'boom' }), now, 1),
    ).toEqual({
      stale: false,
      reason: 'the evaluation at 2026-12-01T10:01:00.000Z failed: boom',
    });
  });
});
