import { exampleEntity, NOW } from '../__testUtils__/examples';
import { buildOpsProfile } from '../profile';
import { evaluateScorecards } from '../scoring/engine';
import type { EntityFact } from './liveFacts';
import { mergeFacts, markStale, sameFactContent } from './liveFacts';
import type { OpsProfile } from '../descriptor/types';
import {
  expandQuery,
  liveSloSummary,
  liveSlos,
  observeSlo,
  sloQueries,
} from './sloFacts';

const profile = buildOpsProfile(exampleEntity('payments-api'), {
  now: NOW,
}).profile;
const AT = new Date('2026-11-27T11:59:00Z');

/** The facts a provider would store for payments-api's latency SLO, one value per environment. */
function latencyFacts(values: Record<string, number | null>): EntityFact[] {
  const queries = sloQueries(profile);
  return mergeFacts(
    'test',
    [],
    queries
      .filter(q => q.environment in values)
      .map(q => ({
        name: q.factName,
        value: { ...observeSlo(q, values[q.environment]) },
      })),
    AT,
  );
}

const sloCheck = (live: EntityFact[]) =>
  evaluateScorecards(profile, { now: NOW, facts: { live } })
    .flatMap(card => card.results)
    .find(r => r.checkId === 'slos-met-in-production')!;

describe('SLO queries', () => {
  it('expands $environment and ${service} and names unknown variables', () => {
    expect(
      expandQuery('up{env="$environment",job="${service}"}', {
        environment: 'prod',
        service: 'api',
      }),
    ).toEqual({ query: 'up{env="prod",job="api"}' });
    expect(expandQuery('up{env="$env"}', { environment: 'prod' })).toEqual({
      error: 'unknown variable $env in the query; known: $environment',
    });
  });

  it('runs an SLO without an environment in each declared environment', () => {
    const queries = sloQueries(profile);
    expect(queries.map(q => [q.environment, q.factName])).toEqual([
      ['development', 'slo/development/Response time (p95)'],
      ['staging', 'slo/staging/Response time (p95)'],
      ['production', 'slo/production/Response time (p95)'],
    ]);
    expect(queries[2].query).toContain('env="production"');
    expect(queries[2].query).toContain('service="payments-api"');
  });

  it('compares values with the objective and the alert threshold', () => {
    const [query] = sloQueries(profile);
    expect(observeSlo(query, 150)).toMatchObject({
      value: 150,
      objectiveMet: true,
      alerting: false,
    });
    expect(observeSlo(query, 250)).toMatchObject({
      objectiveMet: false,
      alerting: false,
    });
    expect(observeSlo(query, 600)).toMatchObject({
      objectiveMet: false,
      alerting: true,
    });
    expect(observeSlo(query, Number.NaN)).toMatchObject({
      value: null,
      objectiveMet: null,
      alerting: null,
    });
  });
});

describe('live facts', () => {
  it('keeps the old value, marked stale, when the source is unavailable, and drops facts no longer returned', () => {
    const first = mergeFacts(
      'p',
      [],
      [
        { name: 'a', value: 1 },
        { name: 'b', value: 2 },
      ],
      AT,
    );
    const later = new Date(AT.getTime() + 60_000);
    const second = mergeFacts(
      'p',
      first,
      [{ name: 'a', unavailable: 'connection refused' }],
      later,
    );
    expect(second).toEqual([
      {
        provider: 'p',
        name: 'a',
        value: 1,
        observedAt: AT.toISOString(),
        checkedAt: later.toISOString(),
        error: 'connection refused',
        stale: true,
      },
    ]);
    expect(
      markStale('p', first, 'timed out', later).map(f => [
        f.name,
        f.value,
        f.stale,
        f.observedAt,
      ]),
    ).toEqual([
      ['a', 1, true, AT.toISOString()],
      ['b', 2, true, AT.toISOString()],
    ]);
    expect(() => mergeFacts('p', [], [{ name: ' bad', value: 1 }], AT)).toThrow(
      'invalid fact name',
    );
  });

  it('summarises production SLOs for the compliance list', () => {
    const summary = liveSloSummary(
      profile,
      latencyFacts({ production: 120, staging: 900 }),
    )!;
    expect(summary).toMatchObject({
      environment: 'production',
      total: 1,
      met: 1,
      breached: 0,
      unknown: 0,
      observedAt: AT.toISOString(),
    });
    expect(
      liveSlos(profile, latencyFacts({ staging: 900 })).map(s => [
        s.environment,
        s.state,
      ]),
    ).toEqual([
      ['development', 'unmeasured'],
      ['staging', 'alerting'],
      ['production', 'unmeasured'],
    ]);
  });
});

