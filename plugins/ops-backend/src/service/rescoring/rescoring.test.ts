import { createServiceFactory } from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  eventsServiceRef,
  type EventParams,
  type EventsService,
  type EventsServiceSubscribeOptions,
} from '@backstage/plugin-events-node';
import {
  OPS_ENTITY_CHANGED_TOPIC,
  scoredFieldsKey,
} from '@opskit/plugin-ops-common';
import request from 'supertest';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const DAY = 86_400_000;

/** One bus for every plugin, as the events backend gives: the test publishes what the catalog module would. */
class SharedBus implements EventsService {
  private subscribers: EventsServiceSubscribeOptions[] = [];
  async publish(params: EventParams) {
    for (const s of this.subscribers)
      if (s.topics.includes(params.topic)) await s.onEvent(params);
  }
  async subscribe(options: EventsServiceSubscribeOptions) {
    this.subscribers.push(options);
  }
}

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean) {
  for (let i = 0; i < 200; i++) {
    const value = await read();
    if (done(value)) return value;
    await new Promise(r => setTimeout(r, 50));
  }
  throw new Error('the compliance API never showed the change');
}

describe('scores that follow a change', () => {
  const bus = new SharedBus();
  const entities = exampleCatalog();
  let server: any;

  const row = async (name: string) => {
    const res = await request(server)
      .get('/api/ops/compliance')
      .query({ q: name, limit: 5 })
      .set(janeAuth);
    return res.body.items.find((r: any) => r.entityRef.endsWith(`/${name}`));
  };
  const summary = async () =>
    (await request(server).get('/api/ops/compliance/summary').set(janeAuth))
      .body;
  const history = async (name: string) =>
    (
      await request(server)
        .get(`/api/ops/entities/component/default/${name}/history`)
        .set(janeAuth)
    ).body.items;

  beforeAll(async () => {
    ({ server } = await startOpsTestBackend({
      features: [
        catalogServiceMock.factory({ entities }),
        createServiceFactory({
          service: eventsServiceRef,
          deps: {},
          factory: () => bus,
        }),
      ],
    }));
    await evaluated(server);
  });

  it('a waiver shows in the compliance list, summary, roll-up and history when its request returns', async () => {
    const before = await row('legacy-billing');
    const checkId = before.failingChecks[0];
    expect(checkId).toBeDefined();
    const totals = await summary();
    const historyBefore = await history('legacy-billing');

    const res = await request(server)
      .post('/api/ops/entities/component/default/legacy-billing/waivers')
      .set(janeAuth)
      .send({
        checkId,
        reason: 'migrating off it this quarter',
        expiresAt: new Date(Date.now() + 7 * DAY).toISOString(),
      });
    expect(res.status).toBe(201);
    expect(res.body.status).toBe('approved');

    // No wait: the write returned after the entity was re-scored.
    const after = await row('legacy-billing');
    expect(after.failingChecks).not.toContain(checkId);
    const next = await summary();
    expect(next.evaluation.id).toBe(totals.evaluation.id);
    expect(next.evaluation.revision).toBe(totals.evaluation.revision + 1);
    expect(next.failingCounts[checkId] ?? 0).toBe(
      totals.failingCounts[checkId] - 1,
    );
    expect(await history('legacy-billing')).toHaveLength(
      historyBefore.length + 1,
    );

    // Revoked: the check fails again, at once.
    await request(server)
      .delete(`/api/ops/waivers/${res.body.id}`)
      .set(janeAuth)
      .expect(200);
    expect((await row('legacy-billing')).failingChecks).toContain(checkId);
  });

  it('a catalog change announced before the catalog serves it is scored once the catalog does', async () => {
    const entity = entities.find(e => e.metadata.name === 'inventory-service')!;
    const before = await row('inventory-service');
    const changed: Entity = {
      ...entity,
      spec: { ...entity.spec, owner: 'group:default/sre' },
    };
    // The module announces from processing; the catalog serves the new version a little later (stitching).
    await bus.publish({
      topic: OPS_ENTITY_CHANGED_TOPIC,
      eventPayload: {
        entityRef: 'component:default/inventory-service',
        key: scoredFieldsKey(changed),
      },
    });
    await new Promise(r => setTimeout(r, 300));
    expect((await row('inventory-service')).owner).toBe(before.owner);
    entity.spec = changed.spec;

    const after = await until(
      () => row('inventory-service'),
      r => r.owner === 'group:default/sre',
    );
    expect(after.owner).toBe('group:default/sre');
    const owners = (await summary()).owners.map((o: any) => o.owner);
    expect(owners).toContain('group:default/sre');
  });

  it('ignores what is not an announcement, and kinds it does not evaluate', async () => {
    const totals = await summary();
    for (const eventPayload of [
      null,
      'component:default/payments-api',
      { entityRef: 42, key: 1 },
      { entityRef: 'component:default/payments-api' },
    ])
      await bus.publish({ topic: OPS_ENTITY_CHANGED_TOPIC, eventPayload });
    await bus.publish({
      topic: OPS_ENTITY_CHANGED_TOPIC,
      eventPayload: { entityRef: 'group:default/sre', key: 1 },
    });
    await new Promise(r => setTimeout(r, 300));
    expect((await summary()).evaluation.revision).toBe(
      totals.evaluation.revision,
    );
  });
});
