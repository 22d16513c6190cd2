import { JsonRulesEngineFactChecker } from '@backstage-community/plugin-tech-insights-backend-module-jsonfc';
import {
  BUILT_IN_CHECKS,
  evaluateScorecards,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import { DateTime } from 'luxon';

/**
 * Tech Insights' JSON rules engine fact checker on the same entities and
 * rules. Its facts are what a fact retriever would store: one boolean per
 * built-in check, computed before timing starts (in Tech Insights retrievers
 * run separately and write facts to the database). What is timed is the
 * checker turning stored facts into check results, which is what our scoring
 * engine does from a stored profile.
 */

const silent = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silent;
  },
} as any;

export function factsFor(
  profile: OpsProfile,
  now: number,
): Record<string, boolean> {
  const [deployment, monitoring] = evaluateScorecards(profile, { now });
  const facts: Record<string, boolean> = {};
  for (const r of [...deployment.results, ...monitoring.results])
    facts[r.checkId.replace(/-/g, '_')] = r.status !== 'fail';
  return facts;
}

export function createBaseline(
  factsByEntity: Map<string, Record<string, boolean>>,
) {
  const factNames = BUILT_IN_CHECKS.map(c => c.id.replace(/-/g, '_'));
  const schema = Object.fromEntries(
    factNames.map(n => [n, { type: 'boolean', description: n }]),
  );
  const timestamp = DateTime.now();
  const repository = {
    async getLatestFactsByIds(_ids: string[], entity: string) {
      return {
        opsFacts: {
          id: 'opsFacts',
          entity: { namespace: 'default', kind: 'component', name: entity },
          timestamp,
          version: '0.1.0',
          facts: factsByEntity.get(entity)!,
        },
      };
    },
    async getLatestSchemas() {
      return [schema];
    },
  } as any;
  const checks = BUILT_IN_CHECKS.map(c => ({
    id: c.id,
    type: 'json-rules-engine',
    name: c.title,
    description: c.description,
    factIds: ['opsFacts'],
    rule: {
      conditions: {
        all: [
          { fact: c.id.replace(/-/g, '_'), operator: 'equal', value: true },
        ],
      },
    },
  }));
  return new JsonRulesEngineFactChecker({
    checks,
    repository,
    logger: silent,
  } as any);
}
