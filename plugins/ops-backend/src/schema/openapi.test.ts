import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  evaluated,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';
import { specViolation } from '../__testUtils__/specViolation';
import { spec } from './openapi/generated/router';

jest.setTimeout(60_000);

const PAYMENTS = '/entities/component/default/payments-api';
const auth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

describe('openapi.yaml', () => {
  it('is what the committed generated files were made from (run `yarn workspace @opskit/plugin-ops-backend schema:generate`)', async () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { staleFiles } = require('../../scripts/generate-api.js');
    expect(await staleFiles()).toEqual([]);
  });
});

describe('every response body matches the spec', () => {
  /** Validates a response against its operation's documented status and content type. */
  function check(
    route: keyof typeof spec.paths,
    method: string,
    res: request.Response,
    contentType = 'application/json',
  ) {
    const body = contentType === 'application/json' ? res.body : res.text;
    expect({
      route: `${method.toUpperCase()} ${route} ${res.status}`,
      violation: specViolation(route, method, res.status, body, contentType),
    }).toEqual({
      route: `${method.toUpperCase()} ${route} ${res.status}`,
      violation: undefined,
    });
  }

  let server: any;
  beforeAll(async () => {
    ({ server } = await startOpsTestBackend());
    await evaluated(server);
  });

  const get = (path: string) =>
    request(server).get(`/api/ops${path}`).set(auth);

  it('for the reads', async () => {
    check('/health', 'get', await request(server).get('/api/ops/health'));
    check('/checks', 'get', await get('/checks'));
    check(
      '/rollups/{kind}/{namespace}/{name}',
      'get',
      await get('/rollups/group/default/engineering'),
    );
    check('/entities/{kind}/{namespace}/{name}', 'get', await get(PAYMENTS));
    check(
      '/entities/{kind}/{namespace}/{name}',
      'get',
      await get('/entities/component/default/legacy-billing'),
    );
    check(
      '/entities/{kind}/{namespace}/{name}/history',
      'get',
      await get(`${PAYMENTS}/history`),
    );
    check('/compliance', 'get', await get('/compliance?limit=2'));
    check('/compliance/summary', 'get', await get('/compliance/summary'));
    check('/compliance/trend', 'get', await get('/compliance/trend'));
    check(
      '/compliance/export',
      'get',
      await get('/compliance/export?format=json'),
    );
    check(
      '/compliance/export',
      'get',
      await get('/compliance/export?format=csv'),
      'text/csv',
    );
  });

  it('for the writes and their lists', async () => {
    const signOff = await request(server)
      .post(`/api/ops${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'tests-passing', version: '2.4.0', comment: 'green' });
    expect(signOff.status).toBe(201);
    check('/entities/{kind}/{namespace}/{name}/signoffs', 'post', signOff);
    check(
      '/entities/{kind}/{namespace}/{name}/signoffs',
      'get',
      await get(`${PAYMENTS}/signoffs`),
    );

    const waiver = await request(server)
      .post(`/api/ops${PAYMENTS}/waivers`)
      .set(auth)
      .send({
        checkId: 'recovery-tested',
        reason: 'drill next week',
        expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(waiver.status).toBe(201);
    check('/entities/{kind}/{namespace}/{name}/waivers', 'post', waiver);
    const revoked = await request(server)
      .delete(`/api/ops/waivers/${waiver.body.id}`)
      .set(auth);
    check('/waivers/{id}', 'delete', revoked);
    check(
      '/entities/{kind}/{namespace}/{name}/waivers',
      'get',
      await get(`${PAYMENTS}/waivers?includeInactive=true`),
    );
    check(
      '/refresh',
      'post',
      await request(server).post('/api/ops/refresh').set(auth),
    );
  });

  it('for errors', async () => {
    const missing = await get('/entities/component/default/nope');
    expect(missing.status).toBe(404);
    check('/entities/{kind}/{namespace}/{name}', 'get', missing);
    const bad = await request(server)
      .post(`/api/ops${PAYMENTS}/signoffs`)
      .set(auth)
      .send({ itemId: 'no-such-item' });
    expect(bad.status).toBe(400);
    check('/entities/{kind}/{namespace}/{name}/signoffs', 'post', bad);
  });
});
