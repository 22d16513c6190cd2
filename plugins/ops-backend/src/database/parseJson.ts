/** Parses a JSON column; a missing or unreadable value (a row from a newer version, say) gives the fallback instead of failing the read. */
export function parseJson<T>(text: unknown, fallback: T): T {
  if (typeof text !== 'string' || !text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
