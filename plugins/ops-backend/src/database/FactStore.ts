import type { Knex } from 'knex';
import type { EntityFact, FactValue } from '@opskit/plugin-ops-common';

/** What fact providers observed, per entity; replaced per (entity, provider) after each collection. */
export interface FactStore {
  /** One entity's facts from every provider. */
  list(entityRef: string): Promise<EntityFact[]>;
  /** Every entity's facts (or one provider's), grouped by entity ref: read once per evaluation or collection. */
  all(provider?: string): Promise<Map<string, EntityFact[]>>;
  /** Replaces each listed entity's facts from the provider, in one transaction. */
  write(provider: string, entries: { entityRef: string; facts: EntityFact[] }[]): Promise<void>;
}

const BATCH = 200;

export class DatabaseFactStore implements FactStore {
  constructor(private readonly db: Knex) {}

  async list(entityRef: string): Promise<EntityFact[]> {
    const rows = await this.db('ops_facts').where('entity_ref', entityRef).orderBy(['provider', 'name']);
    return rows.map(toFact);
  }

  async all(provider?: string): Promise<Map<string, EntityFact[]>> {
    const query = this.db('ops_facts').orderBy(['entity_ref', 'provider', 'name']);
    if (provider) query.where('provider', provider);
    const out = new Map<string, EntityFact[]>();
    for (const row of await query) {
      const list = out.get(row.entity_ref);
      if (list) list.push(toFact(row));
      else out.set(row.entity_ref, [toFact(row)]);
    }
    return out;
  }

  async write(provider: string, entries: { entityRef: string; facts: EntityFact[] }[]): Promise<void> {
    if (entries.length === 0) return;
    await this.db.transaction(async tx => {
      for (let i = 0; i < entries.length; i += BATCH) {
        const chunk = entries.slice(i, i + BATCH);
        await tx('ops_facts').where('provider', provider).whereIn('entity_ref', chunk.map(e => e.entityRef)).delete();
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
        for (let j = 0; j < rows.length; j += BATCH) await tx('ops_facts').insert(rows.slice(j, j + BATCH));
      }
    });
  }
}

function toFact(row: any): EntityFact {
  let value: FactValue = null;
  try {
    value = row.value ? JSON.parse(row.value) : null;
  } catch {
    // A row written by a newer version we cannot read: served as no value rather than failing the entity.
  }
  return {
    provider: row.provider,
    name: row.name,
    value,
    observedAt: row.observed_at ?? null,
    checkedAt: row.checked_at,
    ...(row.error ? { error: row.error } : {}),
    stale: Boolean(row.stale),
  };
}
