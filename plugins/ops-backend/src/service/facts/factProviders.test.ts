import {
  coreServices,
  createBackendModule,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  observeSlo,
  sloQueries,
  type EntityFact,
} from '@opskit/plugin-ops-common';
import {
  opsExtensionPoint,
  opsServiceRef,
  type OpsFactProvider,
} from '@opskit/plugin-ops-node';
import express from 'express';
import request from 'supertest';
import { opsPlugin } from '../../plugin';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import { opsTestConfig } from '../../__testUtils__/testConfig';

jest.setTimeout(60_000);

const auth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

/** What the fake sources answer, per entity name: a latency, or a way to fail. */
const latency = new Map<string, number | 'hang'>();
const deploys = new Map<string, string | 'throw'>();

/** Like the Prometheus module, but with values the test sets. */
const metricsProvider: OpsFactProvider = {
  id: 'fake-metrics',
  appliesTo: profile => sloQueries(profile).length > 0,
  async collect({ entity, profile, signal }) {
    const value = latency.get(entity.metadata.name);
    if (value === 'hang')
      await new Promise((_, reject) =>
        signal.addEventListener('abort', () => reject(new Error('aborted'))),
      );
    return sloQueries(profile).map(query => ({
      name: query.factName,
      value: { ...observeSlo(query, value as number) },
    }));
  },
};

/** Applies to every entity; fails for one. */
const deployProvider: OpsFactProvider = {
  id: 'fake-deploys',
  async collect({ entity }) {
    const version = deploys.get(entity.metadata.name) ?? 'v1';
    if (version === 'throw') throw new Error('deploy API down');
    return [
      {
        name: 'last-deploy',
        value: version,
        observedAt: '2026-11-27T08:00:00Z',
      },
    ];
  },
};

const providers = createBackendModule({
  pluginId: 'ops',
  moduleId: 'fake-facts',
  register(env) {
    env.registerInit({
      deps: { ops: opsExtensionPoint },
      async init({ ops }) {
        ops.addFactProviders(metricsProvider, deployProvider);
      },
    });
  },
});

/** Another backend plugin reading ops data through opsServiceRef. */
const consumer = createBackendPlugin({
  pluginId: 'consumer',
  register(env) {
    env.registerInit({
      deps: {
        ops: opsServiceRef,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
      },
      async init({ ops, httpRouter, httpAuth }) {
        const router = express.Router();
        router.get('/ready/:name', async (req, res) => {
          const credentials = await httpAuth.credentials(req);
          try {
            const data = await ops.getEntityOps(
              `component:default/${req.params.name}`,
              { credentials },
            );
            const summary = await ops.getComplianceSummary(
              { owner: ['payments-team'] },
              { credentials },
            );
            res.json({
              level: data.latest?.level,
              facts: data.facts.length,
              owned: summary.entityCount,
            });
          } catch (error) {
            res.status(500).json({
              name: (error as Error).name,
              message: (error as Error).message,
            });
          }
        });
        httpRouter.use(router);
      },
    });
  },
});

async function startBackend() {
  const { server } = await startTestBackend({
    features: [
      opsPlugin,
      providers,
      consumer,
      catalogServiceMock.factory({ entities: exampleCatalog() }),
      mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      opsTestConfig({ facts: { timeout: '300ms' } }),
    ],
  });
  return server;
}

const factsOf = async (
  server: any,
  name: string,
): Promise<{ facts: EntityFact[]; check: any }> => {
  const res = await request(server)
    .get(`/api/ops/entities/component/default/${name}`)
    .set(auth);
  expect(res.status).toBe(200);
  const check = res.body.scorecards
    .flatMap((c: any) => c.results)
    .find((r: any) => r.checkId === 'slos-met-in-production');
  return { facts: res.body.facts, check };
};

