/**
 * Parses kept for texts seen again. Most of a catalog's ops data repeats:
 * services scaffolded from one template share whole descriptors, and
 * sections (environments, logging, incident, backups) even where the rest
 * differs. Parsing is a pure function of the text, so what came out for a
 * text comes out again without the schema walk.
 *
 * A text is kept the second time it is seen, not the first: a text seen
 * once (a service's own descriptor) then costs no copy, and only its key is
 * remembered. Up to KEPT parses and 4 × KEPT keys, the least recently used
 * dropped first; keys longer than MAX_KEY_LENGTH are not kept (a few KB is
 * a descriptor: 4,096 of 64 KB at most is 256 MB, in practice a few MB).
 */
const KEPT = 4096;
const MAX_KEY_LENGTH = 64 * 1024;
let keptLimit = KEPT;

const kept = new Map<string, object>();
const seen = new Set<string>();

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

/** Whether `key` was seen before; remembers it either way. */
function seenBefore(key: string): boolean {
  const before = seen.delete(key);
  seen.add(key);
  if (seen.size > 4 * keptLimit) seen.delete(seen.values().next().value!);
  return before;
}

/**
 * What `parse` gives for `key` (the text and everything else the result
 * depends on), kept from an earlier call when there was one; always the
 * caller's own copy.
 */
export function memoParse<T extends object>(key: string, parse: () => T): T {
  if (key.length > MAX_KEY_LENGTH || keptLimit === 0) return parse();
  const hit = kept.get(key) as T | undefined;
  if (hit) {
    kept.delete(key);
    kept.set(key, hit);
    return copy(hit);
  }
  const parsed = parse();
  if (!seenBefore(key)) return parsed;
  if (kept.size >= keptLimit) kept.delete(kept.keys().next().value!);
  kept.set(key, parsed);
  return copy(parsed);
}

/**
 * Per kind of key (a section's name), how often a key was one seen before:
 * where keys almost never repeat (a section that names its service),
 * building them costs more than the parses kept save, so only one in
 * SAMPLE is tried, enough to notice when they start repeating.
 */
const SAMPLE = 16;
const repeats = new Map<
  string,
  { tries: number; repeated: number; skipped: number }
>();

/**
 * Whether a key of this kind is worth building now; `repeated` is told
 * afterwards whether it was one seen before.
 */
export function worthKeeping(kind: string): {
  now: boolean;
  repeated(was: boolean): void;
} {
  let stats = repeats.get(kind);
  if (!stats)
    repeats.set(kind, (stats = { tries: 0, repeated: 0, skipped: 0 }));
  const s = stats;
  // Rarely repeating after 64 tries: one in SAMPLE.
  const rare = s.tries >= 64 && s.repeated * SAMPLE < s.tries;
  return {
    now: !rare || s.skipped++ % SAMPLE === 0,
    repeated(was) {
      s.tries++;
      if (was) s.repeated++;
      // The recent past counts most.
      if (s.tries >= 1024) {
        s.tries /= 2;
        s.repeated /= 2;
      }
    },
  };
}

/** Whether `key` is kept or was seen (for worthKeeping's `repeated`). */
export function known(key: string): boolean {
  return kept.has(key) || seen.has(key);
}

/** How many parses are kept (0: none, every text parsed anew): for benchmarks comparing both in one run. */
export function keepParses(entries = KEPT): void {
  keptLimit = entries;
  while (kept.size > entries) kept.delete(kept.keys().next().value!);
  while (seen.size > 4 * entries) seen.delete(seen.values().next().value!);
}
