import {
  OPS_ANNOTATION_PREFIX,
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_OPENSLO_ANNOTATION,
  OPS_REF_ANNOTATION,
  WELL_KNOWN_ANNOTATIONS,
  type OpsEntityLike,
} from './annotations';
import { BUILT_IN_DEFAULTS, type OpsDefaults } from './defaults';
import {
  annotationSource,
  parseOpsAnnotations,
} from './descriptor/parseAnnotations';
import {
  descriptorKnown,
  descriptorPath,
  parseOpsDescriptor,
} from './descriptor/parseDescriptor';
import { SECTION_NAMES } from './descriptor/schema';
import {
  readDescriptorFile,
  type DescriptorFile,
} from './descriptor/descriptorFile';
import { memoParse } from './descriptor/parseMemo';
import type { Tier } from './descriptor/vocabulary';
import { locateIssues } from './runbook/import/importRunbookMarkdown';
import type {
  OpsProfile,
  OpsReferences,
  OpsSections,
  SectionSource,
} from './descriptor/types';
import type { OpsIssue } from './validation/issues';
import type { RuleSection } from './validation/ruleContext';
import { validateSections } from './validation/validateSections';
import { profileOpenSlo } from './openslo/profileSlos';

/** @public */
export interface ProfileResult {
  profile: OpsProfile;
  issues: OpsIssue[];
}

/** @public */
export interface BuildProfileOptions {
  defaults?: OpsDefaults;
  /** Epoch ms; rules about "the future" compare with it. */
  now?: number;
  /** Name of the descriptor in messages (`ops.yaml`, `payments/ops.yaml`). */
  descriptorSource?: string;
}

const isObject = (v: unknown): v is Record<string, any> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * `kind:namespace/name`, written the catalog's way, even for malformed entities.
 *
 * @public
 */
export function entityRefOf(entity: OpsEntityLike): string {
  const kind =
    typeof entity.kind === 'string' ? entity.kind.toLowerCase() : 'unknown';
  const namespace =
    typeof entity.metadata?.namespace === 'string'
      ? entity.metadata.namespace
      : 'default';
  const name =
    typeof entity.metadata?.name === 'string'
      ? entity.metadata.name
      : 'unknown';
  return `${kind}:${namespace}/${name}`;
}

function stringField(spec: unknown, key: string): string | undefined {
  return isObject(spec) && typeof spec[key] === 'string'
    ? spec[key]
    : undefined;
}

/** Resources the entity depends on, from spec.dependsOn and from catalog relations. */
function dataStoresOf(entity: OpsEntityLike): string[] {
  const refs = new Set<string>();
  const spec = entity.spec;
  if (isObject(spec) && Array.isArray(spec.dependsOn)) {
    for (const ref of spec.dependsOn) {
      if (typeof ref === 'string' && ref.toLowerCase().startsWith('resource:'))
        refs.add(ref);
    }
  }
  const relations = (entity as { relations?: unknown }).relations;
  if (Array.isArray(relations)) {
    for (const relation of relations) {
      if (
        isObject(relation) &&
        relation.type === 'dependsOn' &&
        typeof relation.targetRef === 'string' &&
        relation.targetRef.startsWith('resource:')
      ) {
        refs.add(relation.targetRef);
      }
    }
  }
  // The same store named by spec and by relation once.
  const byName = new Map<string, string>();
  for (const ref of refs)
    byName.set(
      ref.slice(ref.lastIndexOf('/') + 1).replace(/^resource:/i, ''),
      ref,
    );
  return [...byName.values()];
}

function referencesOf(annotations: Record<string, unknown>): OpsReferences {
  const references: OpsReferences = {};
  for (const [name, key] of Object.entries(WELL_KNOWN_ANNOTATIONS)) {
    const value = annotations[key];
    if (typeof value === 'string' && value.trim())
      (references as any)[name] = value.trim();
  }
  return references;
}

/** What a profile takes from the entity's ops data, not from the rest of it. */
interface OpsContent {
  tier?: Tier;
  effectiveTier: Tier;
  runbook?: string;
  sources: OpsProfile['sources'];
  descriptorFile?: DescriptorFile;
  sections: OpsSections;
  issues: OpsIssue[];
}

/**
 * Parses, merges and validates the entity's ops data: a pure function of
 * its `opskit.io/*` annotations, the defaults, `now` and the descriptor's
 * name (and the entity's name when it has OpenSLO documents, which name
 * their service).
 */
