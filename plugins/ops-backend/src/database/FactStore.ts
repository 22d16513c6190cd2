import type { Knex } from 'knex';
import type { EntityFact, FactValue } from '@opskit/plugin-ops-common';
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
  /** Replaces each listed entity's facts from the provider, in one transaction. */
  write(
    provider: string,
    entries: { entityRef: string; facts: EntityFact[] }[],
  ): Promise<void>;
}

const BATCH = 200;

export class DatabaseFactStore implements FactStore {
  constructor(private readonly db: Knex) {}

  async list(entityRef: string): Promise<EntityFact[]> {
    const rows = await this.db('ops_facts')
      .where('entity_ref', entityRef)
      .orderBy(['provider', 'name']);
    return rows.map(toFact);
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

  async entityRefs(provider: string): Promise<Set<string>> {
    const rows = await this.db('ops_facts')
      .distinct('entity_ref')
      .where('provider', provider);
    return new Set(rows.map(row => row.entity_ref));
  }

  async retainProviders(providers: string[]): Promise<number> {
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
      }
    });
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
