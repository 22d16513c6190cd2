/** How long a read is reused: the same as the latest run's memo (EvaluationRuns). */
const TTL_MS = 1000;

/**
 * Per-entity reads reused for a second: an entity whose Ops tab many people
 * open at once (an incident's link in a busy channel) costs one read a
 * second, not one per view. This instance's own writes forget the entity's
 * reads at once; another replica's writes show within the second.
 */
export class RecentReads<T> {
  private byRef = new Map<
    string,
    Map<string, { at: number; value: Promise<T> }>
  >();

  constructor(private readonly maxEntities = 5000) {}

  get(entityRef: string, what: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    let reads = this.byRef.get(entityRef);
    const hit = reads?.get(what);
    if (hit && now - hit.at < TTL_MS) return hit.value;
    if (!reads) {
      if (this.byRef.size >= this.maxEntities) this.byRef.clear();
      reads = new Map();
      this.byRef.set(entityRef, reads);
    }
    const value = load();
    const entry = { at: now, value };
    // A failed read is not reused.
    value.catch(() => {
      if (this.byRef.get(entityRef)?.get(what) === entry)
        this.byRef.get(entityRef)?.delete(what);
    });
    reads.set(what, entry);
    return value;
  }

  forget(entityRef: string) {
    this.byRef.delete(entityRef);
  }

  clear() {
    this.byRef.clear();
  }
}
