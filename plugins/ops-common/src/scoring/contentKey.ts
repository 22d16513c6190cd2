/**
 * The UTC day (`YYYY-MM-DD`) of `now`. Time-dependent rules (recovery test
 * age, future dates) work in days, so what is computed from an entity keeps
 * for the day: the day is part of its content key.
 *
 * @public
 */
export function evaluationDay(now: number = Date.now()): string {
  return new Date(now).toISOString().slice(0, 10);
}

/**
 * A key of everything a result is computed from: the day (see
 * {@link evaluationDay}), the entity's JSON and any further parts (the
 * caller's own inputs, already as text). Equal inputs give equal keys.
 *
 * 48 bits as a number: compact for 100,000 entities (a number instead of a
 * 40-character string each), and a collision for the same entity needs 2^-48
 * luck. Not cryptographic: a fast hash over the text's code units (no
 * encoding, no `node:crypto`), so it runs in the browser too.
 *
 * @public
 */
export function entityContentKey(
  day: string,
  entity: unknown,
  ...parts: string[]
): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
    // A separator, so ("ab", "c") and ("a", "bc") differ.
    h1 = Math.imul(h1 ^ 0x1f, 2654435761);
    h2 = Math.imul(h2 ^ 0x1f, 1597334677);
  };
  add(day);
  add(JSON.stringify(entity) ?? '');
  for (const part of parts) add(part);
  // Final mix (cyrb53's): every input bit reaches every output bit.
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (h2 & 0xffff) * 0x100000000 + (h1 >>> 0);
}

/**
 * What {@link scoredFieldsKey} reads of an entity (its relations come from
 * the catalog's stitching, not from processing).
 *
 * @public
 */
export interface ScoredFields {
  kind?: string;
  metadata?: {
    name?: string;
    namespace?: string;
    title?: string;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
}

/**
 * A key of the entity fields an ops evaluation reads (kind, name,
 * namespace, title, annotations, type, lifecycle, owner, system,
 * dependsOn): equal for the entity the catalog processed and the one it
 * serves once stitched, whatever order the annotations come in. The catalog
 * module announces a change with it, and ops-backend waits until the
 * catalog serves the entity with that key before scoring it again.
 *
 * @public
 */
export function scoredFieldsKey(entity: ScoredFields): number {
  const annotations = entity.metadata?.annotations ?? {};
  const spec = entity.spec ?? {};
  return entityContentKey('', [
    entity.kind?.toLowerCase() ?? '',
    entity.metadata?.namespace ?? 'default',
    entity.metadata?.name ?? '',
    entity.metadata?.title ?? null,
    Object.keys(annotations)
      .sort()
      .map(name => [name, annotations[name]]),
    spec.type ?? null,
    spec.lifecycle ?? null,
    spec.owner ?? null,
    spec.system ?? null,
    spec.dependsOn ?? null,
  ]);
}
