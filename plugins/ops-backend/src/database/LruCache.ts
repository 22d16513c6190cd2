/** A small LRU: Map keeps insertion order, so the first key is the least recently used. */
export class LruCache<T> {
  private entries = new Map<string, T>();

  constructor(private readonly max: number) {}

  get(key: string, load: () => T): T {
    if (this.entries.has(key)) {
      const value = this.entries.get(key)!;
      this.entries.delete(key);
      this.entries.set(key, value);
      return value;
    }
    const value = load();
    // A failed load is not cached.
    if (value instanceof Promise) value.catch(() => this.entries.delete(key));
    this.entries.set(key, value);
    if (this.entries.size > this.max)
      this.entries.delete(this.entries.keys().next().value!);
    return value;
  }

  /** The value kept for `key` (now the most recently used), or undefined. */
  peek(key: string): T | undefined {
    if (!this.entries.has(key)) return undefined;
    return this.get(key, () => undefined as T);
  }

  set(key: string, value: T): void {
    this.entries.delete(key);
    this.get(key, () => value);
  }

  delete(key: string) {
    this.entries.delete(key);
  }

  clear() {
    this.entries.clear();
  }
}