function opsContent(
  annotations: Record<string, unknown>,
  entityName: string | undefined,
  options: BuildProfileOptions,
): OpsContent {
  const defaults = options.defaults ?? BUILT_IN_DEFAULTS;
  const issues: OpsIssue[] = [];

  const fromAnnotations = parseOpsAnnotations(annotations);
  issues.push(...fromAnnotations.issues);

  let fromDescriptor: ReturnType<typeof parseOpsDescriptor> = {
    sections: {},
    issues: [],
    indexMaps: {},
  };
  const descriptorText = annotations[OPS_DESCRIPTOR_ANNOTATION];
  // A runbook's descriptor: issues name the Markdown file and its lines.
  const runbookFile = readDescriptorFile(
    annotations[OPS_DESCRIPTOR_FILE_ANNOTATION],
  );
  const descriptorSource =
    runbookFile?.path ?? options.descriptorSource ?? 'ops.yaml';
  if (runbookFile?.issues) issues.push(...runbookFile.issues);
  if (descriptorText !== undefined) {
    fromDescriptor = parseOpsDescriptor(descriptorText, {
      source: descriptorSource,
    });
    issues.push(...fromDescriptor.issues);
  }
  const descriptorError = annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION];
  if (typeof descriptorError === 'string' && descriptorError) {
    issues.push({
      path: `metadata.annotations["${OPS_REF_ANNOTATION}"]`,
      severity: 'error',
      message: descriptorError,
      source: annotationSource(OPS_REF_ANNOTATION),
    });
  } else if (
    annotations[OPS_REF_ANNOTATION] !== undefined &&
    descriptorText === undefined
  ) {
    issues.push({
      path: `metadata.annotations["${OPS_REF_ANNOTATION}"]`,
      severity: 'warning',
      message:
        'the descriptor it names has not been loaded; install @opskit/plugin-catalog-backend-module-ops in the catalog so it is read',
      source: annotationSource(OPS_REF_ANNOTATION),
    });
  }

  const sections: OpsSections = {};
  const sources: OpsProfile['sources'] = {};
  for (const name of SECTION_NAMES) {
    const a = fromAnnotations.sections[name];
    const d = fromDescriptor.sections[name];
    if (a !== undefined) {
      (sections as any)[name] = a;
      sources[name] = 'annotation';
    } else if (d !== undefined) {
      (sections as any)[name] = d;
      sources[name] = 'descriptor';
    }
  }
  // Org defaults fill what the service leaves out.
  if (!sections.severities) {
    sections.severities = defaults.severities;
    sources.severities = 'defaults';
  }
  if (!sections.logging) {
    sections.logging = defaults.logging;
    sources.logging = 'defaults';
  }
  if (!sections.deployment?.checklist) {
    sections.deployment = {
      ...sections.deployment,
      checklist: defaults.checklist,
    };
    sources.deployment ??= 'defaults';
  }

  const tier = fromAnnotations.tier ?? fromDescriptor.tier;
  if (tier) sources.tier = fromAnnotations.tier ? 'annotation' : 'descriptor';
  const runbook = fromAnnotations.runbook ?? fromDescriptor.runbook;
  if (runbook)
    sources.runbook = fromAnnotations.runbook ? 'annotation' : 'descriptor';

  const locate = (section: RuleSection) => {
    const from: SectionSource | undefined = sources[section];
    if (from === 'annotation') {
      const key =
        section === 'runbook'
          ? 'opskit.io/runbook'
          : `opskit.io/${
              section === 'versionHistory' ? 'version-history' : section
            }`;
      const indexMaps =
        section === 'runbook' ? undefined : fromAnnotations.indexMaps[section];
      return { prefix: section, source: annotationSource(key), indexMaps };
    }
    if (from === 'defaults')
      return { prefix: `defaults.${section}`, source: 'defaults' };
    const indexMaps =
      section === 'runbook' ? undefined : fromDescriptor.indexMaps[section];
    return {
      prefix: descriptorPath(section),
      source: descriptorSource,
      indexMaps,
    };
  };
  const validated = validateSections(
    { ...sections, runbook },
    { now: options.now, locate },
  );
  issues.push(...validated.issues);
  const { runbook: safeRunbook, ...safeSections } = validated.sections;
  // OpenSLO SLOs join after validation: their issues name OpenSLO documents, not slos[i].
  const openSlo = profileOpenSlo({
    annotations,
    descriptorRef: fromDescriptor.openslo,
    descriptorSource,
    inline: safeSections.slos,
    entityName,
  });
  issues.push(...openSlo.issues);
  if (openSlo.slos) {
    safeSections.slos = openSlo.slos;
    sources.slos ??= fromDescriptor.openslo ? 'descriptor' : 'annotation';
  }
  const located = runbookFile?.lines
    ? locateIssues(issues, runbookFile.lines, descriptorSource)
    : issues;

  if (!tier) {
    issues.push({
      path: 'tier',
      severity: 'warning',
      message: `no tier declared; the ${defaults.fallbackTier} policy applies (set opskit.io/tier or tier: in ops.yaml)`,
    });
  }

  return {
    tier,
    effectiveTier: tier ?? defaults.fallbackTier,
    runbook: safeRunbook,
    sources,
    ...(runbookFile
      ? {
          descriptorFile: {
            format: runbookFile.format,
            path: runbookFile.path,
            ...(runbookFile.url ? { url: runbookFile.url } : {}),
          },
        }
      : {}),
    sections: safeSections,
    issues: located,
  };
}

