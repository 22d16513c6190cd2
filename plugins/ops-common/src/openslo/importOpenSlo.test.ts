import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { prometheusRules } from '../budgets/prometheusRules';
import { buildOpsProfile } from '../profile';
import { importOpenSlo } from './importOpenSlo';

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');

describe('importOpenSlo', () => {
  it('maps an SLO with an SLI, an alert policy and a data source by reference', () => {
    const imported = importOpenSlo(fixture('payments.openslo.yaml'), {
      source: 'payments.yaml',
    });
    expect(imported.issues).toEqual([]);
    expect(imported.slos).toEqual([
      {
        document: 'SLO payments-availability',
        service: 'payments-api',
        slo: {
          name: 'payments-availability',
          indicator: 'availability',
          unit: 'percent',
          objective: { op: 'gte', value: 99.9 },
          window: '4w',
          // sum(...) dropped: OpsKit sums the rate of the selector itself.
          sli: {
            good: 'payments_authorisations_total{job="payments-api",outcome="ok"}',
            total: 'payments_authorisations_total{job="payments-api"}',
          },
          burnRateAlerts: [
            { severity: 'page', factor: 14.4, window: '1h', for: '5m' },
          ],
        },
      },
    ]);
  });

  it('maps inline SLIs, several objectives, calendar windows, time slices and thresholds, saying what it cannot honour', () => {
    const imported = importOpenSlo(fixture('checkout.openslo.yaml'), {
      source: 'checkout.yaml',
    });
    const errors = {
      indicator: 'availability',
      unit: 'percent',
      window: '30d',
      sli: {
        bad: 'http_requests_total{job="checkout",code=~"5.."}',
        total: 'http_requests_total{job="checkout"}',
      },
      burnRateAlerts: [{ severity: 'ticket', factor: 3, window: '6h' }],
    };
    expect(imported.slos.map(s => s.slo)).toEqual([
      {
        name: 'checkout-errors/Usual',
        objective: { op: 'gte', value: 99.5 },
        ...errors,
      },
      {
        name: 'checkout-errors/Strict',
        objective: { op: 'gte', value: 99.9 },
        ...errors,
      },
      {
        name: 'checkout-latency',
        indicator: 'latency',
        unit: 's',
        objective: { op: 'lt', value: 0.3 },
        window: '1w',
        query:
          'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{job="checkout"}[5m])))',
      },
      {
        name: 'checkout-success-rate',
        indicator: 'availability',
        unit: 'percent',
        objective: { op: 'gte', value: 99 },
        // Already windowed: kept as the current share, not as an SLI.
        query:
          '100 * (sum(rate(http_requests_total{job="checkout",code!~"5.."}[5m]))) / (sum(rate(http_requests_total{job="checkout"}[5m])))',
      },
    ]);
    expect(imported.issues.map(i => [i.severity, i.path])).toEqual([
      ['warning', 'SLO checkout-errors: spec.timeWindow[0]'],
      ['warning', 'SLO checkout-latency: spec.budgetingMethod'],
      ['warning', 'SLO checkout-latency: spec.objectives[0]'],
      [
        'warning',
        'SLO checkout-success-rate: spec.indicator.spec.ratioMetric.good.metricSource.spec.query',
      ],
      ['warning', 'SLO checkout-success-rate: spec.budgetingMethod'],
    ]);
    const messages = imported.issues.map(i => i.message);
    expect(messages[0]).toMatch(
      /^a calendar window is budgeted as a rolling 30d: .* does not reset at the start of each month/,
    );
    expect(messages[1]).toMatch(/^Timeslices budgeting is read as Occurrences/);
    expect(messages[2]).toMatch(
      /compares the query's value with < 0.3, and the target \(99%\) is not budgeted$/,
    );
    expect(messages[3]).toMatch(
      /already holds a range \(\[5m\]\) or a rate: .* e\.g\. http_requests_total\{job="checkout",code!~"5\.\."\}$/,
    );
  });

  it('lists an SLO of a non-Prometheus source without a measurement, warning once', () => {
    const imported = importOpenSlo(fixture('list.openslo.yaml'));
    expect(imported.slos.map(s => s.slo)).toEqual([
      {
        name: 'search-availability',
        indicator: 'availability',
        unit: 'percent',
        objective: { op: 'gte', value: 99 },
        window: '30d',
      },
    ]);
    expect(imported.issues).toEqual([
      expect.objectContaining({
        path: 'SLO search-availability: spec.indicator.spec.ratioMetric.good.metricSource',
        severity: 'warning',
        message: expect.stringMatching(
          /^type Datadog is not one OpsKit queries/,
        ),
      }),
    ]);
  });

  it('says when a threshold metric has no unit, and takes it from an annotation', () => {
    const text = fixture('checkout.openslo.yaml').replace(
      '    opskit.io/unit: s\n',
      '',
    );
    const latency = importOpenSlo(text).slos.find(
      s => s.slo.name === 'checkout-latency',
    )!;
    expect(latency.slo.unit).toBe('count');
    expect(
      importOpenSlo(text).issues.find(
        i => i.path === 'SLO checkout-latency: spec.objectives[0]',
      )?.message,
    ).toMatch(/its unit is not known.*opskit\.io\/unit"\]: ms$/);
  });

  it('skips SLOs with errors, and SLOs naming a broken SLI', () => {
    const text = fixture('payments.openslo.yaml').replace(
      'target: 0.999',
      'target: 1.5',
    );
    expect(importOpenSlo(text).slos).toEqual([]);
    const brokenSli = fixture('payments.openslo.yaml').replace(
      'metricSourceRef: prometheus-eu\n        spec:\n          query: payments_authorisations_total{job="payments-api"}',
      'metricSourceRef: prometheus-us\n        spec:\n          query: payments_authorisations_total{job="payments-api"}',
    );
    const imported = importOpenSlo(brokenSli);
    expect(imported.slos).toEqual([]);
    expect(imported.issues).toEqual([
      expect.objectContaining({
        path: 'SLI payments-success: spec.ratioMetric.total.metricSource.metricSourceRef',
        severity: 'error',
      }),
    ]);
  });

  it('warns when an SLO belongs to another service than the entity', () => {
    const imported = importOpenSlo(fixture('payments.openslo.yaml'), {
      service: 'billing',
    });
    expect(imported.issues).toEqual([
      expect.objectContaining({
        path: 'SLO payments-availability: spec.service',
        severity: 'warning',
        message: expect.stringMatching(
          /^"payments-api" is not this entity \("billing"\)/,
        ),
      }),
    ]);
  });

  it('gives the rules of an SLO with an alert policy its own burn-rate alert instead of the default ones', () => {
    const { profile } = buildOpsProfile({
      kind: 'Component',
      metadata: { name: 'payments-api' },
    });
    const [{ slo }] = importOpenSlo(fixture('payments.openslo.yaml')).slos;
    const [group] = prometheusRules({
      ...profile,
      slos: [slo],
    }).groups;
    const alerts = group.rules.filter(r => r.alert);
    expect(alerts).toEqual([
      {
        alert: 'OpsKitErrorBudgetBurn',
        expr: 'opskit:sli_error_ratio:rate1h{opskit_entity="component:default/payments-api",opskit_slo="payments-availability",opskit_environment="production"} > (14.4 * 0.001)',
        for: '5m',
        labels: {
          opskit_entity: 'component:default/payments-api',
          opskit_slo: 'payments-availability',
          opskit_environment: 'production',
          severity: 'page',
          opskit_severity: 'P1',
          opskit_window: '1h',
        },
        annotations: {
          summary:
            'component:default/payments-api: "payments-availability" in production burns its error budget 14.4× too fast (1h for 5m)',
        },
      },
    ]);
    expect(group.rules.map(r => r.record).filter(Boolean)).toContain(
      'opskit:sli_error_ratio:rate4w',
    );
  });
});
