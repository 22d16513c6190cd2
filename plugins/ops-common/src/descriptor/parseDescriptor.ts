import { OPS_API_VERSION, OPS_KIND, TIERS, type Tier } from './vocabulary';
import { readYamlOrJson } from './yaml';
import { known, memoParse, worthKeeping } from './parseMemo';
import { parseSection, type IndexMaps } from './parseSection';
import {
  openSloSlosSchema,
  sectionSchemas,
  tierSchema,
  type SectionName,
} from './schema';
import type { OpsSections } from './types';
import type { OpsIssue } from '../validation/issues';
import { suggestion } from '../validation/didYouMean';
import { validateSections } from '../validation/validateSections';

const TOP_LEVEL_KEYS = [
  'apiVersion',
  'kind',
  'tier',
  'runbook',
  'environments',
  'deployment',
  'slos',
  'monitoring',
  'logging',
  'incident',
  'backups',
  'recovery',
  'versionHistory',
  'notes',
];

/** Where each section sits in ops.yaml (severities and escalation live under `incident`). */
export function descriptorPath(
  section: SectionName | 'tier' | 'runbook',
): string {
  return section === 'severities' || section === 'escalation'
    ? `incident.${section}`
    : section;
}

/** @public */
export interface DescriptorParse {
  sections: OpsSections;
  tier?: Tier;
  runbook?: string;
  issues: OpsIssue[];
  /** Per section: original indices of list items kept after broken ones were dropped. */
  indexMaps: Partial<Record<SectionName, IndexMaps>>;
  /** `slos: {openslo: …}`: the OpenSLO file holding the SLOs, relative to the descriptor. */
  openslo?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Reads `ops.yaml` (text, or an already parsed object). Every section is parsed
 * on its own, so a broken one costs only itself; nothing here throws.
 *
 * @public
 */
export function parseOpsDescriptor(
  input: unknown,
  options: { source?: string } = {},
): DescriptorParse {
  const source = options.source ?? 'ops.yaml';
  // The same text parses the same: entities from one template share it.
  return typeof input === 'string'
    ? memoParse(descriptorKey(input, source), () =>
        parseDescriptor(input, source),
      )
    : parseDescriptor(input, source);
}

/** The other memo keys' kinds: a text that starts like one is prefixed too. */
// eslint-disable-next-line no-control-regex -- the memo keys' separator is NUL
const KEY_KINDS = /^(descriptor|section|annotation|profile)\u0000/;

/**
 * The memo key of a descriptor's parse. An `ops.yaml`'s is its text as the
 * catalog delivered it: a string read from JSON is flat and keeps its hash,
 * so looking it up twice (see `descriptorKnown`) costs one pass over it,
 * where a key made by joining strings is copied and hashed anew each time.
 */
function descriptorKey(text: string, source: string): string {
  return source === 'ops.yaml' && !KEY_KINDS.test(text)
    ? text
    : `descriptor\u0000${source}\u0000${text}`;
}

/** Whether this descriptor text was parsed before (kept, or seen once). */
export function descriptorKnown(text: string, source = 'ops.yaml'): boolean {
  return known(descriptorKey(text, source));
}

function parseDescriptor(input: unknown, source: string): DescriptorParse {
  const issues: OpsIssue[] = [];
  let raw = input;
  // Sections of JSON text are kept by their JSON: the same section in descriptors that differ elsewhere parses once.
  let json = false;
  if (typeof input === 'string') {
    const read = readYamlOrJson(input, source);
    issues.push(...read.issues);
    raw = read.value;
    json = read.json === true;
    if (read.value === undefined && read.issues.length > 0)
      return { sections: {}, issues, indexMaps: {} };
  }
  if (!isObject(raw)) {
    issues.push({
      path: '',
      severity: 'error',
      message: `expected a mapping with apiVersion: ${OPS_API_VERSION} and kind: ${OPS_KIND}`,
      source,
    });
    return { sections: {}, issues, indexMaps: {} };
  }
  if (raw.apiVersion !== OPS_API_VERSION) {
    issues.push({
      path: 'apiVersion',
      severity: 'error',
      message:
        raw.apiVersion === undefined
          ? `is missing; write apiVersion: ${OPS_API_VERSION}`
          : `"${String(
              raw.apiVersion,
            )}" is not supported; write ${OPS_API_VERSION}`,
      source,
    });
  }
  if (raw.kind !== OPS_KIND) {
    issues.push({
      path: 'kind',
      severity: 'error',
      message:
        raw.kind === undefined
          ? `is missing; write kind: ${OPS_KIND}`
          : `"${String(
              raw.kind,
            )}" is not a kind of ${OPS_API_VERSION}; an ops descriptor is kind: ${OPS_KIND}`,
      source,
    });
  }
  for (const key of Object.keys(raw)) {
    if (!TOP_LEVEL_KEYS.includes(key)) {
      issues.push({
        path: key,
        severity: 'warning',
        message: `unknown section "${key}" is ignored${suggestion(
          key,
          TOP_LEVEL_KEYS,
        )}`,
        source,
      });
    }
  }

  const rawSections: Partial<Record<SectionName, unknown>> = {};
  for (const name of Object.keys(sectionSchemas) as SectionName[]) {
    if (
      name !== 'severities' &&
      name !== 'escalation' &&
      raw[name] !== undefined
    )
      rawSections[name] = raw[name];
  }
  // `slos: {openslo: slos.yaml}` names a file instead of listing the SLOs.
  let openslo: string | undefined;
  if (isObject(raw.slos)) {
    delete rawSections.slos;
    const parsed = parseSection(openSloSlosSchema, raw.slos, 'slos', source);
    issues.push(...parsed.issues);
    openslo = parsed.value?.openslo.trim();
  }
  if (raw.incident !== undefined) {
    if (!isObject(raw.incident)) {
      issues.push({
        path: 'incident',
        severity: 'error',
        message: 'expected a mapping with severities and escalation',
        source,
      });
    } else {
      for (const key of Object.keys(raw.incident)) {
        if (key !== 'severities' && key !== 'escalation') {
          issues.push({
            path: `incident.${key}`,
            severity: 'warning',
            message: `unknown field "${key}" is ignored${suggestion(key, [
              'severities',
              'escalation',
            ])}`,
            source,
          });
        }
      }
      if (raw.incident.severities !== undefined)
        rawSections.severities = raw.incident.severities;
      if (raw.incident.escalation !== undefined)
        rawSections.escalation = raw.incident.escalation;
    }
  }

  const sections: OpsSections = {};
  const indexMaps: Partial<Record<SectionName, IndexMaps>> = {};
  for (const [name, value] of Object.entries(rawSections) as [
    SectionName,
    unknown,
  ][]) {
    const parse = () =>
      parseSection(
        sectionSchemas[name] as any,
        value,
        descriptorPath(name),
        source,
      );
    const keep = json ? worthKeeping(name) : undefined;
    let parsed: ReturnType<typeof parse>;
    if (keep?.now) {
      const key = `section\u0000${name}\u0000${source}\u0000${JSON.stringify(
        value,
      )}`;
      keep.repeated(known(key));
      parsed = memoParse(key, parse);
    } else parsed = parse();
    issues.push(...parsed.issues);
    indexMaps[name] = parsed.indexMaps;
    if (parsed.value !== undefined) (sections as any)[name] = parsed.value;
  }

  let tier: Tier | undefined;
  if (raw.tier !== undefined) {
    const parsed = tierSchema.safeParse(raw.tier);
    if (parsed.success) tier = parsed.data;
    else
      issues.push({
        path: 'tier',
        severity: 'error',
        message: tierMessage(raw.tier),
        source,
      });
  }
  let runbook: string | undefined;
  if (raw.runbook !== undefined) {
    if (typeof raw.runbook === 'string' && raw.runbook.trim())
      runbook = raw.runbook.trim();
    else
      issues.push({
        path: 'runbook',
        severity: 'error',
        message: 'expected a URL or TechDocs path as text',
        source,
      });
  }
  return {
    sections,
    tier,
    runbook,
    issues,
    indexMaps,
    ...(openslo ? { openslo } : {}),
  };
}

export function tierMessage(value: unknown): string {
  const text = String(value);
  if (/^[1-4]$/.test(text.trim()))
    return `"${text}" is not a tier; write tier-${text.trim()}`;
  return `"${text.slice(0, 40)}" is not a tier; use one of ${TIERS.join(
    ', ',
  )}${suggestion(text, TIERS)}`;
}

/**
 * Parses and validates a descriptor on its own (the CLI, the scaffolder):
 * structural issues plus every cross-field rule, sections cleaned of unsafe URLs.
 *
 * @public
 */
export function validateOpsDescriptor(
  input: unknown,
  options: { source?: string; now?: number } = {},
): DescriptorParse {
  const source = options.source ?? 'ops.yaml';
  const parsed = parseOpsDescriptor(input, { source });
  const validated = validateSections(
    { ...parsed.sections, runbook: parsed.runbook },
    {
      now: options.now,
      locate: section => ({
        prefix: section === 'runbook' ? 'runbook' : descriptorPath(section),
        source,
        indexMaps:
          section === 'runbook' ? undefined : parsed.indexMaps[section],
      }),
    },
  );
  const { runbook, ...sections } = validated.sections;
  return {
    ...parsed,
    sections,
    runbook,
    issues: [...parsed.issues, ...validated.issues],
  };
}
