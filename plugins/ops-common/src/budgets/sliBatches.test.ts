import { buildOpsProfile } from '../profile';
import { batchedCountersQuery } from './sliBatches';
import { sliQueries, type SliQuery } from './sliMeasurement';

/** One batch's query for these SLIs (of one entity, the representative) over the values. */
const queryOf = (values: string[], ...slis: SliQuery[]) =>
  batchedCountersQuery(
    slis.map(q => ({ key: q.batch!.key, counters: q.batch!.counters() })),
    values,
  );

function queriesOf(name: string, sli: string) {
  const descriptor = `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments: [{name: production}, {name: staging}]
slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", window: 28d, sli: ${sli}}
`;
  return sliQueries(
    buildOpsProfile({
      kind: 'Component',
      metadata: {
        name,
        namespace: 'shop',
        annotations: { 'opskit.io/descriptor': descriptor },
      },
      spec: {},
    }).profile,
  );
}

const RATIO = `{bad: 'http_requests_total{service="$service",env="$environment",code=~"5.."}', total: 'http_requests_total{service="$service",env="$environment"}'}`;

describe('batched SLI queries', () => {
  it('gives entities that differ only in their own label one key per environment, and one query for all of them', () => {
    const [checkoutProd, checkoutStaging] = queriesOf('checkout', RATIO);
    const [cartProd] = queriesOf('cart.v2', RATIO);
    expect(checkoutProd.batch).toMatchObject({
      label: 'service',
      value: 'checkout',
    });
    expect(cartProd.batch!.key).toBe(checkoutProd.batch!.key);
    expect(checkoutStaging.batch!.key).not.toBe(checkoutProd.batch!.key);
    const { query, partOf } = queryOf(['checkout', 'cart.v2'], checkoutProd);
    // Each counter per window, by entity: the dot escaped for the regular expression (and the backslash for PromQL).
    expect(query).toContain(
      'label_replace(sum by (service) (rate(http_requests_total{service=~"checkout|cart\\\\.v2",env="production",code=~"5.."}[5m])), "opskit_part", "0", "", "")',
    );
    expect(query).toContain(
      'sum by (service) (rate(http_requests_total{service=~"checkout|cart\\\\.v2",env="production"}[4w]))',
    );
    expect(partOf(checkoutProd.batch!.key, '5m', 'bad')).toBe('0');
    expect(partOf(checkoutProd.batch!.key, '5m', 'total')).toBe('1');
    for (const window of checkoutProd.windows)
      expect(query).toContain(`[${window}]))`);
    expect(query).not.toContain('$');
    // Its own query is still there, built when read (when the batch did not answer).
    expect(checkoutProd.query).toContain(
      'sum(rate(http_requests_total{service="checkout",env="production",code=~"5.."}[5m]))',
    );
  });

  it("divides an entity's counters as the query alone would: a missing bad or good counter is zero, no total no window, 0/0 NaN", () => {
    const [bad] = queriesOf('checkout', RATIO);
    const counters: Record<string, number> = {
      '5m total': 1000,
      '5m bad': 10,
      '1h total': 1000,
      '6h total': 0,
    };
    const ratios = bad.batch!.ratios((w, part) => counters[`${w} ${part}`]);
    expect(ratios['5m']).toBeCloseTo(0.01);
    expect(ratios['1h']).toBe(0);
    expect(ratios['6h']).toBeNaN();
    expect(Object.keys(ratios).sort()).toEqual(['1h', '5m', '6h']);
    const [good] = queriesOf(
      'checkout',
      `{good: 'ok{service="$service"}', total: 'all{service="$service"}'}`,
    );
    expect(
      good.batch!.ratios((w, part) =>
        w === '5m'
          ? ({ good: 990, total: 1000 } as Record<string, number>)[part]
          : undefined,
      ),
    ).toEqual({ '5m': expect.closeTo(0.01) });
    expect(
      good.batch!.ratios((_w, part) => (part === 'total' ? 1000 : undefined))[
        '5m'
      ],
    ).toBe(1);
  });

  it('asks a counter two SLIs share once per window', () => {
    const [availability] = queriesOf('checkout', RATIO);
    const [success] = queriesOf(
      'checkout',
      `{good: 'http_requests_total{service="$service",env="$environment",code!~"5.."}', total: 'http_requests_total{service="$service",env="$environment"}'}`,
    );
    const { query, partOf } = queryOf(['checkout'], availability, success);
    const total5m =
      'sum by (service) (rate(http_requests_total{service=~"checkout",env="production"}[5m]))';
    expect(query.split(total5m)).toHaveLength(2);
    expect(partOf(success.batch!.key, '5m', 'total')).toBe(
      partOf(availability.batch!.key, '5m', 'total'),
    );
    expect(partOf(success.batch!.key, '5m', 'good')).not.toBe(
      partOf(availability.batch!.key, '5m', 'bad'),
    );
  });

  it('batches a histogram threshold on its own bucket, with ${braced} variables', () => {
    const [production] = queriesOf(
      'checkout',
      `{histogram: http_request_duration_seconds, threshold: 250ms, selector: 'job="\${service}",env="$environment"'}`,
    );
    expect(production.batch!.label).toBe('job');
    expect(queryOf(['a', 'b'], production).query).toContain(
      'sum by (job) (rate(http_request_duration_seconds_bucket{job=~"a|b",env="production",le=~"0\\\\.250*"}[5m]))',
    );
    // Without the threshold's bucket the window is left out, so the module asks on its own (and finds the nearest).
    expect(
      production.batch!.ratios((_w, part) =>
        part === 'total' ? 1000 : undefined,
      ),
    ).toEqual({});
  });

  it('leaves alone what it cannot batch: no entity label, or the entity told apart by two labels', () => {
    const [plain] = queriesOf(
      'checkout',
      `{good: 'ok{env="$environment"}', total: 'all{env="$environment"}'}`,
    );
    expect(plain.batch).toBeUndefined();
    expect(plain.query).toBeDefined();
    const [two] = queriesOf(
      'checkout',
      `{good: 'ok{service="$service"}', total: 'all{namespace="$namespace"}'}`,
    );
    expect(two.batch).toBeUndefined();
    // A second variable elsewhere is part of the key: only entities where it is equal share a batch.
    const [a] = queriesOf(
      'checkout',
      `{good: 'ok{service="$service",ns=~"$namespace-.*"}', total: 'all{service="$service"}'}`,
    );
    expect(queryOf(['x'], a).query).toContain('ns=~"shop-.*"');
  });
});
