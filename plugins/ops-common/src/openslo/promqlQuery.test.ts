import { promQlQueryShape } from './promqlQuery';

describe('promQlQueryShape: which OpenSLO queries OpsKit can re-window', () => {
  it.each([
    ['http_requests_total{code!~"5.."}', 'http_requests_total{code!~"5.."}'],
    ['sum(http_requests_total{job="a"})', 'http_requests_total{job="a"}'],
    ['sum by (code) (x{path=~"/a/[0-9]+"})', 'x{path=~"/a/[0-9]+"}'],
    ['sum(x) by (code)', 'x'],
    ['sum without (instance) (up)', 'up'],
    ['{__name__="requests_total"}', '{__name__="requests_total"}'],
    ['sum(u)', 'u'],
  ])('maps the counter %s to the selector %s', (query, selector) => {
    expect(promQlQueryShape(query)).toEqual({ shape: 'selector', selector });
  });

  it.each([
    'sum(rate(x[5m]))',
    'rate(x[5m])',
    'increase(x[1h])',
    'avg_over_time(x[10m])',
    'max(x[1h:5m])',
    'histogram_quantile(0.99, sum by (le) (rate(x_bucket[5m])))',
  ])('refuses %s as already windowed', query => {
    expect(promQlQueryShape(query)).toEqual({ shape: 'windowed' });
  });

  it.each(['x / y', 'sum(a) + sum(b)', 'x offset 5m', 'avg(x)', 'sum'])(
    'does not take apart the expression %s',
    query => {
      expect(promQlQueryShape(query)).toEqual({ shape: 'expression' });
    },
  );
});
