import { mockServices } from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- ops-common's test inputs, shared by its neighbours' tests
import { aliasBomb } from '../../../ops-common/src/__testUtils__/fuzzInputs';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

/** A component whose descriptor annotation holds `text` as a catalog without the ops module would store it. */
function component(name: string, descriptor: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: { 'opskit.io/descriptor': descriptor },
    },
    spec: {
      type: 'service',
      owner: 'group:default/platform-team',
      lifecycle: 'production',
    },
  };
}

/** 10 KB of YAML that expands to 10 MB through three levels of 10 aliases. */
const BOMB = aliasBomb();

describe('entities with hostile ops data', () => {
  it('answers an alias bomb with the limit it passes, and evaluates the catalog around it', async () => {
    const { server } = await startOpsTestBackend({
      features: [
        catalogServiceMock.factory({
          entities: [...exampleCatalog(), component('bomb', BOMB)],
        }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const summary = await evaluated(server);
    expect(summary.entityCount).toBe(5);
    const res = await request(server)
      .get('/api/ops/entities/component/default/bomb')
      .set(janeAuth);
    expect(res.status).toBe(200);
    expect(res.text.length).toBeLessThan(100_000);
    expect(res.body.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(
          /expands to more than 1048576 characters once its aliases are resolved/,
        ),
      }),
    );
  });
});
