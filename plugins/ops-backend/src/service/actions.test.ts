import { createServiceFactory } from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceMock } from '@backstage/backend-test-utils/alpha';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { opsPlugin } from '../plugin';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import { opsTestConfig } from '../__testUtils__/testConfig';

jest.setTimeout(60_000);

const user = mockCredentials.user('user:default/jane');

/**
 * The real plugin, with the actions registry it registers into; actions are
 * called through the registry's API. (The mock registry names every action
 * `test:<name>`; the real one uses the plugin id, `ops:<name>`.)
 */
async function start(
  permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
) {
  const registry = actionsRegistryServiceMock();
  await startTestBackend({
    features: [
      opsPlugin,
      catalogServiceMock.factory({ entities: exampleCatalog() }),
      mockServices.scheduler.factory({
        includeInitialDelayedTasksOnStartup: true,
      }),
      opsTestConfig(),
      createServiceFactory({
        service: actionsRegistryServiceRef,
        deps: {},
        factory: () => registry,
      }),
      ...(permission
        ? [mockServices.permissions.factory({ result: permission })]
        : []),
    ],
  });
  // The startup evaluation runs in the background; wait until it is stored.
  for (let i = 0; i < 100; i++) {
    const { output } = await registry
      .invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: user,
      })
      .catch(() => ({ output: {} as any }));
    if ((output as any).entityCount === 4) break;
    await new Promise(r => setTimeout(r, 100));
  }
  return registry;
}

describe('actions for agents', () => {
  let registry: Awaited<ReturnType<typeof start>>;
  beforeAll(async () => {
    registry = await start();
  });

  it('registers three read-only actions with their schemas', async () => {
    const { actions } = await registry.list();
    const ops = actions;
    expect(ops.map(a => a.name).sort()).toEqual([
      'get-compliance-summary',
      'get-entity-ops',
      'list-failing-checks-for-owner',
    ]);
    for (const action of ops) {
      expect(action.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(action.schema.input).toEqual(
        expect.objectContaining({ type: 'object' }),
      );
    }
  });

  it('answers "is payments-api production-ready?" and says what a broken service lacks', async () => {
    const { output } = (await registry.invoke({
      id: 'test:get-entity-ops',
      input: { entityRef: 'payments-api' },
      credentials: user,
    })) as any;
    expect(output.entityRef).toBe('component:default/payments-api');
    expect(output.tier).toBe('tier-1');
    expect(output.validationErrors).toEqual([]);
    expect(output.scorecards.map((c: any) => c.id)).toEqual([
      'deployment',
      'monitoring',
    ]);
    expect(output.productionReady).toBe(
      output.scorecards.every((c: any) => c.level !== 'none'),
    );
    expect(output.escalation[0]).toEqual(
      expect.arrayContaining([expect.stringContaining('payments-oncall')]),
    );
    // The latency SLO has a query, measured per environment once a fact provider (Prometheus) is installed; none is here.
    expect(output.slos[0]).toMatchObject({
      name: 'Response time (p95)',
      objective: '< 200 ms',
    });
    expect(
      output.slos[0].live.map((l: any) => [l.environment, l.state]),
    ).toEqual([
      ['development', 'unmeasured'],
      ['staging', 'unmeasured'],
      ['production', 'unmeasured'],
    ]);
    expect(output.slos[1].live).toEqual([]);

    const broken = (
      await registry.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'component:default/legacy-billing' },
        credentials: user,
      })
    ).output as any;
    expect(broken.productionReady).toBe(false);
    expect(broken.validationErrors.length).toBeGreaterThan(0);
    expect(broken.failingChecks[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        howToFix: expect.any(String),
      }),
    );
    await expect(
      registry.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'component:default/nope' },
        credentials: user,
      }),
    ).rejects.toThrow(/no entity component:default\/nope/);
  });

  it('summarises the catalog or one owner, and lists an owner’s failing checks', async () => {
    const all = (
      await registry.invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: user,
      })
    ).output as any;
    expect(all.entityCount).toBe(4);
    expect(all.stale).toBe(false);
    expect(all.topFailingChecks.length).toBeGreaterThan(0);
    const platform = (
      await registry.invoke({
        id: 'test:get-compliance-summary',
        input: { owner: 'group:default/platform-team' },
        credentials: user,
      })
    ).output as any;
    expect(platform.entityCount).toBe(2);

    const failing = (
      await registry.invoke({
        id: 'test:list-failing-checks-for-owner',
        input: { owner: 'group:default/platform-team' },
        credentials: user,
      })
    ).output as any;
    expect(failing.entities.map((e: any) => e.entityRef).sort()).toEqual([
      'component:default/legacy-billing',
      'component:default/notifications-worker',
    ]);
    // Worst first, and every failing check is counted.
    expect(failing.entities[0].score).toBeLessThanOrEqual(
      failing.entities[1].score,
    );
    const total = failing.entities.reduce(
      (n: number, e: any) => n + e.failingChecks.length,
      0,
    );
    expect(
      Object.values(failing.checkCounts).reduce((a: any, b: any) => a + b, 0),
    ).toBe(total);
  });

  it('refuses callers without ops.compliance.read', async () => {
    const denied = await start(AuthorizeResult.DENY);
    await expect(
      denied.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'payments-api' },
        credentials: user,
      }),
    ).rejects.toThrow(/ops\.compliance\.read/);
    await expect(
      denied.invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: user,
      }),
    ).rejects.toThrow(/ops\.compliance\.read/);
  });
});