/** Numbers the defaults objects seen, for memo keys (they are read, never changed). */
const defaultsIds = new WeakMap<object, number>();
let nextDefaultsId = 0;

/**
 * The memo key of an entity's ops content: everything opsContent reads.
 * Undefined (not kept) without a fixed `now`, or when an ops annotation is
 * not text (its issue shows the value as read).
 */
function contentKey(
  annotations: Record<string, unknown>,
  entityName: string | undefined,
  options: BuildProfileOptions,
): string | undefined {
  if (options.now === undefined) return undefined;
  // A descriptor never parsed before is in no kept profile (a service's own
  // text, seen once): the profile key, a copy of it, is not worth building.
  const descriptor = annotations[OPS_DESCRIPTOR_ANNOTATION];
  if (
    typeof descriptor === 'string' &&
    annotations[OPS_DESCRIPTOR_FILE_ANNOTATION] === undefined &&
    !descriptorKnown(descriptor, options.descriptorSource)
  )
    return undefined;
  const defaults = options.defaults ?? BUILT_IN_DEFAULTS;
  let id = defaultsIds.get(defaults);
  if (id === undefined) defaultsIds.set(defaults, (id = nextDefaultsId++));
  let key = `profile\u0000${id}\u0000${options.now}\u0000${
    options.descriptorSource ?? ''
  }`;
  for (const name of Object.keys(annotations)) {
    if (!name.startsWith(OPS_ANNOTATION_PREFIX)) continue;
    const value = annotations[name];
    if (typeof value !== 'string') return undefined;
    // Lengths first: a value may itself hold the separator.
    key += `\u0000${name.length}:${name}\u0000${value.length}:${value}`;
  }
  if (typeof annotations[OPS_OPENSLO_ANNOTATION] === 'string')
    key += `\u0000\u0000${entityName}`;
  return key;
}

function build(
  entity: OpsEntityLike,
  options: BuildProfileOptions,
): ProfileResult {
  const annotations = isObject(entity.metadata?.annotations)
    ? entity.metadata!.annotations!
    : {};
  const entityName =
    typeof entity.metadata?.name === 'string'
      ? entity.metadata.name
      : undefined;
  const key = contentKey(annotations, entityName, options);
  // Entities from one template share their ops data: read once per evaluation (one `now`).
  const content =
    key === undefined
      ? opsContent(annotations, entityName, options)
      : memoParse(key, () => opsContent(annotations, entityName, options));
  const spec = entity.spec;
  const profile: OpsProfile = {
    entityRef: entityRefOf(entity),
    kind: typeof entity.kind === 'string' ? entity.kind : 'Unknown',
    type: stringField(spec, 'type'),
    lifecycle: stringField(spec, 'lifecycle'),
    owner: stringField(spec, 'owner'),
    system: stringField(spec, 'system'),
    tier: content.tier,
    effectiveTier: content.effectiveTier,
    runbook: content.runbook,
    references: referencesOf(annotations),
    dataStores: dataStoresOf(entity),
    sources: content.sources,
    ...(content.descriptorFile
      ? { descriptorFile: content.descriptorFile }
      : {}),
    ...content.sections,
  };
  return { profile, issues: content.issues };
}

/**
 * Builds an entity's ops profile: annotations over descriptor over org defaults, per
 * section, validated. Never throws: anything unexpected becomes an issue.
 *
 * @public
 */
export function buildOpsProfile(
  entity: OpsEntityLike,
  options: BuildProfileOptions = {},
): ProfileResult {
  try {
    return build(isObject(entity) ? entity : {}, options);
  } catch (error) {
    const defaults = options.defaults ?? BUILT_IN_DEFAULTS;
    return {
      profile: {
        entityRef: isObject(entity)
          ? entityRefOf(entity)
          : 'unknown:default/unknown',
        kind: 'Unknown',
        effectiveTier: defaults.fallbackTier,
        references: {},
        dataStores: [],
        sources: {},
      },
      issues: [
        {
          path: '',
          severity: 'error',
          message: `ops data could not be read: ${
            (error as Error)?.message ?? String(error)
          }`,
        },
      ],
    };
  }
}
