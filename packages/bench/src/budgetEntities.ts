import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { canonicalDescriptorText, readYaml } from '@opskit/plugin-ops-common';

const EXAMPLES = resolve(__dirname, '../../../examples');
const read = (f: string) => readFileSync(resolve(EXAMPLES, f), 'utf8');

/** The environments every budget entity runs in, each measured. */
export const BUDGET_ENVIRONMENTS = ['development', 'staging', 'production'];

/** The name of the i-th budget entity: also its `service` label (`$service`). */
export const budgetServiceName = (i: number) => `svc-${i}`;

/**
 * Three SLOs with an SLI, one of each kind: a bad/total ratio, a good/total
 * ratio (on the same counters, as teams often define several SLOs over one
 * request counter) and a latency threshold over a histogram. Each is
 * measured in each environment: 9 budgets per entity.
 */
const SLOS = [
  {
    name: 'Availability',
    indicator: 'availability',
    unit: 'percent',
    objective: '>=99.9%',
    alert: '<99.5%',
    window: '28d',
    sli: {
      bad: 'http_requests_total{service="$service",env="$environment",code=~"5.."}',
      total: 'http_requests_total{service="$service",env="$environment"}',
    },
  },
  {
    name: 'Checkout success',
    indicator: 'availability',
    unit: 'percent',
    objective: '>=99%',
    alert: '<98%',
    window: '7d',
    sli: {
      good: 'http_requests_total{service="$service",env="$environment",code!~"5.."}',
      total: 'http_requests_total{service="$service",env="$environment"}',
    },
  },
  {
    name: 'Fast responses',
    indicator: 'latency',
    unit: 'percent',
    objective: '>=99%',
    alert: '<95%',
    window: '28d',
    sli: {
      histogram: 'http_request_duration_seconds',
      threshold: '250ms',
      selector: 'service="$service",env="$environment"',
    },
  },
];

/**
 * N components for the fact-collection benchmark: the payments-api
 * example's runbook (its environments, deployment, monitoring, incident
 * policy, backups) with the three SLOs above in place of its own, inlined as
 * the catalog module stores a descriptor, each entity with its own name and
 * owner. `$service` is the entity's name, so each measures its own series.
 */
export function budgetEntities(count: number): any[] {
  const entity = readYaml(
    read('payments-api/catalog-info.yaml'),
    'catalog-info.yaml',
  ).value as any;
  const descriptor = readYaml(read('payments-api/ops.yaml'), 'ops.yaml')
    .value as any;
  const text = canonicalDescriptorText(
    JSON.stringify({ ...descriptor, slos: SLOS }),
  );
  return Array.from({ length: count }, (_, i) => ({
    ...entity,
    metadata: {
      ...entity.metadata,
      name: budgetServiceName(i),
      namespace: 'default',
      annotations: {
        ...entity.metadata.annotations,
        'opskit.io/descriptor': text,
      },
    },
    spec: { ...entity.spec, owner: `group:team-${i % 50}` },
  }));
}
