import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { opsPlugin } from '../plugin';
import { opsTestConfig } from '../__testUtils__/testConfig';

jest.setTimeout(60_000);

const auth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

/**
 * A backend started in the given NODE_ENV (Backstage's error handler decides
 * at start whether bodies carry stack traces) whose catalog is down.
 */
async function start(nodeEnv: string) {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = nodeEnv;
  try {
    const down = async () => {
      throw new Error('catalog connection reset');
    };
    const { server } = await startTestBackend({
      features: [
        opsPlugin,
        catalogServiceMock.mock({
          getEntityByRef: down,
          getEntities: down,
          queryEntities: down,
        }).factory,
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        opsTestConfig(),
      ],
    });
    return server;
  } finally {
    process.env.NODE_ENV = before;
  }
}

/** A 400, a 404 and a 500. */
async function errors(server: Parameters<typeof request>[0]) {
  return Promise.all([
    request(server).get('/api/ops/compliance?limit=many').set(auth),
    request(server)
      .delete('/api/ops/waivers/6f1c1b7e-0000-4000-8000-000000000000')
      .set(auth),
    request(server).get('/api/ops/entities/component/default/x').set(auth),
  ]);
}

describe('error responses', () => {
  it('carry no stack trace from a production backend', async () => {
    const responses = await errors(await start('production'));
    expect(responses.map(r => r.status)).toEqual([400, 404, 500]);
    for (const res of responses) {
      expect(res.body.error.message).toEqual(expect.any(String));
      expect(res.body.error.stack).toBeUndefined();
      expect(res.text).not.toMatch(/\.ts:\d+|node_modules|at \w+ \(/);
    }
  });

  it('carry one in development, where a developer reads them', async () => {
    const responses = await errors(await start('development'));
    expect(responses[2].status).toBe(500);
    expect(responses[2].body.error.stack).toMatch(/catalog connection reset/);
  });
});
