import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import {
  instantQuery,
  PrometheusQueryError,
  PrometheusUnavailableError,
} from './instantQuery';
import { readPrometheusConfig } from './config';
import { ConfigReader } from '@backstage/config';

const BASE = 'http://prometheus.test';
const target = { baseUrl: BASE, headers: { Authorization: 'Bearer s3cret' } };
const vector = (...values: string[]) => ({
  status: 'success',
  data: {
    resultType: 'vector',
    result: values.map((v, i) => ({
      metric: { instance: `i${i}` },
      value: [1764244800.5, v],
    })),
  },
});

const server = setupServer();
beforeAll(() => server.listen());
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function answer(status: number, body: unknown) {
  const seen: {
    query: string | null;
    auth: string | null;
    type: string | null;
  }[] = [];
  server.use(
    http.post(`${BASE}/api/v1/query`, async ({ request }) => {
      const form = new URLSearchParams(await request.text());
      seen.push({
        query: form.get('query'),
        auth: request.headers.get('authorization'),
        type: request.headers.get('content-type'),
      });
      return typeof body === 'string'
        ? new HttpResponse(body, { status })
        : HttpResponse.json(body as object, { status });
    }),
  );
  return seen;
}

describe('instantQuery', () => {
  it('posts the query as a form with the configured credentials and reads one series', async () => {
    const seen = answer(200, vector('123.5'));
    await expect(
      instantQuery(target, 'max(latency{env="production"})'),
    ).resolves.toEqual({ value: 123.5, time: new Date(1764244800500) });
    expect(seen).toEqual([
      {
        query: 'max(latency{env="production"})',
        auth: 'Bearer s3cret',
        type: 'application/x-www-form-urlencoded',
      },
    ]);
  });

  it('reads scalars', async () => {
    answer(200, {
      status: 'success',
      data: { resultType: 'scalar', result: [1764244800, '0.25'] },
    });
    await expect(instantQuery(target, 'scalar(x)')).resolves.toMatchObject({
      value: 0.25,
    });
  });

  it('reports the query’s own problems as query errors', async () => {
    answer(400, {
      status: 'error',
      errorType: 'bad_data',
      error:
        'invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
    });
    await expect(instantQuery(target, 'sum(')).rejects.toThrow(
      new PrometheusQueryError(
        'bad_data: invalid parameter "query": 1:5: parse error: unclosed left parenthesis',
      ),
    );
    answer(422, {
      status: 'error',
      errorType: 'execution',
      error: 'query timed out',
    });
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      'execution: query timed out',
    );
    answer(200, vector());
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      'returned no series',
    );
    answer(200, vector('1', '2'));
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      'returned 2 series; aggregate it to one value',
    );
    answer(200, vector('NaN'));
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      "the query's value is NaN, not a number",
    );
    answer(200, {
      status: 'success',
      data: { resultType: 'matrix', result: [] },
    });
    await expect(instantQuery(target, 'x[5m]')).rejects.toBeInstanceOf(
      PrometheusQueryError,
    );
  });

  it('reports an unreachable or misbehaving Prometheus as unavailable (old values are kept)', async () => {
    answer(503, 'service unavailable');
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      new PrometheusUnavailableError(
        `Prometheus at ${BASE} answered 503 Service Unavailable`,
      ),
    );
    answer(401, 'unauthorized');
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      'refused the credentials (401)',
    );
    answer(200, '<html>login</html>');
    await expect(instantQuery(target, 'x')).rejects.toThrow(
      'did not answer like Prometheus',
    );
    server.use(http.post(`${BASE}/api/v1/query`, () => HttpResponse.error()));
    await expect(instantQuery(target, 'x')).rejects.toBeInstanceOf(
      PrometheusUnavailableError,
    );
  });
});

