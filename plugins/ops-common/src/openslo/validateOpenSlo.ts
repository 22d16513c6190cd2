import { suggestion } from '../validation/didYouMean';
import type { OpsIssue } from '../validation/issues';
import {
  checkKnownKeys,
  checkMetadata,
  checkText,
  requireSpec,
} from './fieldRules';
import { OpenSloIndex } from './openSloIndex';
import { documentLabel, type OpenSloDocument } from './readOpenSlo';
import { at, isObject, Reporter } from './reporter';
import {
  checkAlertConditionSpec,
  checkAlertPolicySpec,
  checkNotificationTargetSpec,
} from './validateAlerts';
import { checkSliSpec } from './validateSli';
import { checkSloSpec } from './validateSlo';
import { OPENSLO_KINDS } from './vocabulary';

function checkDataSourceSpec(r: Reporter, path: string, value: unknown) {
  const spec = requireSpec(
    r,
    path,
    value,
    'write {type: Prometheus, connectionDetails: {url: …}}',
    ['description', 'type', 'connectionDetails'],
  );
  if (!spec) return;
  checkText(r, at(path, 'type'), spec.type, {
    required: 'say what the source is, e.g. type: Prometheus',
  });
  if (spec.connectionDetails !== undefined && !isObject(spec.connectionDetails))
    r.error(
      at(path, 'connectionDetails'),
      'expected a mapping of what connecting to the source needs',
    );
}

function checkServiceSpec(r: Reporter, path: string, value: unknown) {
  if (value === undefined) return;
  const spec = requireSpec(r, path, value, 'write {description: …}', [
    'description',
  ]);
  if (!spec) return;
}

/** What each validation found, per document, so mapping skips what is broken. */
export interface OpenSloValidation {
  issues: OpsIssue[];
  index: OpenSloIndex;
  /** Documents with at least one error. */
  broken: Set<OpenSloDocument>;
}

/**
 * Validates OpenSLO v1 documents with the specification's own rules: the
 * fields each kind requires, its enums and ranges, duration shorthands,
 * names that are DNS labels, references that resolve among the documents
 * given, and one name per kind. Internal: `validateOpenSlo` is the public form.
 */
export function checkOpenSlo(
  documents: readonly OpenSloDocument[],
  options: { source?: string } = {},
): OpenSloValidation {
  const issues: OpsIssue[] = [];
  const index = new OpenSloIndex(documents);
  const broken = index.broken;
  const duplicateOf = new Map(
    index.duplicates.map(d => [d.document, d.first] as const),
  );
  for (const doc of documents) {
    const r = new Reporter(issues, documentLabel(doc), options.source);
    const first = duplicateOf.get(doc);
    if (first)
      r.error(
        'metadata.name',
        `"${doc.name}" names another ${doc.kind} too (document ${first.position}); give each ${doc.kind} its own name`,
      );
    const kinds: readonly string[] = OPENSLO_KINDS;
    if (!kinds.includes(doc.kind)) {
      r.error(
        'kind',
        doc.kind
          ? `"${doc.kind}" is not a kind of OpenSLO v1${suggestion(
              doc.kind,
              OPENSLO_KINDS,
            )}; the kinds are ${OPENSLO_KINDS.join(', ')}`
          : `is missing; write one of ${OPENSLO_KINDS.join(', ')}`,
      );
      broken.add(doc);
      continue;
    }
    checkKnownKeys(r, '', doc.value, [
      'apiVersion',
      'kind',
      'metadata',
      'spec',
    ]);
    checkMetadata(r, 'metadata', doc.value.metadata);
    const spec = doc.value.spec;
    switch (doc.kind) {
      case 'SLO':
        checkSloSpec(r, 'spec', spec, index);
        break;
      case 'SLI':
        checkSliSpec(r, 'spec', spec, index);
        break;
      case 'AlertPolicy':
        checkAlertPolicySpec(r, 'spec', spec, index);
        break;
      case 'AlertCondition':
        checkAlertConditionSpec(r, 'spec', spec);
        break;
      case 'AlertNotificationTarget':
        checkNotificationTargetSpec(r, 'spec', spec);
        break;
      case 'DataSource':
        checkDataSourceSpec(r, 'spec', spec);
        break;
      default:
        checkServiceSpec(r, 'spec', spec);
    }
    if (r.hasErrors()) broken.add(doc);
  }
  return { issues, index, broken };
}

/**
 * Validates OpenSLO v1 documents (from `readOpenSlo`) with the
 * specification's own rules; references resolve among the documents given.
 *
 * @public
 */
export function validateOpenSlo(
  documents: readonly OpenSloDocument[],
  options: { source?: string } = {},
): OpsIssue[] {
  return checkOpenSlo(documents, options).issues;
}
