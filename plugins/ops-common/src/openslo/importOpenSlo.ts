import type { OpsIssue } from '../validation/issues';
import { mapOpenSloDocuments, type ImportedSlo } from './mapOpenSlo';
import { documentLabel, readOpenSlo } from './readOpenSlo';
import { isObject } from './reporter';
import { checkOpenSlo } from './validateOpenSlo';

/** @public */
export interface OpenSloImport {
  /** OpsKit SLOs, one per objective of each valid OpenSLO SLO, in document order. */
  slos: ImportedSlo[];
  /** Reading, validation and mapping issues, each once. */
  issues: OpsIssue[];
}

/** @public */
export interface ImportOpenSloOptions {
  /** The file, as issues name it. */
  source?: string;
  /** The entity's name: SLOs whose `spec.service` differs get a warning. */
  service?: string;
}

/**
 * OpenSLO v1 text to OpsKit SLOs: read (multi-document YAML or a list),
 * validated with OpenSLO's rules, then mapped. Pure; never throws.
 *
 * @public
 */
export function importOpenSlo(
  text: string,
  options: ImportOpenSloOptions = {},
): OpenSloImport {
  const source = options.source ?? 'openslo.yaml';
  const read = readOpenSlo(text, { source });
  const validation = checkOpenSlo(read.documents, { source });
  const mapped = mapOpenSloDocuments(read.documents, validation.index, {
    source,
  });
  const issues = [...read.issues, ...validation.issues, ...mapped.issues];
  if (options.service !== undefined)
    for (const doc of read.documents) {
      const spec = doc.value.spec;
      if (
        doc.kind === 'SLO' &&
        isObject(spec) &&
        typeof spec.service === 'string' &&
        spec.service !== options.service
      )
        issues.push({
          path: `${documentLabel(doc)}: spec.service`,
          severity: 'warning',
          message: `"${spec.service.slice(0, 63)}" is not this entity ("${
            options.service
          }"); the SLO is read as this entity's: correct spec.service, or move the SLO to the entity of that service`,
          source,
        });
    }
  if (
    read.issues.length === 0 &&
    !read.documents.some(doc => doc.kind === 'SLO')
  )
    issues.push({
      path: '',
      severity: 'warning',
      message:
        'holds no OpenSLO SLO; OpsKit reads SLOs (and the SLIs, alert policies and data sources they name)',
      source,
    });
  // An SLI or alert policy shared by several SLOs is reported once.
  const seen = new Set<string>();
  const unique = issues.filter(issue => {
    const key = `${issue.severity}\u0000${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { slos: mapped.slos, issues: unique };
}
