import fc from 'fast-check';
import { readdirSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLES, exampleEntity, NOW } from '../__testUtils__/examples';
import { fuzzEntity } from '../__testUtils__/fuzzInputs';
import type { OpsProfile } from '../descriptor/types';
import { buildOpsProfile } from '../profile';
import { productionEnvironment } from '../scoring/profileFacts';
import {
  pagedSlos,
  prometheusRules,
  prometheusRulesError,
} from './prometheusRules';
import { sliQueries, sliTargets } from './sliMeasurement';

/**
 * The burn-rate and budget checks read what the rules and the SLI queries
 * would hold without building them (prometheusRulesError, pagedSlos,
 * sliTargets): for every example and thousands of random entities, the
 * answers equal those read off the built rules and queries.
 */

function fromRules(profile: OpsProfile, environment: string) {
  let groups;
  try {
    groups = prometheusRules(profile).groups;
  } catch (error) {
    return { error: (error as Error).message, paged: undefined };
  }
  const paged = new Set<string>();
  for (const group of groups)
    for (const rule of group.rules)
      if (
        rule.alert === 'OpsKitErrorBudgetBurn' &&
        rule.labels?.severity === 'page' &&
        rule.labels.opskit_environment === environment
      )
        paged.add(rule.labels.opskit_slo);
  return { error: undefined, paged };
}

function expectSame(profile: OpsProfile) {
  const environment = productionEnvironment(profile)?.name ?? 'production';
  const built = fromRules(profile, environment);
  expect(prometheusRulesError(profile)).toBe(built.error);
  if (built.paged) expect(pagedSlos(profile, environment)).toEqual(built.paged);
  expect(sliTargets(profile)).toEqual(
    sliQueries(profile).map(({ slo, index, environment: env, factName }) => ({
      slo,
      index,
      environment: env,
      factName,
    })),
  );
}

const sliEntity = (extra: string) => ({
  kind: 'Component',
  metadata: {
    name: 'svc',
    annotations: {
      'opskit.io/environments': '- name: production\n- name: staging',
      'opskit.io/slos': `- name: availability
  indicator: availability
  unit: percent
  objective: ">= 99.9%"
  sli: {bad: 'errors{env="$environment"}', total: 'requests{env="$environment"}'}
${extra}`,
    },
  },
  spec: { type: 'service', owner: 'group:team' },
});

describe('rules and queries read without building them', () => {
  it('agree on the examples', () => {
    const services = readdirSync(EXAMPLES).filter(d =>
      existsSync(resolve(EXAMPLES, d, 'catalog-info.yaml')),
    );
    expect(services.length).toBeGreaterThan(3);
    for (const service of services)
      expectSame(buildOpsProfile(exampleEntity(service), { now: NOW }).profile);
  });

  it('agree on unknown variables, budgetless objectives and own alerts', () => {
    for (const extra of [
      '',
      "  query: 'up{x=\"$nope\"}'\n  alert: '< 1'",
      '  burnRateAlerts: [{severity: ticket, factor: 2, window: 6h}]',
      '  burnRateAlerts: [{severity: page, factor: 14.4, window: 1h}]',
      '  environment: staging',
    ]) {
      const { profile } = buildOpsProfile(sliEntity(extra), { now: NOW });
      expectSame(profile);
    }
    const { profile } = buildOpsProfile(sliEntity(''), { now: NOW });
    expectSame({
      ...profile,
      slos: [{ ...profile.slos![0], objective: { op: 'gte', value: 100 } }],
    });
    expect(
      prometheusRulesError({
        ...profile,
        slos: [
          {
            ...profile.slos![0],
            sli: { bad: 'errors{x="$missing"}', total: 'requests' },
          },
        ],
      }),
    ).toMatch(/^SLO "availability": /);
  });

  it('agree on random entities', () => {
    fc.assert(
      fc.property(fuzzEntity, e =>
        expectSame(buildOpsProfile(e as any, { now: NOW }).profile),
      ),
      { numRuns: 500 },
    );
  });
});
