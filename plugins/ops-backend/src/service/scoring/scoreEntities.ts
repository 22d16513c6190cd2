import type { Entity } from '@backstage/catalog-model';
import {
  complianceRecord,
  evaluateEntity,
  resolveEscalationTargets,
  type CustomCheckDefinition,
  type EntityFact,
  type OpsCheck,
  type OpsDefaults,
  type ScoringConfig,
  type SignOff,
  type Waiver,
} from '@opskit/plugin-ops-common';
import type { ComplianceRow } from '../../database/OpsStore';
import { entityFacts } from '../facts/entityFacts';

/** An entity to score, with its own facts. Plain data, so it can cross to a worker thread. */
export interface ScoringItem {
  entity: Entity;
  signOffs?: SignOff[];
  /** Active waivers only. */
  waivers?: Waiver[];
  /** Stored facts from fact providers. */
  live?: EntityFact[];
}

export interface ScoringContext {
  /** Lower-case refs of catalog users and groups. */
  known: ReadonlySet<string>;
  defaults: OpsDefaults;
  scoring: ScoringConfig;
  now: number;
  /**
   * The checks in effect; absent in worker threads, which score the built-in
   * ones and `custom` under `scoring`.
   */
  checks?: readonly OpsCheck[];
  /** `ops.checks.custom`, as data: what a worker thread compiles. */
  custom?: readonly CustomCheckDefinition[];
}

/** ops-common's evaluation of each entity, flattened into compliance rows. */
export function scoreEntities(
  items: ScoringItem[],
  context: ScoringContext,
): ComplianceRow[] {
  return items.map(({ entity, signOffs, waivers, live }) => {
    const evaluation = evaluateEntity(entity, {
      defaults: context.defaults,
      config: context.scoring,
      checks: context.checks,
      now: context.now,
      facts: profile =>
        entityFacts({
          signOffs,
          waivers,
          live,
          resolvedTargets: resolveEscalationTargets(profile, context.known),
        }),
    });
    return {
      ...complianceRecord(evaluation, live),
      title: entity.metadata.title,
    };
  });
}
