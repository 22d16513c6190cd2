import {
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_OPENSLO_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
  OPS_OPENSLO_REF_ANNOTATION,
  type OpsEntityLike,
} from '../annotations';
import { parseOpsDescriptor } from '../descriptor/parseDescriptor';
import type { OpsProfile, Slo } from '../descriptor/types';
import { MAX_YAML_LENGTH } from '../descriptor/yaml';
import { importOpenSlo } from '../openslo/importOpenSlo';
import { containedPath, parseOpsRef } from '../opsRef';
import { buildOpsProfile } from '../profile';
import { evaluateScorecards } from '../scoring/engine';
import type { ScorecardResult } from '../scoring/types';
import type { OpsIssue } from '../validation/issues';

/** What the CLI reports for one OpenSLO file (per service with `score` and `rules`). */
export interface OpenSloTarget {
  file: string;
  format: 'openslo';
  entityRef?: string;
  profile?: OpsProfile;
  issues: OpsIssue[];
  scorecards?: ScorecardResult[];
}

/**
 * An OpenSLO file on its own: its issues, and with `score` (and `rules`)
 * one entity per `spec.service`, named after it, holding that service's SLOs.
 */
export function examineOpenSlo(
  file: string,
  text: string,
  now: number,
  score: boolean,
): OpenSloTarget[] {
  const imported = importOpenSlo(text, { source: file });
  if (!score || imported.slos.length === 0)
    return [{ file, format: 'openslo', issues: imported.issues }];
  const byService = new Map<string, Slo[]>();
  for (const { slo, service } of imported.slos) {
    const name = service ?? 'service';
    byService.set(name, [...(byService.get(name) ?? []), slo]);
  }
  return [...byService].map(([service, slos], i) => {
    const { profile } = buildOpsProfile(
      { kind: 'Component', metadata: { name: service } },
      { now },
    );
    const withSlos: OpsProfile = {
      ...profile,
      slos,
      sources: { ...profile.sources, slos: 'annotation' },
    };
    return {
      file,
      format: 'openslo' as const,
      entityRef: withSlos.entityRef,
      profile: withSlos,
      // The file's issues once, with its first service.
      issues: i === 0 ? imported.issues : [],
      scorecards: evaluateScorecards(withSlos, { now }),
    };
  });
}

/** Joins a relative path to the directory of another relative path. */
function besides(file: string, relative: string): string | undefined {
  const dir = file.includes('/') ? file.slice(0, file.lastIndexOf('/')) : '';
  return containedPath(dir ? `${dir}/${relative}` : relative);
}

/** The annotations that carry one OpenSLO file, read with `read`, as the catalog module writes them. */
export function openSloFileAnnotations(
  path: string,
  read: (path: string) => string,
): Record<string, string> {
  try {
    const text = read(path);
    if (text.length > MAX_YAML_LENGTH)
      return {
        [OPS_OPENSLO_ERROR_ANNOTATION]: `the OpenSLO file ${path} is ${text.length} characters long; the limit is ${MAX_YAML_LENGTH}`,
      };
    return { [OPS_OPENSLO_ANNOTATION]: text };
  } catch (error) {
    return {
      [OPS_OPENSLO_ERROR_ANNOTATION]: `could not read the OpenSLO file ${path}: ${
        (error as Error).message
      }`,
    };
  }
}

/**
 * An entity read from disk with its OpenSLO: the file `opskit.io/openslo-ref`
 * names, else the one its descriptor's `slos: {openslo: …}` names (relative
 * to the descriptor, which `descriptorPath` locates). `dir:` and `url:`
 * refs are left to the catalog.
 */
export function withLocalOpenSlo(
  entity: OpsEntityLike,
  read: (relativePath: string) => string,
  descriptorPath?: string,
): OpsEntityLike {
  const annotations = entity.metadata?.annotations;
  if (!annotations || annotations[OPS_OPENSLO_ANNOTATION] !== undefined)
    return entity;
  let extra: Record<string, string> = {};
  if (annotations[OPS_OPENSLO_REF_ANNOTATION] !== undefined) {
    const ref = parseOpsRef(annotations[OPS_OPENSLO_REF_ANNOTATION]);
    if (ref.type === 'invalid')
      extra = {
        [OPS_OPENSLO_ERROR_ANNOTATION]: `${OPS_OPENSLO_REF_ANNOTATION} ${ref.message}`,
      };
    else if (
      ref.type === 'path' &&
      !String(annotations[OPS_OPENSLO_REF_ANNOTATION]).startsWith('dir:')
    )
      extra = openSloFileAnnotations(ref.path, read);
  } else if (
    typeof annotations[OPS_DESCRIPTOR_ANNOTATION] === 'string' &&
    descriptorPath
  ) {
    const { openslo } = parseOpsDescriptor(
      annotations[OPS_DESCRIPTOR_ANNOTATION],
    );
    const path = openslo ? besides(descriptorPath, openslo) : undefined;
    if (openslo && !path)
      extra = {
        [OPS_OPENSLO_ERROR_ANNOTATION]: `slos.openslo "${openslo}" points outside the entity's directory; use a path below it`,
      };
    else if (path) extra = openSloFileAnnotations(path, read);
  }
  if (Object.keys(extra).length === 0) return entity;
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations: { ...annotations, ...extra } },
  };
}
