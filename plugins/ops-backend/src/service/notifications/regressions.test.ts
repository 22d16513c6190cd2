import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import type { Regression } from '@opskit/plugin-ops-common';
import { DatabaseOpsStore } from '../../database/DatabaseOpsStore';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import { testEvaluator } from '../../__testUtils__/testEvaluator';
import { NotificationsRegressionNotifier } from './RegressionNotifier';

jest.setTimeout(60_000);

/** payments-api without its monitoring section: monitoring checks start failing and its level drops. */
function withoutMonitoring(entities: Entity[]): Entity[] {
  return entities.map(entity => {
    if (entity.metadata.name !== 'payments-api') return entity;
    const descriptor = JSON.parse(
      entity.metadata.annotations!['opskit.io/descriptor'],
    );
    delete descriptor.monitoring;
    return {
      ...entity,
      metadata: {
        ...entity.metadata,
        annotations: {
          ...entity.metadata.annotations,
          'opskit.io/descriptor': JSON.stringify(descriptor),
        },
      },
    };
  });
}

describe('regression notifications', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'notify once per regression, only what got worse, minus opted-out checks (%p)',
    async id => {
      const knex = await databases.init(id);
      const store = await DatabaseOpsStore.create({
        database: mockServices.database({ knex, migrations: { skip: false } }),
      });
      const sent: Regression[][] = [];
      const evaluator = (entities: Entity[], optOut: string[] = []) =>
        testEvaluator(store, catalogServiceMock({ entities }), {
          notifier: {
            notify: async regressions => void sent.push(regressions),
          },
          notificationOptOut: optOut,
        });

      await evaluator(exampleCatalog()).run('test');
      await evaluator(exampleCatalog()).run('test');
      expect(sent).toEqual([]); // nothing changed

      await evaluator(withoutMonitoring(exampleCatalog()), [
        'monitoring-tools',
      ]).run('test');
      expect(sent).toHaveLength(1);
      const regressions = sent[0];
      expect(new Set(regressions.map(r => r.entityRef))).toEqual(
        new Set(['component:default/payments-api']),
      );
      expect(
        regressions.every(r => r.owner === 'group:default/payments-team'),
      ).toBe(true);
      expect(
        regressions.some(
          r =>
            r.type === 'check-failing' && r.checkId === 'production-dashboards',
        ),
      ).toBe(true);
      expect(
        regressions.some(
          r => r.type === 'check-failing' && r.checkId === 'monitoring-tools',
        ),
      ).toBe(false); // opted out

      // The next run sees the same failures: nothing new to say.
      await evaluator(withoutMonitoring(exampleCatalog())).run('test');
      expect(sent).toHaveLength(1);
    },
  );

  it('sends each regression to the owner with a link to the Ops tab, and survives a failing send', async () => {
    const sends: any[] = [];
    const logger = mockServices.logger.mock();
    let fail = true;
    const notifier = new NotificationsRegressionNotifier(
      {
        send: async notification => {
          if (fail) {
            fail = false;
            throw new Error('notifications backend is not installed');
          }
          sends.push(notification);
        },
      },
      logger,
    );
    await notifier.notify([
      {
        type: 'level-dropped',
        entityRef: 'component:default/a',
        owner: 'group:default/team-a',
        from: 'gold',
        to: 'bronze',
      },
      {
        type: 'check-failing',
        entityRef: 'component:default/b',
        owner: 'group:default/team-b',
        checkId: 'slo-alerts',
      },
      {
        type: 'check-failing',
        entityRef: 'component:default/c',
        checkId: 'slo-alerts',
      },
    ]);
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /could not notify group:default\/team-a .*not installed/,
      ),
    );
    expect(sends).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'group:default/team-b' },
        payload: expect.objectContaining({
          link: '/catalog/default/component/b/ops',
          topic: 'ops-regression',
          scope: 'ops:check:component:default/b:slo-alerts',
          title: expect.stringMatching(/^b: ops check ".+" now fails$/),
        }),
      },
    ]);
  });
});
