import {
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
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
  descriptorPath,
  parseOpsDescriptor,
} from './descriptor/parseDescriptor';
import { SECTION_NAMES } from './descriptor/schema';
import { readDescriptorFile } from './descriptor/descriptorFile';
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

function build(
  entity: OpsEntityLike,
  options: BuildProfileOptions,
): ProfileResult {
  const defaults = options.defaults ?? BUILT_IN_DEFAULTS;
  const issues: OpsIssue[] = [];
  const annotations = isObject(entity.metadata?.annotations)
    ? entity.metadata!.annotations!
    : {};

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
    entityName:
      typeof entity.metadata?.name === 'string'
        ? entity.metadata.name
        : undefined,
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

  const spec = entity.spec;
  const profile: OpsProfile = {
    entityRef: entityRefOf(entity),
    kind: typeof entity.kind === 'string' ? entity.kind : 'Unknown',
    type: stringField(spec, 'type'),
    lifecycle: stringField(spec, 'lifecycle'),
    owner: stringField(spec, 'owner'),
    system: stringField(spec, 'system'),
    tier,
    effectiveTier: tier ?? defaults.fallbackTier,
    runbook: safeRunbook,
    references: referencesOf(annotations),
    dataStores: dataStoresOf(entity),
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
    ...safeSections,
  };
  return { profile, issues: located };
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
