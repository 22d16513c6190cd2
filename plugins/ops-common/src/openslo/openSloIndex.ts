import type { OpenSloDocument } from './readOpenSlo';

/**
 * The documents given, by kind and name, so references (`indicatorRef`,
 * `alertPolicyRef`, `conditionRef`, `targetRef`, `metricSourceRef`) resolve
 * across files. A Map, never an object: names come from input.
 */
export class OpenSloIndex {
  private readonly byKind = new Map<string, Map<string, OpenSloDocument>>();
  /** Documents whose kind and name an earlier document already has. */
  readonly duplicates: Array<{
    document: OpenSloDocument;
    first: OpenSloDocument;
  }> = [];

  constructor(readonly documents: readonly OpenSloDocument[]) {
    for (const document of documents) {
      if (!document.name) continue;
      let named = this.byKind.get(document.kind);
      if (!named) {
        named = new Map();
        this.byKind.set(document.kind, named);
      }
      const first = named.get(document.name);
      if (first) this.duplicates.push({ document, first });
      else named.set(document.name, document);
    }
  }

  /** Documents validation found errors in: mapping does not read them. */
  readonly broken = new Set<OpenSloDocument>();

  /** The document of that kind and name, unless it is broken. */
  usable(kind: string, name: unknown): OpenSloDocument | undefined {
    const doc = this.get(kind, name);
    return doc && !this.broken.has(doc) ? doc : undefined;
  }

  get(kind: string, name: unknown): OpenSloDocument | undefined {
    return typeof name === 'string'
      ? this.byKind.get(kind)?.get(name)
      : undefined;
  }

  names(kind: string): string[] {
    return [...(this.byKind.get(kind)?.keys() ?? [])];
  }
}
