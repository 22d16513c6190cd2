/**
 * Live facts: what fact providers (Prometheus, …) observed about an entity,
 * as ops-backend stores them. Scoring reads them like sign-offs; it never
 * fetches them.
 */

/**
 * JSON a provider may return as a fact's value.
 *
 * @public
 */
export type FactValue =
  | string
  | number
  | boolean
  | null
  | FactValue[]
  | { [key: string]: FactValue };

/**
 * What a provider returns for one entity.
 *
 * @public
 */
export type FactInput =
  | {
      name: string;
      value: FactValue;
      /** When the value was true; defaults to when it was collected. */
      observedAt?: Date | string;
      /** The provider looked and got a definite error (a bad query): stored as the fact, value null. */
      error?: string;
    }
  | {
      name: string;
      /**
       * The provider could not look (its source is down): the previous value
       * is kept and marked stale, with this reason.
       */
      unavailable: string;
    };

/**
 * A fact as stored and served.
 *
 * @public
 */
export interface EntityFact {
  provider: string;
  name: string;
  value: FactValue;
  /** When the value was observed; null when it never was (only errors so far). */
  observedAt: string | null;
  /** When the provider last tried. */
  checkedAt: string;
  /** The last attempt's error, when it failed. */
  error?: string;
  /** The last attempt could not reach the source: `value` is older than `checkedAt`. */
  stale: boolean;
}

/**
 * Fact names (`slo/production/Checkout latency`): printable, not starting with a space, short enough for an index.
 *
 * @public
 */
export function isValidFactName(name: unknown): name is string {
  if (
    typeof name !== 'string' ||
    name.length === 0 ||
    name.length > 255 ||
    name.trimStart() !== name
  )
    return false;
  for (let i = 0; i < name.length; i++)
    if (name.charCodeAt(i) < 0x20) return false;
  return true;
}

/** The value as JSON will store it; a value JSON cannot hold (BigInt, a cycle) is the provider's error, named. */
function jsonValue(provider: string, name: string, value: unknown): FactValue {
  try {
    const text = JSON.stringify(value ?? null);
    return text === undefined ? null : JSON.parse(text);
  } catch (error) {
    throw new Error(
      `fact provider "${provider}" returned a value for "${name}" that is not JSON: ${
        (error as Error).message
      }`,
    );
  }
}

/**
 * Whether two fact lists say the same thing, ignoring when they were observed and checked.
 *
 * @public
 */
export function sameFactContent(
  a: readonly EntityFact[],
  b: readonly EntityFact[],
): boolean {
  if (a.length !== b.length) return false;
  const key = (f: EntityFact) =>
    JSON.stringify([f.provider, f.name, f.value, f.error ?? null, f.stale]);
  const before = new Set(a.map(key));
  return b.every(f => before.has(key(f)));
}

/**
 * Merges a provider's new inputs with what was stored for the entity: new
 * values replace old ones, an unavailable source keeps the old value marked
 * stale, and facts the provider no longer returns are dropped.
 *
 * @public
 */
export function mergeFacts(
  provider: string,
  previous: readonly EntityFact[],
  inputs: readonly FactInput[],
  now: Date,
): EntityFact[] {
  const before = new Map(
    previous.filter(f => f.provider === provider).map(f => [f.name, f]),
  );
  const checkedAt = now.toISOString();
  const merged = new Map<string, EntityFact>();
  for (const input of inputs) {
    if (!isValidFactName(input.name))
      throw new Error(
        `fact provider "${provider}" returned an invalid fact name ${JSON.stringify(
          input.name,
        )}`,
      );
    if ('unavailable' in input) {
      const old = before.get(input.name);
      merged.set(input.name, {
        provider,
        name: input.name,
        value: old?.value ?? null,
        observedAt: old?.observedAt ?? null,
        checkedAt,
        error: String(input.unavailable) || 'unavailable',
        stale: true,
      });
      continue;
    }
    const observed =
      input.observedAt === undefined ? now : new Date(input.observedAt);
    const error =
      input.error === undefined || input.error === null || input.error === ''
        ? undefined
        : String(input.error);
    merged.set(input.name, {
      provider,
      name: input.name,
      value: error ? null : jsonValue(provider, input.name, input.value),
      observedAt: Number.isNaN(observed.getTime())
        ? checkedAt
        : observed.toISOString(),
      checkedAt,
      ...(error ? { error } : {}),
      stale: false,
    });
  }
  return [...merged.values()];
}

/**
 * Every fact of a provider that could not be asked at all (it threw or timed out): kept, marked stale.
 *
 * @public
 */
export function markStale(
  provider: string,
  previous: readonly EntityFact[],
  reason: string,
  now: Date,
): EntityFact[] {
  return previous
    .filter(f => f.provider === provider)
    .map(f => ({
      ...f,
      checkedAt: now.toISOString(),
      error: reason,
      stale: true,
    }));
}