describe('SLOs met in production', () => {
  it('passes when met, fails naming the breach, warns when stale or failing, and does not apply before any measurement', () => {
    expect(sloCheck(latencyFacts({ production: 120 }))).toMatchObject({
      status: 'pass',
      message: '1 SLO(s) met in production',
    });
    expect(sloCheck(latencyFacts({ production: 250 }))).toMatchObject({
      status: 'fail',
      message: 'Response time (p95) at 250 ms misses < 200 ms',
    });
    expect(sloCheck(latencyFacts({ production: 612.3456 })).message).toBe(
      'Response time (p95) at 612.3 ms misses < 200 ms (alerting)',
    );
    const stale = markStale(
      'test',
      latencyFacts({ production: 120 }),
      'Prometheus unreachable',
      new Date(NOW),
    );
    expect(sloCheck(stale)).toMatchObject({
      status: 'warn',
      message:
        'unknown in production: Response time (p95) (stale: Prometheus unreachable)',
    });
    const failed = mergeFacts(
      'test',
      [],
      [
        {
          name: 'slo/production/Response time (p95)',
          value: null,
          error: 'bad_data: parse error',
        },
      ],
      AT,
    );
    expect(sloCheck(failed)).toMatchObject({
      status: 'warn',
      message:
        'unknown in production: Response time (p95) (bad_data: parse error)',
    });
    expect(sloCheck([])).toMatchObject({
      status: 'not-applicable',
      message: 'not measured yet: Response time (p95)',
    });
  });
});

describe('SLO identity and judgement', () => {
  const latency = profile.slos![0];

  it('lets an SLO written for an environment win over a same-named general one there', () => {
    const twin: OpsProfile = {
      ...profile,
      slos: [
        latency,
        {
          ...latency,
          environment: 'production',
          objective: { op: 'lt', value: 300 },
          query: 'other',
        },
      ],
    };
    const queries = sloQueries(twin);
    expect(queries.map(q => [q.environment, q.index])).toEqual([
      ['development', 0],
      ['staging', 0],
      ['production', 1],
    ]);
    const live = liveSlos(
      twin,
      mergeFacts(
        'p',
        [],
        [
          {
            name: 'slo/production/Response time (p95)',
            value: { ...observeSlo(queries[2], 250) },
          },
        ],
        AT,
      ),
    );
    expect(live.find(l => l.environment === 'production')).toMatchObject({
      index: 1,
      state: 'met',
      objective: '< 300 ms',
    });
  });

  it('judges a stored value against the objective as it reads now', () => {
    const facts = latencyFacts({ production: 150 });
    expect(liveSloSummary(profile, facts)!.slos[0].state).toBe('met');
    const stricter: OpsProfile = {
      ...profile,
      slos: [
        { ...latency, objective: { op: 'lt', value: 100 } },
        ...profile.slos!.slice(1),
      ],
    };
    expect(liveSloSummary(stricter, facts)!.slos[0]).toMatchObject({
      state: 'breached',
      objective: '< 100 ms',
    });
  });

  it('counts production by its usual names when no environment is declared', () => {
    const undeclared: OpsProfile = {
      ...profile,
      environments: undefined,
      slos: [{ ...latency, environment: 'prod' }],
    };
    const [query] = sloQueries(undeclared);
    const summary = liveSloSummary(
      undeclared,
      mergeFacts(
        'p',
        [],
        [{ name: query.factName, value: { ...observeSlo(query, 120) } }],
        AT,
      ),
    );
    expect(summary).toMatchObject({ environment: 'prod', total: 1, met: 1 });
  });

  it('refuses values JSON cannot hold, and compares facts without their times', () => {
    expect(() =>
      mergeFacts('p', [], [{ name: 'n', value: BigInt(1) as any }], AT),
    ).toThrow('fact provider "p" returned a value for "n" that is not JSON');
    const a = mergeFacts('p', [], [{ name: 'n', value: 1 }], AT);
    const b = mergeFacts(
      'p',
      [],
      [{ name: 'n', value: 1 }],
      new Date(AT.getTime() + 60_000),
    );
    expect(sameFactContent(a, b)).toBe(true);
    expect(
      sameFactContent(a, mergeFacts('p', [], [{ name: 'n', value: 2 }], AT)),
    ).toBe(false);
  });
});
