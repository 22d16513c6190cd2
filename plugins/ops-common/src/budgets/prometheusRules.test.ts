import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { exampleIo } from '../__testUtils__/cliIo';
import { readYaml } from '../descriptor/yaml';
import { runCli } from '../cli/runCli';

/** Debian's promtool, beside the prometheus the test script installs (OPSKIT_PROMETHEUS_BIN). */
const PROMTOOL = process.env.OPSKIT_PROMETHEUS_BIN
  ? join(dirname(process.env.OPSKIT_PROMETHEUS_BIN), 'promtool')
  : 'promtool';

const dir = mkdtempSync(join(tmpdir(), 'opskit-rules-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `promtool check rules` on a rule file: its exit code and what it said. */
function promtoolCheck(yaml: string) {
  const file = join(dir, `rules-${Math.random().toString(36).slice(2)}.yml`);
  writeFileSync(file, yaml);
  const result = spawnSync(PROMTOOL, ['check', 'rules', file], {
    encoding: 'utf8',
  });
  if (result.error) throw result.error;
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

const SLI_SERVICE = `apiVersion: opskit.io/v1
kind: OpsDescriptor
tier: tier-1
environments:
  - {name: production, url: https://checkout.example.com}
  - {name: staging, url: https://checkout.staging.example.com}
incident:
  severities:
    - {id: P1, responseTime: 15m}
    - {id: P2, responseTime: 1h}
slos:
  - name: Checkout success
    indicator: availability
    unit: percent
    objective: ">=99.9%"
    alert: "<99%"
    window: 28d
    environment: production
    sli: {good: 'http_requests_total{job="checkout",env="$environment",code!~"5.."}', total: 'http_requests_total{job="checkout",env="$environment"}'}
  - name: Fast checkout
    indicator: latency
    unit: percent
    objective: ">=99%"
    alert: "<95%"
    window: 4w
    sli: {histogram: http_request_duration_seconds, threshold: 200ms, selector: 'job="checkout",env="$environment"'}
  - name: Errors
    indicator: error-rate
    unit: percent
    objective: ">=99.5%"
    alert: "<99%"
    sli: {bad: 'http_requests_total{code=~"5.."}', total: http_requests_total}
`;

function rules(files: Record<string, string>, args: string[]) {
  const { io, printed } = exampleIo({
    readFile: path => {
      if (path in files) return files[path];
      throw new Error(`ENOENT: ${path}`);
    },
  });
  const code = runCli(['rules', ...args], io);
  return { code, ...printed };
}

describe('opskit rules', () => {
  it("writes recording rules per burn-rate window, multiwindow burn-rate alerts and the runbook's thresholds, which promtool accepts", () => {
    const result = rules({ 'checkout/ops.yaml': SLI_SERVICE }, [
      'checkout/ops.yaml',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { groups } = readYaml(result.stdout, 'rules.yml').value as any;
    // One group per SLO and environment: success in production only, the others in both.
    expect(groups.map((g: any) => g.name)).toEqual([
      'opskit:component-default-checkout:checkout-success:production',
      'opskit:component-default-checkout:fast-checkout:production',
      'opskit:component-default-checkout:fast-checkout:staging',
      'opskit:component-default-checkout:errors:production',
      'opskit:component-default-checkout:errors:staging',
    ]);
    const [success, fast] = groups;
    // 7 burn-rate windows and the SLO's own, then 4 burn-rate alerts.
    expect(success.rules.map((r: any) => r.record ?? r.alert)).toEqual([
      'opskit:sli_error_ratio:rate5m',
      'opskit:sli_error_ratio:rate30m',
      'opskit:sli_error_ratio:rate1h',
      'opskit:sli_error_ratio:rate2h',
      'opskit:sli_error_ratio:rate6h',
      'opskit:sli_error_ratio:rate1d',
      'opskit:sli_error_ratio:rate3d',
      'opskit:sli_error_ratio:rate4w',
      'OpsKitErrorBudgetBurn',
      'OpsKitErrorBudgetBurn',
      'OpsKitErrorBudgetBurn',
      'OpsKitErrorBudgetBurn',
    ]);
    expect(success.rules[2]).toEqual({
      record: 'opskit:sli_error_ratio:rate1h',
      expr: '1 - ((sum(rate(http_requests_total{job="checkout",env="production",code!~"5.."}[1h])) or vector(0)) / sum(rate(http_requests_total{job="checkout",env="production"}[1h])))',
      labels: {
        opskit_entity: 'component:default/checkout',
        opskit_slo: 'Checkout success',
        opskit_environment: 'production',
      },
    });
    const page = success.rules[8];
    expect(page.expr).toBe(
      'opskit:sli_error_ratio:rate1h{opskit_entity="component:default/checkout",opskit_slo="Checkout success",opskit_environment="production"} > (14.4 * 0.001) and opskit:sli_error_ratio:rate5m{opskit_entity="component:default/checkout",opskit_slo="Checkout success",opskit_environment="production"} > (14.4 * 0.001)',
    );
    // Pages carry the incident policy's most severe level, tickets the next.
    expect(page.labels).toMatchObject({
      severity: 'page',
      opskit_severity: 'P1',
      opskit_window: '1h/5m',
    });
    expect(success.rules[10].labels).toMatchObject({
      severity: 'ticket',
      opskit_severity: 'P2',
    });
    // The histogram: the bucket at the threshold, in seconds, over the SLO's window.
    expect(fast.rules[7].expr).toBe(
      '1 - (sum(rate(http_request_duration_seconds_bucket{job="checkout",env="production",le=~"0\\\\.20*"}[4w])) / sum(rate(http_request_duration_seconds_count{job="checkout",env="production"}[4w])))',
    );

    const checked = promtoolCheck(result.stdout);
    expect(checked.output).toContain('SUCCESS: 60 rules found');
    expect(checked.code).toBe(0);
  });

  it("writes the examples' threshold alerts from their runbooks, and promtool accepts them", () => {
    const result = rules({}, []);
    expect(result.code).toBe(2);
    const { io, printed } = exampleIo();
    expect(runCli(['rules', 'payments-api/catalog-info.yaml'], io)).toBe(0);
    const { groups } = readYaml(printed.stdout, 'rules.yml').value as any;
    const alerts = groups.flatMap((g: any) => g.rules);
    expect(alerts.length).toBeGreaterThan(0);
    expect(alerts[0]).toMatchObject({
      alert: 'OpsKitSloThreshold',
      for: '5m',
      labels: {
        severity: 'page',
        opskit_entity: 'component:default/payments-api',
      },
    });
    expect(alerts[0].expr).toMatch(/\) > 500$/);
    expect(promtoolCheck(printed.stdout).code).toBe(0);
  });

  it("writes an SLO's own burn-rate alerts, over their windows, instead of the default ones", () => {
    const descriptor = `${SLI_SERVICE.split('slos:')[0]}slos:
  - name: Checkout success
    indicator: availability
    unit: percent
    objective: ">=99.9%"
    window: 28d
    sli: {good: 'http_requests_total{code!~"5.."}', total: http_requests_total}
    burnRateAlerts:
      - {severity: P2, factor: 6, window: 15m, for: 2m}
      - {severity: ticket, factor: 1, window: 3d}
`;
    const result = rules({ 'checkout/ops.yaml': descriptor }, [
      'checkout/ops.yaml',
    ]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { groups } = readYaml(result.stdout, 'rules.yml').value as any;
    const production = groups.find((g: any) => g.name.endsWith(':production'));
    const alerts = production.rules.filter((r: any) => r.alert);
    expect(alerts.map((a: any) => [a.expr, a.for, a.labels])).toEqual([
      [
        'opskit:sli_error_ratio:rate15m{opskit_entity="component:default/checkout",opskit_slo="Checkout success",opskit_environment="production"} > (6 * 0.001)',
        '2m',
        expect.objectContaining({
          severity: 'P2',
          opskit_severity: 'P2',
          opskit_window: '15m',
        }),
      ],
      [
        'opskit:sli_error_ratio:rate3d{opskit_entity="component:default/checkout",opskit_slo="Checkout success",opskit_environment="production"} > (1 * 0.001)',
        undefined,
        expect.objectContaining({
          severity: 'ticket',
          opskit_severity: 'P2',
          opskit_window: '3d',
        }),
      ],
    ]);
    expect(production.rules.map((r: any) => r.record)).toContain(
      'opskit:sli_error_ratio:rate15m',
    );
    expect(promtoolCheck(result.stdout).code).toBe(0);
  });

  it('writes nothing for a descriptor with errors, and promtool refuses a broken rule (the check can fail)', () => {
    const { io, printed } = exampleIo();
    expect(runCli(['rules', 'legacy-billing/catalog-info.yaml'], io)).toBe(1);
    expect(printed.stdout).toBe('');
    expect(printed.stderr).toMatch(/error environments\[1\]\.url/);
    const broken = promtoolCheck(
      'groups:\n  - name: x\n    rules:\n      - record: "not a metric name"\n        expr: "sum(rate(x[5m])"\n',
    );
    expect(broken.code).not.toBe(0);
  });
});
