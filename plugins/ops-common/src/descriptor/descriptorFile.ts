/**
 * The file an entity's ops data was read from (`ops.yaml` or a Markdown
 * runbook), as the catalog module stores it at ingestion and the profile
 * reads it back. Pure: the reading of the file is the caller's.
 */
import {
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
} from '../annotations';
import { readRunbookMarkdown } from '../runbook/import/importRunbookMarkdown';
import type { OpsIssue } from '../validation/issues';
import { canonicalDescriptorText, MAX_YAML_LENGTH } from './yaml';

/**
 * Where an entity's ops data was read from.
 *
 * @public
 */
export interface DescriptorFile {
  format: 'ops' | 'runbook';
  /** As the ops-ref names it, e.g. `docs/runbook.md`. */
  path: string;
  /** Where a person reads the file (its SCM page), when the catalog knows it. */
  url?: string;
}

/** What the descriptor-file annotation holds. */
interface StoredDescriptorFile extends DescriptorFile {
  issues?: OpsIssue[];
  lines?: Record<string, number>;
}

/**
 * Whether a path names a Markdown runbook rather than an ops.yaml.
 *
 * @public
 */
export function isRunbookPath(path: string): boolean {
  return /\.(md|markdown)$/i.test(path.split(/[?#]/)[0]);
}

/**
 * The annotations that carry a descriptor file's content into the catalog:
 * `opskit.io/descriptor` (clean YAML or an imported runbook as JSON), and
 * for a runbook `opskit.io/descriptor-file`.
 *
 * @public
 */
export function descriptorAnnotations(
  text: string,
  file: { path: string; url?: string },
): Record<string, string> {
  if (!isRunbookPath(file.path))
    return { [OPS_DESCRIPTOR_ANNOTATION]: canonicalDescriptorText(text) };
  const read = readRunbookMarkdown(text, { source: file.path });
  const stored: StoredDescriptorFile = {
    format: 'runbook',
    path: file.path,
    ...(file.url ? { url: file.url } : {}),
    ...(read.issues.length ? { issues: read.issues } : {}),
    lines: read.lines,
  };
  const descriptor = JSON.stringify(read.descriptor);
  const fileAnnotation = JSON.stringify(stored);
  // Tables become objects that repeat their column names per row: a runbook
  // within the file limit can still import to more than the catalog should carry.
  const length = descriptor.length + fileAnnotation.length;
  if (length > MAX_YAML_LENGTH)
    return {
      [OPS_DESCRIPTOR_ERROR_ANNOTATION]: `the runbook ${file.path} imports to ${length} characters; the limit is ${MAX_YAML_LENGTH}: split it, or move large tables out of it`,
    };
  return {
    [OPS_DESCRIPTOR_ANNOTATION]: descriptor,
    [OPS_DESCRIPTOR_FILE_ANNOTATION]: fileAnnotation,
  };
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

function isIssue(value: unknown): value is OpsIssue {
  return (
    isObject(value) &&
    typeof value.path === 'string' &&
    (value.severity === 'error' || value.severity === 'warning') &&
    typeof value.message === 'string' &&
    (value.source === undefined || typeof value.source === 'string')
  );
}

/** Reads the descriptor-file annotation back; anything malformed is ignored (it is catalog-written). */
export function readDescriptorFile(
  value: unknown,
): StoredDescriptorFile | undefined {
  if (typeof value !== 'string') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (
    !isObject(parsed) ||
    (parsed.format !== 'ops' && parsed.format !== 'runbook') ||
    typeof parsed.path !== 'string'
  )
    return undefined;
  const lines: Record<string, number> = Object.create(null);
  if (isObject(parsed.lines))
    for (const [key, line] of Object.entries(parsed.lines))
      if (typeof line === 'number') lines[key] = line;
  return {
    format: parsed.format,
    path: parsed.path,
    ...(typeof parsed.url === 'string' ? { url: parsed.url } : {}),
    issues: Array.isArray(parsed.issues) ? parsed.issues.filter(isIssue) : [],
    lines,
  };
}
