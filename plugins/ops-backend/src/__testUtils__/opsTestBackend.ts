import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { BackendFeature } from '@backstage/backend-plugin-api';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsPlugin } from '../plugin';
import { exampleCatalog } from './exampleCatalog';
import { opsTestConfig } from './testConfig';

/** The header of the user most tests call as. */
export const janeAuth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

/**
 * The real ops plugin on a test backend: the example catalog, the startup
 * evaluation run at once, `ops` config as given, anonymous requests as in a
 * real backend, and the caller's extra features (a permissions mock, an
 * auditor…), which replace the defaults they name.
 */
export async function startOpsTestBackend(
  options: { config?: object; features?: BackendFeature[] } = {},
) {
  const extra = options.features ?? [];
  const serviceOf = (feature: BackendFeature) =>
    (feature as { service?: { id: string } }).service?.id;
  const replaced = new Set(extra.map(serviceOf).filter(Boolean));
  const defaults = [
    catalogServiceMock.factory({ entities: exampleCatalog() }),
    mockServices.scheduler.factory({
      includeInitialDelayedTasksOnStartup: true,
    }),
    opsTestConfig(options.config),
    mockServices.httpAuth.factory({
      defaultCredentials: mockCredentials.none(),
    }),
  ].filter(feature => !replaced.has(serviceOf(feature)));
  return startTestBackend({ features: [opsPlugin, ...defaults, ...extra] });
}

/** The startup evaluation runs in the background; wait for it like a client would. */
export async function evaluated(server: Parameters<typeof request>[0]) {
  for (let i = 0; i < 100; i++) {
    const res = await request(server)
      .get('/api/ops/compliance/summary')
      .set(janeAuth);
    if (res.body.evaluation) return res.body;
    await new Promise(r => setTimeout(r, 100));
  }
  throw new Error('no evaluation finished');
}
