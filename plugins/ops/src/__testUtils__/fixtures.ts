import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  complianceRecord,
  escalationTargetCandidates,
  escalationTargetRefs,
  escalationTargets,
  buildOpsProfile,
  evaluateEntity,
  markStale,
  mergeFacts,
  observeSlo,
  readYaml,
  sloQueries,
  withLocalDescriptor,
  type Campaign,
  type ComplianceRow,
  type EntityFact,
  type EntityOpsResponse,
  type StoredSignOff,
} from '@opskit/plugin-ops-common';

/** The repository's examples: the tab is tested on the services users see in the example app. */
const EXAMPLES = resolve(__dirname, '../../../../examples');
export const NOW = Date.parse('2026-11-27T12:00:00Z');
export const BASE_URL = 'http://localhost:7007/api/ops';

/** An example entity as the catalog delivers it (ops-ref resolved into the descriptor annotation). */
export function exampleEntity(service: string): Entity {
  const read = (path: string) =>
    readFileSync(resolve(EXAMPLES, service, path), 'utf8');
  const parsed = readYaml(read('catalog-info.yaml'), 'catalog-info.yaml')
    .value as Entity;
  return withLocalDescriptor(parsed, read) as Entity;
}

/** What ops-backend answers for an entity, computed with the same ops-common code it runs. */
export function entityResponse(
  entity: Entity,
  options: {
    signOffs?: StoredSignOff[];
    known?: string[];
    live?: EntityFact[];
  } = {},
): EntityOpsResponse {
  const signOffs = options.signOffs ?? [];
  const live = options.live ?? [];
  let known = new Set<string>(options.known ?? []);
  const evaluation = evaluateEntity(entity, {
    now: NOW,
    facts: profile => {
      // Every target resolves unless the test says which do.
      if (!options.known)
        known = new Set(
          escalationTargets(profile).map(t => escalationTargetCandidates(t)[0]),
        );
      return {
        signOffs,
        live,
        resolvedTargets: Object.fromEntries(
          escalationTargets(profile).map(t => [t, true]),
        ),
      };
    },
  });
  return {
    entityRef: evaluation.profile.entityRef,
    evaluatedAt: new Date(NOW).toISOString(),
    ...evaluation,
    escalationTargets: escalationTargetRefs(evaluation.profile, known),
    signOffs,
    waivers: [],
    latest: null,
    facts: live,
  };
}

/**
 * Facts a Prometheus module would have stored for the entity's SLO queries:
 * a value per environment, or 'stale' for one whose source went down after
 * measuring 150.
 */
export function sloFacts(
  entity: Entity,
  values: Record<string, number | 'stale'>,
  observedAt: Date,
): EntityFact[] {
  const profile = buildOpsProfile(entity, { now: NOW }).profile;
  const queries = sloQueries(profile).filter(q => q.environment in values);
  const fresh = mergeFacts(
    'prometheus',
    [],
    queries.map(q => ({
      name: q.factName,
      value: {
        ...observeSlo(
          q,
          values[q.environment] === 'stale'
            ? 150
            : (values[q.environment] as number),
        ),
      },
      observedAt,
    })),
    observedAt,
  );
  const stale = new Set(
    queries.filter(q => values[q.environment] === 'stale').map(q => q.factName),
  );
  const marked = markStale(
    'prometheus',
    fresh.filter(f => stale.has(f.name)),
    'Prometheus at http://prometheus:9090 is unreachable: ECONNREFUSED',
    new Date(),
  );
  return [...fresh.filter(f => !stale.has(f.name)), ...marked];
}

/** `count` compliance rows with varied owners, tiers and scores. */
export function complianceRows(count: number): ComplianceRow[] {
  const payments = exampleEntity('payments-api');
  const base = complianceRecord(evaluateEntity(payments, { now: NOW }));
  // Production SLOs measured live: met, breached (alerting) and stale, taken in turn.
  const observed = new Date(Date.now() - 4 * 60_000);
  const slos = [120, 700, 'stale' as const].map(value => {
    const live = sloFacts(payments, { production: value }, observed);
    return complianceRecord(
      evaluateEntity(payments, { now: NOW, facts: { live } }),
      live,
    ).slos;
  });
  // Production's worst budget: plenty left, paging, spent, and none (no SLI), taken in turn.
  const budget = (i: number) => {
    const remaining = [0.8, 0.2, -0.3, undefined][i % 4];
    return remaining === undefined
      ? { budget: undefined }
      : {
          budget: {
            environment: 'production',
            slo: 'availability',
            remaining,
            exhausted: remaining <= 0,
            paging: i % 4 === 1,
            incomplete: false,
            total: 1,
            measured: 1,
            observedAt: observed.toISOString(),
          },
        };
  };
  return Array.from({ length: count }, (_, i) => ({
    ...base,
    ...budget(i),
    slos: slos[i % 3],
    entityRef: `component:default/service-${String(i).padStart(5, '0')}`,
    title: `Service ${i}`,
    owner: `group:default/team-${i % 7}`,
    tier: `tier-${(i % 4) + 1}`,
    score: (i * 37) % 101,
    level: (['none', 'bronze', 'silver', 'gold'] as const)[i % 4],
    failingChecks: i % 3 ? ['slo-indicators'] : [],
    errorCount: i % 5 === 0 ? 1 : 0,
  }));
}

/** A stored campaign, active, asking for one check; override what a test needs. */
export function campaignFixture(over: Partial<Campaign> = {}): Campaign {
  return {
    id: '0c1a2b3c-0000-4000-8000-000000000099',
    title: 'SLOs for tier 1',
    owner: 'group:default/sre',
    target: { checks: ['slo-indicators'] },
    scope: {},
    startsOn: '2026-11-16',
    deadline: '2026-12-31',
    state: 'active',
    createdBy: 'user:default/lead',
    createdAt: '2026-11-16T09:00:00Z',
    updatedAt: '2026-11-16T09:00:00Z',
    ...over,
  };
}
