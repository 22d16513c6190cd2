import { isMap, parseAllDocuments, type Document } from 'yaml';

/**
 * Edits catalog-info.yaml with the `yaml` library's document model, so the
 * file's comments, key order and other documents stay as the team wrote them
 * (js-yaml, used for reading ops data, drops comments). Errors name the file.
 */
export class CatalogInfoFile {
  private constructor(
    private readonly documents: Document.Parsed[],
    private readonly target: Document.Parsed,
  ) {}

  /** Parses the file; the entity edited is the first Component (else the first entity). */
  static parse(text: string, path: string): CatalogInfoFile {
    const documents = parseAllDocuments(text);
    if (!Array.isArray(documents)) throw new Error(`${path} is empty`);
    for (const doc of documents) {
      if (doc.errors.length)
        throw new Error(`${path} is not valid YAML: ${doc.errors[0].message}`);
    }
    const entities = documents.filter(
      doc => isMap(doc.contents) && doc.get('kind'),
    );
    const target =
      entities.find(
        doc => String(doc.get('kind')).toLowerCase() === 'component',
      ) ?? entities[0];
    if (!target)
      throw new Error(
        `${path} holds no catalog entity (no document with a kind)`,
      );
    return new CatalogInfoFile(documents, target);
  }

  get name(): string | undefined {
    const name = this.target.getIn(['metadata', 'name']);
    return typeof name === 'string' ? name : undefined;
  }

  annotation(key: string): unknown {
    return this.target.getIn(['metadata', 'annotations', key]);
  }

  setAnnotation(key: string, value: string) {
    this.target.setIn(['metadata', 'annotations', key], value);
  }

  /** The entity as plain data (for ops-common). */
  entity(): Record<string, unknown> {
    return this.target.toJS() as Record<string, unknown>;
  }

  toString(): string {
    return this.documents.map(doc => doc.toString()).join('');
  }
}
