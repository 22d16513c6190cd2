/**
 * Parses kept for texts seen again. Most of a catalog's ops data repeats:
 * services scaffolded from one template share whole descriptors, and
 * sections (environments, logging, incident, backups) even where the rest
 * differs. Parsing is a pure function of the text, so what came out for a
 * text comes out again without the schema walk.
 *
 * A text is kept the second time it is seen, not the first: a text seen
 * once (a service's own descriptor) then costs no copy, and only its key is
 * remembered. Both are bounded by the length of their keys (a parse holds a
 * few times its text), the least recently used dropped first: the scoring
 * worker that parses runs in a 64 MB heap. Keys longer than MAX_KEY_LENGTH
 * are not kept.
 */
const KEPT_CHARACTERS = 1_000_000;
const SEEN_CHARACTERS = 2_000_000;
const MAX_KEY_LENGTH = 64 * 1024;
let keptLimit = KEPT_CHARACTERS;

const kept = new Map<string, object>();
let keptLength = 0;
const seen = new Set<string>();
let seenLength = 0;

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

/** Drops the least recently seen keys until they fit `limit`. */
function shrinkSeen(limit: number) {
  while (seenLength > limit) {
    const oldest = seen.values().next().value!;
    seen.delete(oldest);
    seenLength -= oldest.length;
  }
}

/** Drops the least recently used parses until they fit `limit`. */
function shrinkKept(limit: number) {
  while (keptLength > limit) {
    const oldest = kept.keys().next().value!;
    kept.delete(oldest);
    keptLength -= oldest.length;
  }
}

/** Whether `key` was seen before; remembers it either way. */
function seenBefore(key: string): boolean {
  const before = seen.delete(key);
  seen.add(key);
  if (!before) seenLength += key.length;
  shrinkSeen(SEEN_CHARACTERS);
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
  kept.set(key, parsed);
  keptLength += key.length;
  shrinkKept(keptLimit);
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

/**
 * How much is kept, in characters of keys (0: nothing, every text parsed
 * anew): for benchmarks comparing both in one run.
 */
export function keepParses(characters = KEPT_CHARACTERS): void {
  keptLimit = characters;
  shrinkKept(characters);
  if (characters === 0) shrinkSeen(0);
}
