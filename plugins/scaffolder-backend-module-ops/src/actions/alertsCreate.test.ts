import { spawnSync } from 'node:child_process';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { dirname, join } from 'node:path';
import { readYaml } from '@opskit/plugin-ops-common';
import {
  actionContext,
  CATALOG_INFO,
  config,
  readExample,
} from '../__testUtils__/context';
import { createOpsAlertsAction } from './alertsCreate';

const PROMTOOL = process.env.OPSKIT_PROMETHEUS_BIN
  ? join(dirname(process.env.OPSKIT_PROMETHEUS_BIN), 'promtool')
  : 'promtool';

describe('ops:alerts:create', () => {
  const dir = createMockDirectory();
  const action = createOpsAlertsAction({ config: config() });
  const withOps = (ops: string) =>
    dir.setContent({
      'catalog-info.yaml': CATALOG_INFO.replace(
        '    github.com/project-slug: acme/orders-api\n',
        '    opskit.io/ops-ref: dir:.\n',
      ),
      'ops.yaml': ops,
    });

  it("writes the new service's Prometheus rules, which promtool accepts", async () => {
    withOps(readExample('payments-api/ops.yaml'));
    const { ctx, outputs } = actionContext(dir.path, {});
    await action.handler(ctx as any);
    expect(outputs).toEqual({
      path: 'prometheus/ops-rules.yml',
      // Per environment: the p95 threshold alert, and Uptime's 8 error-ratio records and 4 burn-rate alerts.
      groups: 6,
      rules: 39,
    });
    const text = (dir.content() as any).prometheus['ops-rules.yml'];
    const { groups } = readYaml(text, 'ops-rules.yml').value as any;
    expect(groups[0].rules[0]).toMatchObject({
      alert: 'OpsKitSloThreshold',
      labels: { opskit_entity: 'component:default/orders-api' },
    });
    const checked = spawnSync(
      PROMTOOL,
      ['check', 'rules', join(dir.path, 'prometheus/ops-rules.yml')],
      { encoding: 'utf8' },
    );
    expect(`${checked.stdout}${checked.stderr}`).toContain(
      'SUCCESS: 39 rules found',
    );
  });

  it('pages on the burn rates configured for the Prometheus module, and refuses bad ones', async () => {
    withOps(`apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://orders.example.com}
slos:
  - {name: availability, indicator: availability, unit: percent, objective: ">=99.9%", window: 30d, sli: {good: 'http_requests_total{code!~"5.."}', total: http_requests_total}}
`);
    const configured = createOpsAlertsAction({
      config: config({
        prometheus: {
          default: { baseUrl: 'http://prometheus' },
          burnRates: [
            { severity: 'page', long: '6h', short: '30m', factor: 5 },
          ],
        },
      }),
    });
    await configured.handler(actionContext(dir.path, {}).ctx as any);
    const text = (dir.content() as any).prometheus['ops-rules.yml'];
    const alerts = (readYaml(text, 'ops-rules.yml').value as any).groups
      .flatMap((g: any) => g.rules)
      .filter((r: any) => r.alert === 'OpsKitErrorBudgetBurn');
    expect(alerts).toHaveLength(1);
    expect(alerts[0].labels).toMatchObject({
      severity: 'page',
      opskit_window: '6h/30m',
    });
    expect(alerts[0].expr).toContain('> (5 * ');

    const broken = createOpsAlertsAction({
      config: config({
        prometheus: {
          default: { baseUrl: 'http://prometheus' },
          burnRates: [
            { severity: 'page', long: '1h', short: '5m', factor: -1 },
          ],
        },
      }),
    });
    await expect(
      broken.handler(actionContext(dir.path, {}).ctx as any),
    ).rejects.toThrow(
      'ops.prometheus.burnRates[0].factor: must be a number above 0',
    );
  });

  it('refuses ops data with errors, and a path outside the workspace, naming the input', async () => {
    withOps(readExample('legacy-billing/ops.yaml'));
    await expect(
      action.handler(actionContext(dir.path, {}).ctx as any),
    ).rejects.toThrow(
      /^the ops data has errors, so no rules are written: .*environments\[1\]\.url/,
    );
    withOps(readExample('payments-api/ops.yaml'));
    await expect(
      action.handler(
        actionContext(dir.path, { outputPath: '../rules.yml' }).ctx as any,
      ),
    ).rejects.toThrow('outputPath "../rules.yml" is outside the workspace');
    dir.setContent({});
    await expect(
      action.handler(actionContext(dir.path, {}).ctx as any),
    ).rejects.toThrow(/^catalogInfoPath "catalog-info.yaml" does not exist/);
  });
});
