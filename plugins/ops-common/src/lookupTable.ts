/**
 * A constant table that is read with keys taken from input (a word in a
 * runbook, a schedule, an indicator). On a plain object, `table["constructor"]`
 * or `table["__proto__"]` answers Object.prototype's members, and a value such
 * as a function would travel on as if the table held it. A null prototype
 * holds exactly the entries written; frozen, so no caller can add to it.
 */
export function lookupTable<T extends Record<string, unknown>>(
  entries: T,
): Readonly<T> {
  return Object.freeze(Object.assign(Object.create(null), entries));
}

/**
 * A map built from input that is serialised as a JSON object (escalation
 * targets as written → what they resolve to): a null prototype keeps a key
 * named `__proto__` as an entry instead of replacing the prototype.
 */
export function inputKeyedRecord<V>(): Record<string, V> {
  return Object.create(null);
}

/** `record[key]` when the record itself holds the key (never Object.prototype's members). */
export function ownEntry<V>(
  record: Readonly<Record<string, V>> | undefined,
  key: string,
): V | undefined {
  return record && Object.prototype.hasOwnProperty.call(record, key)
    ? record[key]
    : undefined;
}
