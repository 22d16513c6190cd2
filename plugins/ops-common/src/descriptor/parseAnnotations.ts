import {
  OPS_ANNOTATION_PREFIX,
  OPS_DATA_ANNOTATIONS,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
  OPS_RUNBOOK_ANNOTATION,
  OPS_SECTION_ANNOTATIONS,
  OPS_TIER_ANNOTATION,
} from '../annotations';
import { suggestion } from '../validation/didYouMean';
import type { OpsIssue } from '../validation/issues';
import { tierMessage } from './parseDescriptor';
import { parseSection, type IndexMaps } from './parseSection';
import { sectionSchemas, tierSchema, type SectionName } from './schema';
import type { OpsSections } from './types';
import type { Tier } from './vocabulary';
import { readYaml } from './yaml';
import { memoParse } from './parseMemo';

/** @public */
export interface AnnotationParse {
  sections: OpsSections;
  tier?: Tier;
  runbook?: string;
  issues: OpsIssue[];
  /** Per section: original indices of list items kept after broken ones were dropped. */
  indexMaps: Partial<Record<SectionName, IndexMaps>>;
}

const KNOWN = [
  ...OPS_DATA_ANNOTATIONS,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
];

export const annotationSource = (key: string) => `annotation ${key}`;

/**
 * `group:payments-oncall, user:jane, group:eng-managers`: each comma item is
 * one level of one target, in order.
 */
function escalationShortForm(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  return value
    .split(',')
    .map(item => item.trim())
    .filter(Boolean)
    .map(target => ({ targets: [target] }));
}

/** One section's annotation: its YAML, then the section's schema. */
function parseAnnotation(
  section: SectionName,
  key: string,
  text: string,
): { value?: unknown; issues: OpsIssue[]; indexMaps?: IndexMaps } {
  const source = annotationSource(key);
  const read = readYaml(text, source);
  if (read.value === undefined) return { issues: read.issues };
  const raw =
    section === 'escalation' ? escalationShortForm(read.value) : read.value;
  const parsed = parseSection(
    sectionSchemas[section] as any,
    raw,
    section,
    source,
  );
  return {
    value: parsed.value,
    issues: [...read.issues, ...parsed.issues],
    indexMaps: parsed.indexMaps,
  };
}

/**
 * Reads the per-section `opskit.io/*` annotations. Values must be strings (catalog-model's rule).
 *
 * @public
 */
export function parseOpsAnnotations(
  annotations: Record<string, unknown>,
): AnnotationParse {
  const issues: OpsIssue[] = [];
  const sections: OpsSections = {};
  const indexMaps: Partial<Record<SectionName, IndexMaps>> = {};
  const stringValue = (key: string): string | undefined => {
    const value = annotations[key];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      const shown =
        typeof value === 'object'
          ? JSON.stringify(value)?.slice(0, 40) ?? String(value)
          : String(value);
      issues.push({
        path: `metadata.annotations["${key}"]`,
        severity: 'error',
        message: `annotation values must be strings, but YAML read ${
          Array.isArray(value) ? 'a list' : typeof value
        } ${shown}; quote it, or use a block scalar (${key}: |)`,
        source: annotationSource(key),
      });
      return undefined;
    }
    return value;
  };

  for (const key of Object.keys(annotations)) {
    if (key.startsWith(OPS_ANNOTATION_PREFIX) && !KNOWN.includes(key)) {
      issues.push({
        path: `metadata.annotations["${key}"]`,
        severity: 'warning',
        message: `unknown annotation "${key}" is ignored${suggestion(
          key,
          KNOWN,
        )}`,
        source: annotationSource(key),
      });
    }
  }

  for (const [section, key] of Object.entries(OPS_SECTION_ANNOTATIONS) as [
    SectionName,
    string,
  ][]) {
    const text = stringValue(key);
    if (text === undefined) continue;
    // Entities from one template carry the same annotation text: parsed once.
    const parsed = memoParse(`annotation\u0000${key}\u0000${text}`, () =>
      parseAnnotation(section, key, text),
    );
    issues.push(...parsed.issues);
    if (parsed.indexMaps) indexMaps[section] = parsed.indexMaps;
    if (parsed.value !== undefined) (sections as any)[section] = parsed.value;
  }

  let tier: Tier | undefined;
  const tierText = stringValue(OPS_TIER_ANNOTATION);
  if (tierText !== undefined) {
    const parsed = tierSchema.safeParse(tierText.trim());
    if (parsed.success) tier = parsed.data;
    else
      issues.push({
        path: 'tier',
        severity: 'error',
        message: tierMessage(tierText),
        source: annotationSource(OPS_TIER_ANNOTATION),
      });
  }
  const runbookText = stringValue(OPS_RUNBOOK_ANNOTATION)?.trim();
  return {
    sections,
    tier,
    runbook: runbookText || undefined,
    issues,
    indexMaps,
  };
}
