import type { Entity } from '@backstage/catalog-model';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  withLocalDescriptor,
  type EntityFact,
} from '@opskit/plugin-ops-common';
import request from 'supertest';
import opsPlugin from '@opskit/plugin-ops-backend';
import opsModulePrometheus from './index';
import {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from './testUtils';

jest.setTimeout(90_000);

const DESCRIPTOR = `
apiVersion: opskit.io/v1
kind: OpsDescriptor
tier: tier-1
environments:
  - {name: staging, url: https://checkout.staging.example.com}
  - {name: production, url: https://checkout.example.com}
slos:
  - {name: Latency, indicator: latency, unit: ms, objective: "<200ms", alert: ">500ms", query: 'max(checkout_latency_ms{env="$environment",service="$service"})'}
  - {name: Errors, indicator: error-rate, unit: percent, objective: "<1%", alert: ">5%", environment: production, query: 'max(checkout_error_percent{env="$environment"})'}
  - {name: Uptime, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", environment: production, query: 'max(checkout_uptime_percent{env="$environment"})'}
  - {name: Throughput, indicator: throughput, unit: rps, objective: ">10", environment: production, query: 'sum(rate(checkout_requests_total[5m]'}
`;

const checkout = withLocalDescriptor(
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      namespace: 'default',
      annotations: { 'opskit.io/ops-ref': 'dir:.' },
    },
    spec: {
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/payments-team',
    },
  } as Entity,
  () => DESCRIPTOR,
) as Entity;

const auth = {
  Authorization: mockCredentials.user.header('user:default/jane'),
};

describe('Prometheus fact provider against a real Prometheus', () => {
  let exporter: Exporter;
  let prometheus: RealPrometheus;

  beforeAll(async () => {
    exporter = await startExporter();
    exporter.set(
      'checkout_latency_ms',
      { env: 'production', service: 'checkout' },
      120,
    );
    exporter.set(
      'checkout_latency_ms',
      { env: 'staging', service: 'checkout' },
      300,
    );
    exporter.set('checkout_error_percent', { env: 'production' }, 7);
    exporter.set('checkout_uptime_percent', { env: 'production' }, 99.95);
    prometheus = await startPrometheus(exporter.port);
  });

  afterAll(async () => {
    await prometheus?.stop();
    await exporter?.close();
  });

  it('measures met, breached, alerting and failing queries, and keeps values marked stale while Prometheus is down', async () => {
    const { server } = await startTestBackend({
      features: [
        opsPlugin,
        opsModulePrometheus,
        catalogServiceMock.factory({ entities: [checkout] }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
        mockServices.rootConfig.factory({
          data: {
            ops: {
              prometheus: {
                environments: {
                  production: { baseUrl: prometheus.url, token: 'prod-token' },
                  staging: {
                    baseUrl: prometheus.url,
                    headers: { 'X-Scope-OrgID': 'checkout' },
                  },
                },
              },
            },
          },
        }),
      ],
    });
    const read = async () => {
      const res = await request(server)
        .get('/api/ops/entities/component/default/checkout')
        .set(auth);
      expect(res.status).toBe(200);
      const facts = Object.fromEntries(
        (res.body.facts as EntityFact[]).map(f => [f.name, f]),
      );
      const check = res.body.scorecards
        .flatMap((c: any) => c.results)
        .find((r: any) => r.checkId === 'slos-met-in-production');
      return { facts, check };
    };

    expect(
      (await request(server).post('/api/ops/refresh').set(auth)).status,
    ).toBe(202);
    const first = await read();
    expect(first.facts['slo/production/Latency']).toMatchObject({
      provider: 'prometheus',
      stale: false,
      value: { value: 120, objectiveMet: true, alerting: false },
    });
    expect(first.facts['slo/staging/Latency'].value).toMatchObject({
      value: 300,
      objectiveMet: false,
      alerting: false,
    });
    expect(first.facts['slo/production/Errors'].value).toMatchObject({
      value: 7,
      objectiveMet: false,
      alerting: true,
    });
    expect(first.facts['slo/production/Uptime'].value).toMatchObject({
      value: 99.95,
      objectiveMet: true,
    });
    expect(first.facts['slo/production/Throughput']).toMatchObject({
      value: null,
      stale: false,
      error: expect.stringMatching(/^bad_data: .*parse error/),
    });
    // The sample's time is Prometheus's evaluation time: moments ago.
    expect(
      Date.now() -
        Date.parse(first.facts['slo/production/Latency'].observedAt!),
    ).toBeLessThan(60_000);
    expect(first.check).toMatchObject({
      status: 'fail',
      message: 'Errors at 7% misses < 1% (alerting)',
    });
    const row = (await request(server).get('/api/ops/compliance').set(auth))
      .body.items[0];
    expect(row.slos).toMatchObject({
      environment: 'production',
      total: 4,
      met: 2,
      breached: 1,
      alerting: 1,
      unknown: 1,
    });

    // Errors recover: once Prometheus has scraped the new value, the breach is gone; the broken query still warns.
    exporter.set('checkout_error_percent', { env: 'production' }, 0.5);
    for (
      let i = 0;
      i < 100 &&
      (await prometheus.query(
        'max(checkout_error_percent{env="production"})',
      )) !== 0.5;
      i++
    )
      await new Promise(r => setTimeout(r, 100));
    await request(server).post('/api/ops/refresh').set(auth);
    const recovered = await read();
    expect(recovered.facts['slo/production/Errors'].value).toMatchObject({
      value: 0.5,
      objectiveMet: true,
      alerting: false,
    });
    expect(recovered.check).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('Throughput (bad_data:'),
    });

    // Prometheus goes down: every value stays, marked stale, with the reason.
    await prometheus.stop();
    await request(server).post('/api/ops/refresh').set(auth);
    const down = await read();
    expect(down.facts['slo/production/Latency']).toMatchObject({
      stale: true,
      value: { value: 120 },
      observedAt: recovered.facts['slo/production/Latency'].observedAt,
      error: expect.stringContaining('is unreachable: ECONNREFUSED'),
    });
    expect(down.facts['slo/production/Errors']).toMatchObject({
      stale: true,
      value: { value: 0.5 },
    });
    expect(down.check).toMatchObject({
      status: 'warn',
      message: expect.stringContaining('Latency (stale: Prometheus at'),
    });
  });
});
