import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readOpsConfig, sloQueries } from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import type { Entity } from '@backstage/catalog-model';
import { DatabaseOpsStore } from '../../database/DatabaseOpsStore';
import type { FactStore } from '../../database/FactStore';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import { FactCollector } from './FactCollector';

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

/** The real fact store on a fresh database, migrations included. */
async function factStore(databaseId: TestDatabaseId): Promise<FactStore> {
  const knex = await databases.init(databaseId);
  return (
    await DatabaseOpsStore.create({
      database: mockServices.database({ knex, migrations: { skip: false } }),
    })
  ).facts;
}

function collector(
  entities: Entity[],
  provider: OpsFactProvider,
  facts: FactStore,
) {
  return new FactCollector({
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    facts,
    logger: mockServices.logger.mock(),
    providers: [provider],
    defaults: readOpsConfig({}).defaults,
    kinds: ['Component'],
    timeoutMs: 1000,
    concurrency: 4,
  });
}

describe.each(databases.eachSupportedId())(
  'FactCollector on %p',
  databaseId => {
    it('parses an unchanged entity once, asks the provider every run, and drops facts of entities that left', async () => {
      const calls = { appliesTo: 0, collect: 0 };
      const provider: OpsFactProvider = {
        id: 'counting',
        appliesTo: profile => {
          calls.appliesTo++;
          return sloQueries(profile).length > 0;
        },
        async collect({ profile }) {
          calls.collect++;
          return [{ name: 'queries', value: sloQueries(profile).length }];
        },
      };
      const facts = await factStore(databaseId);
      const entities = exampleCatalog();
      const first = collector(entities, provider, facts);
      expect(await first.run()).toMatchObject({
        entities: 4,
        collected: 1,
        failed: 0,
        changed: 1,
        changedRefs: ['component:default/payments-api'],
      });
      expect(calls).toEqual({ appliesTo: 4, collect: 1 });
      expect(
        (await facts.list('component:default/payments-api'))[0],
      ).toMatchObject({
        provider: 'counting',
        name: 'queries',
        value: 3,
        stale: false,
      });

      // Nothing changed: no parsing, no appliesTo; the applicable entity is asked again (its value may have moved).
      expect(await first.run()).toMatchObject({
        entities: 4,
        collected: 1,
        changedRefs: [],
      });
      expect(calls).toEqual({ appliesTo: 4, collect: 2 });

      // payments-api leaves the catalog: its facts go with it.
      const without = entities.filter(e => e.metadata.name !== 'payments-api');
      const second = collector(without, provider, facts);
      expect(await second.run()).toMatchObject({
        entities: 3,
        collected: 0,
        changed: 1,
        changedRefs: ['component:default/payments-api'],
        gone: 1,
      });
      expect(await facts.list('component:default/payments-api')).toEqual([]);
    });

    it('lets a provider prepare each page of the entities it applies to, and collects each one even when preparing fails', async () => {
      const prepared: string[][] = [];
      let fail = false;
      const provider: OpsFactProvider = {
        id: 'paged',
        appliesTo: profile => sloQueries(profile).length > 0,
        async preparePage(entities, { signal }) {
          expect(signal.aborted).toBe(false);
          prepared.push(entities.map(e => e.profile.entityRef));
          if (fail) throw new Error('Prometheus said no');
        },
        async collect() {
          return [{ name: 'prepared', value: prepared.length }];
        },
      };
      const facts = await factStore(databaseId);
      const run = collector(exampleCatalog(), provider, facts);
      expect(await run.run()).toMatchObject({ collected: 1, failed: 0 });
      // Only the entity the provider applies to, once for its page.
      expect(prepared).toEqual([['component:default/payments-api']]);
      fail = true;
      expect(await run.run()).toMatchObject({ collected: 1, failed: 0 });
      expect(
        (await facts.list('component:default/payments-api'))[0],
      ).toMatchObject({ value: 2, stale: false });
    });

    it('prepares the next page while it collects the one before', async () => {
      const payments = exampleCatalog().find(
        e => e.metadata.name === 'payments-api',
      )!;
      const entities = Array.from({ length: 600 }, (_, i) => ({
        ...payments,
        metadata: { ...payments.metadata, name: `svc-${i}` },
      }));
      let secondPagePrepared!: () => void;
      const secondPage = new Promise<void>(resolve => {
        secondPagePrepared = resolve;
      });
      const events: string[] = [];
      const provider: OpsFactProvider = {
        id: 'paged',
        async preparePage(page) {
          events.push(`prepare ${page.length}`);
          if (events.length === 2) secondPagePrepared();
        },
        async collect({ profile }) {
          // The first page's last entity waits for the second page's preparation: it must come without it.
          if (profile.entityRef === 'component:default/svc-499') {
            await Promise.race([
              secondPage,
              new Promise(r => setTimeout(r, 5000)),
            ]);
            events.push('collected svc-499');
          }
          return [{ name: 'n', value: 1 }];
        },
      };
      const facts = await factStore(databaseId);
      const run = collector(entities, provider, facts);
      expect(await run.run()).toMatchObject({ collected: 600, failed: 0 });
      // The second page was prepared before the first page's last entity was done (sequentially it would wait 5 s, then come after).
      expect(events).toEqual([
        'prepare 500',
        'prepare 100',
        'collected svc-499',
      ]);
    });

    it('keeps facts marked stale when a provider returns garbage, and logs it', async () => {
      const facts = await factStore(databaseId);
      let answer: unknown = [{ name: 'x', value: 1 }];
      const provider: OpsFactProvider = {
        id: 'flaky',
        collect: async () => answer as any,
      };
      const run = collector(exampleCatalog(), provider, facts);
      await run.run();
      answer = { not: 'a list' };
      expect(await run.run()).toMatchObject({ collected: 0, failed: 4 });
      expect(
        (await facts.list('component:default/inventory-service'))[0],
      ).toMatchObject({
        value: 1,
        stale: true,
        error: 'returned object instead of a list of facts',
      });
    });

    it('writes a newer observation of the same value without counting it as a change, and drops facts of uninstalled providers', async () => {
      const facts = await factStore(databaseId);
      let at = '2026-11-27T10:00:00Z';
      const provider: OpsFactProvider = {
        id: 'steady',
        collect: async () => [{ name: 'x', value: 1, observedAt: at }],
      };
      const run = collector(exampleCatalog(), provider, facts);
      expect(await run.run()).toMatchObject({ changed: 4, written: 4 });
      at = '2026-11-27T10:05:00Z';
      expect(await run.run()).toMatchObject({ changed: 0, written: 4 });
      expect(
        (await facts.list('component:default/payments-api'))[0].observedAt,
      ).toBe('2026-11-27T10:05:00.000Z');
      expect(await run.run()).toMatchObject({ changed: 0, written: 0 });
      expect(await facts.retainProviders(['steady'])).toBe(0);
      expect(await facts.retainProviders([])).toBe(4);
      expect(await facts.hasAny()).toBe(false);
    });
  },
);
