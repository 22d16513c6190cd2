import {
  mockCredentials,
  mockServices,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { DatabaseOpsStore } from '../database/DatabaseOpsStore';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import { signOffChecklist } from '../__testUtils__/signOffs';
import { readBackendConfig } from './backendConfig';
import { builtInCheckSet } from './checkSet';
import { EntityOpsReader } from './entityOps';

/**
 * An entity's view reuses, for one second, the caller's catalog read and
 * the scorecards of equal inputs (a busy entity is scored once a second,
 * not once per view); anything that changes the inputs is scored at once.
 */
describe('EntityOpsReader', () => {
  const ref = { kind: 'component', namespace: 'default', name: 'payments-api' };
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  const jane = mockCredentials.user('user:default/jane');
  const joe = mockCredentials.user('user:default/joe');

  async function setup() {
    const store = await DatabaseOpsStore.create({
      database: mockServices.database({
        knex: await databases.init('SQLITE_3'),
        migrations: { skip: false },
      }),
    });
    const catalog = catalogServiceMock({ entities: exampleCatalog() });
    const config = readBackendConfig(mockServices.rootConfig());
    const reader = new EntityOpsReader({
      store,
      catalog,
      config,
      checks: builtInCheckSet(config.ops.scoring),
    });
    const reads = jest.spyOn(catalog, 'getEntityByRef');
    let now = Date.parse('2026-12-08T12:00:00Z');
    const clock = jest.spyOn(Date, 'now').mockImplementation(() => now);
    return {
      store,
      reader,
      reads,
      tick: (ms: number) => {
        now += ms;
      },
      restore: () => clock.mockRestore(),
    };
  }

  it('reuses the caller’s catalog read and the scorecards for a second, then reads and scores again', async () => {
    const { reader, reads, tick, restore } = await setup();
    try {
      const first = await reader.readVersioned(ref, jane);
      tick(400);
      const again = await reader.readVersioned(ref, jane);
      expect(reads).toHaveBeenCalledTimes(1);
      expect(again.response.evaluatedAt).toBe(first.response.evaluatedAt);
      expect(again.version).toBe(first.version);

      // Another caller reads the catalog with their own credentials.
      await reader.readVersioned(ref, joe);
      expect(reads).toHaveBeenCalledTimes(2);

      tick(700);
      const later = await reader.readVersioned(ref, jane);
      expect(reads).toHaveBeenCalledTimes(3);
      expect(later.response.evaluatedAt).not.toBe(first.response.evaluatedAt);
      expect(later.version).not.toBe(first.version);
      expect(later.response.scorecards).toEqual(first.response.scorecards);
    } finally {
      restore();
    }
  });

  it('scores again at once when a sign-off changes the inputs', async () => {
    const { store, reader, tick, restore } = await setup();
    try {
      const first = await reader.readVersioned(ref, jane);
      await signOffChecklist(store, 'component:default/payments-api');
      tick(100);
      const signed = await reader.readVersioned(ref, jane);
      expect(signed.version).not.toBe(first.version);
      expect(signed.response.evaluatedAt).not.toBe(first.response.evaluatedAt);
      const failing = (r: typeof first) =>
        r.response.scorecards.flatMap(card =>
          card.results.filter(x => x.status === 'fail').map(x => x.checkId),
        );
      expect(failing(first)).toContain('checklist-signed-off');
      expect(failing(signed)).not.toContain('checklist-signed-off');
    } finally {
      restore();
    }
  });
});
