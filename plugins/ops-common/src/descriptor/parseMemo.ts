/**
 * Parses kept for texts seen again. Most of a catalog's ops data repeats:
 * services scaffolded from one template share whole descriptors, and
 * sections (environments, logging, incident, backups) even where the rest
 * differs. Parsing is a pure function of the text, so what came out for a
 * text comes out again without the schema walk. Up to KEPT entries, the
 * least recently used dropped first; keys longer than MAX_KEY_LENGTH are
 * not kept (a few KB is a descriptor: 4,096 of 64 KB at most is 256 MB, in
 * practice a few MB).
 */
const KEPT = 4096;
let keptLimit = KEPT;
const MAX_KEY_LENGTH = 64 * 1024;

const kept = new Map<string, object>();

/**
 * A copy of parsed data (plain objects, arrays, Maps of them): each caller
 * gets its own, as if it had parsed the text itself, so none can change
 * what another reads. Copying plain data is several times cheaper than the
 * schema walk it saves (structuredClone is not: it serialises).
 */
function copy<T>(value: T): T {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(copy) as T;
  if (value instanceof Map)
    return new Map([...value].map(([k, v]) => [k, copy(v)])) as T;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    out[key] = copy((value as Record<string, unknown>)[key]);
  return out as T;
}

/**
 * What `parse` gives for `key` (the text and everything else the result
 * depends on), kept from an earlier call when there was one; always the
 * caller's own copy.
 */
export function memoParse<T extends object>(key: string, parse: () => T): T {
  if (key.length > MAX_KEY_LENGTH || keptLimit === 0) return parse();
  let parsed = kept.get(key) as T | undefined;
  if (parsed) {
    kept.delete(key);
  } else {
    parsed = parse();
    if (kept.size >= keptLimit) kept.delete(kept.keys().next().value!);
  }
  kept.set(key, parsed);
  return copy(parsed);
}

/** How many parses are kept (0: none, every text parsed anew): for benchmarks comparing both in one run. */
export function keepParses(entries = KEPT): void {
  keptLimit = entries;
  while (kept.size > entries) kept.delete(kept.keys().next().value!);
}