describe('fact providers (ops-node extension point)', () => {
  beforeEach(() => {
    latency.clear();
    deploys.clear();
  });

  it('stores what providers return, scores with it, and keeps old facts marked stale when a provider fails or times out', async () => {
    const server = await startBackend();
    latency.set('payments-api', 120);
    expect(
      (await request(server).post('/api/ops/refresh').set(auth)).status,
    ).toBe(202);

    const payments = await factsOf(server, 'payments-api');
    expect(payments.facts.map(f => [f.provider, f.name, f.stale])).toEqual([
      ['fake-deploys', 'last-deploy', false],
      ['fake-metrics', 'slo/development/Response time (p95)', false],
      ['fake-metrics', 'slo/production/Response time (p95)', false],
      ['fake-metrics', 'slo/staging/Response time (p95)', false],
    ]);
    expect(payments.facts[0]).toMatchObject({
      value: 'v1',
      observedAt: '2026-11-27T08:00:00.000Z',
    });
    expect(payments.check).toMatchObject({
      status: 'pass',
      message: '1 SLO(s) met in production',
    });
    // Only payments-api has a query: the metrics provider was not asked about the others.
    expect(
      (await factsOf(server, 'legacy-billing')).facts.map(f => f.provider),
    ).toEqual(['fake-deploys']);

    // The refresh evaluated after collecting: the compliance row carries the production SLO summary.
    const list = await request(server)
      .get('/api/ops/compliance?q=payments-api')
      .set(auth);
    expect(list.body.items[0].slos).toMatchObject({
      environment: 'production',
      total: 1,
      met: 1,
      breached: 0,
    });
    const csv = (
      await request(server)
        .get('/api/ops/compliance/export?format=csv&q=payments-api')
        .set(auth)
    ).text
      .trim()
      .split(/\r?\n/);
    expect(csv[0].split(',').slice(-5)).toEqual([
      'productionSlos',
      'productionSlosMet',
      'productionSlosObservedAt',
      'budgetSlo',
      'budgetRemaining',
    ]);
    expect(csv[1].split(',').slice(-5, -3)).toEqual(['1', '1']);

    // Metrics hang for payments-api (cut off at 300 ms), deploys throw for notifications-worker.
    latency.set('payments-api', 'hang');
    deploys.set('notifications-worker', 'throw');
    deploys.set('legacy-billing', 'v2');
    await request(server).post('/api/ops/refresh').set(auth);
    const stale = await factsOf(server, 'payments-api');
    const production = stale.facts.find(
      f => f.name === 'slo/production/Response time (p95)',
    )!;
    expect(production).toMatchObject({
      stale: true,
      error: 'timed out after 300 ms',
      value: expect.objectContaining({ value: 120 }),
    });
    expect(stale.facts.find(f => f.provider === 'fake-deploys')).toMatchObject({
      stale: false,
      value: 'v1',
    });
    expect(stale.check).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('stale: timed out after 300 ms'),
    });
    expect(
      (await factsOf(server, 'notifications-worker')).facts[0],
    ).toMatchObject({ stale: true, value: 'v1', error: 'deploy API down' });
    expect((await factsOf(server, 'legacy-billing')).facts[0]).toMatchObject({
      stale: false,
      value: 'v2',
    });

    // Back, and breached: the check fails and the compliance list shows it.
    latency.set('payments-api', 250);
    await request(server).post('/api/ops/refresh').set(auth);
    expect((await factsOf(server, 'payments-api')).check).toMatchObject({
      status: 'fail',
      message: 'Response time (p95) at 250 ms misses < 200 ms',
    });
    const after = await request(server)
      .get('/api/ops/compliance?failingCheck=slos-met-in-production')
      .set(auth);
    expect(
      after.body.items.map((r: any) => [r.entityRef, r.slos.breached]),
    ).toEqual([['component:default/payments-api', 1]]);
  });

  it('serves other backend plugins through opsServiceRef, on behalf of the caller', async () => {
    const server = await startBackend();
    await request(server).post('/api/ops/refresh').set(auth);
    const res = await request(server)
      .get('/api/consumer/ready/payments-api')
      .set(auth);
    expect(res.body).toEqual({ level: expect.any(String), facts: 4, owned: 1 });
    const missing = await request(server)
      .get('/api/consumer/ready/no-such-service')
      .set(auth);
    expect(missing.body).toMatchObject({
      name: 'NotFoundError',
      message: expect.stringContaining(
        'no entity component:default/no-such-service',
      ),
    });
  });
});
