import { readYamlDocuments } from '../descriptor/yaml';
import type { OpsIssue } from '../validation/issues';
import { OPENSLO_API_VERSION } from './vocabulary';

/**
 * One OpenSLO document of a file, as parsed: validation and mapping read it.
 *
 * @public
 */
export interface OpenSloDocument {
  /** `kind` as written ('' when it is missing or not text). */
  kind: string;
  /** `metadata.name` as written, when it is text. */
  name?: string;
  /** Its place in the text, from 1: names a document without a name. */
  position: number;
  value: Record<string, unknown>;
}

/** @public */
export interface OpenSloRead {
  /** The openslo/v1 documents; others are left out with an issue each. */
  documents: OpenSloDocument[];
  issues: OpsIssue[];
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * How issues name a document: `SLO payments-availability`, or by its place
 * when it has no name (`SLO (document 3)`).
 */
export function documentLabel(
  doc: Pick<OpenSloDocument, 'kind' | 'name' | 'position'>,
): string {
  const kind = doc.kind || 'document';
  return doc.name
    ? `${kind} ${doc.name}`
    : `${kind} (document ${doc.position})`;
}

/** Whether a parsed value is an OpenSLO document (any version). */
export function isOpenSloDocument(value: unknown): boolean {
  return (
    isObject(value) &&
    typeof value.apiVersion === 'string' &&
    value.apiVersion.startsWith('openslo/')
  );
}

/** Block YAML or JSON naming an OpenSLO apiVersion at the start of a document. */
const OPENSLO_LINE =
  /^(?:-[ \t]+)?apiVersion:[ \t]*["']?openslo\/|"apiVersion"\s*:\s*"openslo\//m;

/**
 * Whether a file holds OpenSLO: a document (or an item of a list of
 * documents) whose apiVersion is `openslo/…`. Text that does not parse is
 * judged by its lines, so a broken OpenSLO file is still read (and its
 * syntax error reported) rather than skipped.
 *
 * @public
 */
export function isOpenSloText(text: string): boolean {
  if (typeof text !== 'string' || !text.includes('openslo/')) return false;
  const docs = readYamlDocuments(text, 'openslo');
  if (docs.some(d => d.issues.length > 0)) return OPENSLO_LINE.test(text);
  return docs.some(d =>
    Array.isArray(d.value)
      ? d.value.some(isOpenSloDocument)
      : isOpenSloDocument(d.value),
  );
}

function versionMessage(apiVersion: unknown): string {
  if (apiVersion === undefined)
    return `is missing; write apiVersion: ${OPENSLO_API_VERSION}`;
  const written = String(apiVersion).slice(0, 40);
  if (written === 'openslo/v1alpha')
    return `v1alpha is not read; convert to ${OPENSLO_API_VERSION} (its SLOs name an indicator and objectives as v1 does)`;
  if (written.startsWith('openslo/'))
    return `"${written}" is not read; OpsKit reads ${OPENSLO_API_VERSION}`;
  return `"${written}" is not OpenSLO; write apiVersion: ${OPENSLO_API_VERSION}`;
}

/**
 * Reads OpenSLO text: `---`-separated documents, or a YAML list of them,
 * through the bounded YAML reader. Documents of another apiVersion
 * (openslo/v1alpha included) are reported as errors and left out; nothing
 * here throws.
 *
 * @public
 */
export function readOpenSlo(
  text: string,
  options: { source?: string } = {},
): OpenSloRead {
  const source = options.source ?? 'openslo.yaml';
  const issues: OpsIssue[] = [];
  const documents: OpenSloDocument[] = [];
  let position = 0;
  for (const read of readYamlDocuments(text, source)) {
    issues.push(...read.issues);
    if (read.value === undefined || read.value === null) continue;
    const items = Array.isArray(read.value) ? read.value : [read.value];
    for (const item of items) {
      position += 1;
      if (!isObject(item)) {
        issues.push({
          path: `document ${position}`,
          severity: 'error',
          message: `expected an OpenSLO document (apiVersion: ${OPENSLO_API_VERSION}, kind, metadata, spec), found ${
            Array.isArray(item) ? 'a list' : typeof item
          }`,
          source,
        });
        continue;
      }
      const doc: OpenSloDocument = {
        kind: typeof item.kind === 'string' ? item.kind : '',
        position,
        value: item,
      };
      const metadata = item.metadata;
      if (isObject(metadata) && typeof metadata.name === 'string')
        doc.name = metadata.name;
      if (item.apiVersion !== OPENSLO_API_VERSION) {
        issues.push({
          path: `${documentLabel(doc)}: apiVersion`,
          severity: 'error',
          message: versionMessage(item.apiVersion),
          source,
        });
        continue;
      }
      documents.push(doc);
    }
  }
  return { documents, issues };
}