describe('readPrometheusConfig', () => {
  it('reads per-environment targets with bearer or basic auth, and refuses bad ones with the key named', () => {
    const config = readPrometheusConfig(
      new ConfigReader({
        ops: {
          prometheus: {
            default: { baseUrl: 'http://prom:9090/' },
            environments: {
              production: {
                baseUrl: 'https://prom.prod',
                token: 't',
                headers: { 'X-Scope-OrgID': 'payments' },
              },
              staging: {
                baseUrl: 'https://prom.staging',
                username: 'u',
                password: 'p',
              },
            },
          },
        },
      }),
    )!;
    expect(config.fallback).toEqual({
      baseUrl: 'http://prom:9090',
      headers: {},
    });
    expect(config.targets.get('production')).toEqual({
      baseUrl: 'https://prom.prod',
      headers: { 'X-Scope-OrgID': 'payments', Authorization: 'Bearer t' },
    });
    expect(config.targets.get('staging')!.headers.Authorization).toBe(
      `Basic ${Buffer.from('u:p').toString('base64')}`,
    );
    expect(readPrometheusConfig(new ConfigReader({}))).toBeUndefined();
    expect(() =>
      readPrometheusConfig(
        new ConfigReader({
          ops: {
            prometheus: {
              environments: { production: { baseUrl: 'prom:9090' } },
            },
          },
        }),
      ),
    ).toThrow(
      'ops.prometheus.environments.production.baseUrl: must be http or https',
    );
    expect(() =>
      readPrometheusConfig(
        new ConfigReader({
          ops: { prometheus: { default: { baseUrl: 'not a url' } } },
        }),
      ),
    ).toThrow('is not a URL');
    expect(() =>
      readPrometheusConfig(new ConfigReader({ ops: { prometheus: {} } })),
    ).toThrow('configure `default` or at least one entry');
  });

  it('reads the batch size, and refuses one below 1', () => {
    const withSize = (batchSize: unknown) =>
      readPrometheusConfig(
        new ConfigReader({
          ops: {
            prometheus: {
              default: { baseUrl: 'http://p' },
              batchSize: batchSize as any,
            },
          },
        }),
      );
    expect(withSize(undefined)?.batchSize).toBeUndefined();
    expect(withSize(50)?.batchSize).toBe(50);
    expect(() => withSize(0)).toThrow(
      'ops.prometheus.batchSize: must be a whole number of at least 1, got 0',
    );
    expect(() => withSize(2.5)).toThrow('got 2.5');
  });

  it('reads burn-rate conditions, and refuses bad ones with the key named', () => {
    const withRates = (burnRates: unknown) =>
      readPrometheusConfig(
        new ConfigReader({
          ops: {
            prometheus: {
              default: { baseUrl: 'http://p' },
              burnRates: burnRates as any,
            },
          },
        }),
      );
    expect(withRates(undefined)?.burnRateConditions).toBeUndefined();
    expect(
      withRates([
        { severity: 'page', long: '1h', short: '5m', factor: 10 },
        { severity: 'ticket', long: '3d', short: '6h', factor: 1 },
      ])?.burnRateConditions,
    ).toEqual([
      { severity: 'page', long: '1h', short: '5m', factor: 10 },
      { severity: 'ticket', long: '3d', short: '6h', factor: 1 },
    ]);
    for (const [rates, message] of [
      [[], 'ops.prometheus.burnRates: must be a non-empty list'],
      [
        [{ severity: 'sms', long: '1h', short: '5m', factor: 1 }],
        'ops.prometheus.burnRates[0].severity: must be page or ticket',
      ],
      [
        [{ severity: 'page', long: '2d', short: '5m', factor: 1 }],
        'ops.prometheus.burnRates[0].long: must be one of 5m, 30m, 1h, 2h, 6h, 1d, 3d',
      ],
      [
        [{ severity: 'page', long: '1h', short: '6h', factor: 1 }],
        'ops.prometheus.burnRates[0].short: must be shorter than long (1h)',
      ],
      [
        [{ severity: 'page', long: '1h', short: '5m', factor: 0 }],
        'ops.prometheus.burnRates[0].factor: must be a number above 0',
      ],
      [
        [{ severity: 'ticket', long: '1h', short: '5m', factor: 1 }],
        'ops.prometheus.burnRates: needs at least one page condition',
      ],
    ] as const)
      expect(() => withRates(rates)).toThrow(message);
  });
});
