import type { Knex } from 'knex';
import { RecentReads } from './RecentReads';
import {
  budgetSample,
  type EntityFact,
  type FactValue,
} from '@opskit/plugin-ops-common';
import { parseJson } from './parseJson';

/**
 * What fact providers observed, per entity; replaced per (entity, provider) after each collection.
 *
 * @public
 */
export interface FactStore {
  /** One entity's facts from every provider. */
  list(entityRef: string): Promise<EntityFact[]>;
  /** These entities' facts, grouped by entity ref: read a page at a time, so memory stays flat at 100,000 entities. */
  forEntities(entityRefs: string[]): Promise<Map<string, EntityFact[]>>;
  /** Entities with facts from the provider: to drop those that left the catalog. */
  entityRefs(provider: string): Promise<Set<string>>;
  /** Whether any fact is stored: an evaluation without providers skips reading them. */
  hasAny(): Promise<boolean>;
  /** Deletes the facts of every provider not listed; returns how many. */
  retainProviders(providers: string[]): Promise<number>;
  /** The entity's daily budget samples since this day (YYYY-MM-DD), oldest first. */
  budgetHistory(
    entityRef: string,
    sinceDay: string,
  ): Promise<BudgetHistoryRow[]>;
  /** Replaces each listed entity's facts from the provider, in one transaction; budgets also become that day's sample. */
  write(
    provider: string,
    entries: { entityRef: string; facts: EntityFact[] }[],
  ): Promise<void>;
}

/** @public */
export interface BudgetHistoryRow {
  /** The budget fact: `budget/<environment>/<slo>`. */
  name: string;
  day: string;
  remaining: number;
}

const BATCH = 200;
/** Samples are kept a little longer than the sparkline's 28 days, so a week of outage does not empty it. */
export const BUDGET_HISTORY_DAYS = 35;
const DAY_MS = 86_400_000;

export class DatabaseFactStore implements FactStore {
  private readonly recent = new RecentReads<EntityFact[]>();

  constructor(private readonly db: Knex) {}

  list(entityRef: string): Promise<EntityFact[]> {
    return this.recent.get(entityRef, '', async () => {
      const rows = await this.db('ops_facts')
        .where('entity_ref', entityRef)
        .orderBy(['provider', 'name']);
      return rows.map(toFact);
    });
  }

  async forEntities(entityRefs: string[]): Promise<Map<string, EntityFact[]>> {
    const out = new Map<string, EntityFact[]>();
    for (let i = 0; i < entityRefs.length; i += BATCH) {
      const rows = await this.db('ops_facts')
        .whereIn('entity_ref', entityRefs.slice(i, i + BATCH))
        .orderBy(['entity_ref', 'provider', 'name']);
      for (const row of rows) {
        const list = out.get(row.entity_ref);
        if (list) list.push(toFact(row));
        else out.set(row.entity_ref, [toFact(row)]);
      }
    }
    return out;
  }

  async budgetHistory(
    entityRef: string,
    sinceDay: string,
  ): Promise<BudgetHistoryRow[]> {
    const rows = await this.db('ops_budget_history')
      .where('entity_ref', entityRef)
      .where('day', '>=', sinceDay)
      .orderBy(['name', 'day'])
      .select('name', 'day', 'remaining');
    return rows.map(row => ({
      name: row.name,
      day: row.day,
      remaining: Number(row.remaining),
    }));
  }

  async entityRefs(provider: string): Promise<Set<string>> {
    const rows = await this.db('ops_facts')
      .distinct('entity_ref')
      .where('provider', provider);
    return new Set(rows.map(row => row.entity_ref));
  }

  async retainProviders(providers: string[]): Promise<number> {
    this.recent.clear();
    return this.db('ops_facts').whereNotIn('provider', providers).delete();
  }

  async hasAny(): Promise<boolean> {
    return (
      (await this.db('ops_facts').select('entity_ref').first()) !== undefined
    );
  }

  async write(
    provider: string,
    entries: { entityRef: string; facts: EntityFact[] }[],
  ): Promise<void> {
    if (entries.length === 0) return;
    for (const { entityRef } of entries) this.recent.forget(entityRef);
    await this.db.transaction(async tx => {
      for (let i = 0; i < entries.length; i += BATCH) {
        const chunk = entries.slice(i, i + BATCH);
        await tx('ops_facts')
          .where('provider', provider)
          .whereIn(
            'entity_ref',
            chunk.map(e => e.entityRef),
          )
          .delete();
        const rows = chunk.flatMap(({ entityRef, facts }) =>
          facts.map(fact => ({
            entity_ref: entityRef,
            provider,
            name: fact.name,
            value: JSON.stringify(fact.value ?? null),
            observed_at: fact.observedAt,
            checked_at: fact.checkedAt,
            error: fact.error ?? null,
            stale: fact.stale,
          })),
        );
        for (let j = 0; j < rows.length; j += BATCH)
          await tx('ops_facts').insert(rows.slice(j, j + BATCH));
        const samples = chunk.flatMap(({ entityRef, facts }) =>
          facts.flatMap(fact => {
            const sample = budgetSample(fact);
            return sample
              ? [
                  {
                    entity_ref: entityRef,
                    name: fact.name,
                    day: sample.day,
                    remaining: sample.remaining,
                    observed_at: sample.observedAt,
                  },
                ]
              : [];
          }),
        );
        // The day's last measurement wins: the sparkline shows where each day ended.
        for (let j = 0; j < samples.length; j += BATCH)
          await tx('ops_budget_history')
            .insert(samples.slice(j, j + BATCH))
            .onConflict(['entity_ref', 'name', 'day'])
            .merge(['remaining', 'observed_at']);
      }
      const cutoff = new Date(Date.now() - BUDGET_HISTORY_DAYS * DAY_MS)
        .toISOString()
        .slice(0, 10);
      await tx('ops_budget_history').where('day', '<', cutoff).delete();
    });
    // Again after the commit: a read during the transaction saw the old facts.
    for (const { entityRef } of entries) this.recent.forget(entityRef);
  }
}

function toFact(row: any): EntityFact {
  return {
    provider: row.provider,
    name: row.name,
    value: parseJson<FactValue>(row.value, null),
    observedAt: row.observed_at ?? null,
    checkedAt: row.checked_at,
    ...(row.error ? { error: row.error } : {}),
    stale: Boolean(row.stale),
  };
}
