import {
  OPS_OPENSLO_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
  OPS_OPENSLO_REF_ANNOTATION,
} from '../annotations';
import type { Slo } from '../descriptor/types';
import type { OpsIssue } from '../validation/issues';
import { importOpenSlo } from './importOpenSlo';

export interface ProfileOpenSlo {
  /** undefined when the entity has no OpenSLO. */
  slos?: Slo[];
  issues: OpsIssue[];
}

const refPath = `metadata.annotations["${OPS_OPENSLO_REF_ANNOTATION}"]`;
const annotationSource = (key: string) => `annotation ${key}`;

/**
 * An entity's OpenSLO SLOs joined to the ones it lists (`inline`, from an
 * annotation or ops.yaml, already validated): a descriptor's
 * `slos: {openslo: …}` is replaced by them, otherwise they follow the
 * listed ones. A name both have is kept from the list, with a warning.
 * Their issues name the OpenSLO documents, never `slos[i]`.
 */
export function profileOpenSlo(input: {
  annotations: Record<string, unknown>;
  /** The descriptor's `slos: {openslo: …}` path, when it has one. */
  descriptorRef?: string;
  descriptorSource: string;
  inline?: Slo[];
  /** The entity's name, compared with each SLO's `spec.service`. */
  entityName?: string;
}): ProfileOpenSlo {
  const { annotations, descriptorRef } = input;
  const issues: OpsIssue[] = [];
  const text = annotations[OPS_OPENSLO_ANNOTATION];
  const error = annotations[OPS_OPENSLO_ERROR_ANNOTATION];
  const hasRef = annotations[OPS_OPENSLO_REF_ANNOTATION] !== undefined;
  const where = hasRef
    ? { path: refPath, source: annotationSource(OPS_OPENSLO_REF_ANNOTATION) }
    : { path: 'slos.openslo', source: input.descriptorSource };
  if (typeof error === 'string' && error)
    issues.push({ ...where, severity: 'error', message: error });
  if (typeof text !== 'string') {
    if (!error && (hasRef || descriptorRef))
      issues.push({
        ...where,
        severity: 'warning',
        message: `${
          hasRef ? 'the OpenSLO files it names have' : `${descriptorRef} has`
        } not been read, so the entity has no SLOs from it; install @opskit/plugin-catalog-backend-module-ops in the catalog (the opskit CLI reads it from disk)`,
      });
    return { ...(descriptorRef ? { slos: input.inline } : {}), issues };
  }
  const imported = importOpenSlo(text, {
    source: annotationSource(OPS_OPENSLO_ANNOTATION),
    service: input.entityName,
  });
  issues.push(...imported.issues);
  const slos = [...(input.inline ?? [])];
  const listed = new Set(slos.map(s => s.name));
  for (const { slo, document } of imported.slos) {
    if (listed.has(slo.name)) {
      issues.push({
        path: `${document}: metadata.name`,
        severity: 'warning',
        message: `"${slo.name}" is also an SLO the entity lists (opskit.io/slos or ops.yaml); that one is kept and this one is ignored: rename one of them`,
        source: annotationSource(OPS_OPENSLO_ANNOTATION),
      });
      continue;
    }
    listed.add(slo.name);
    slos.push(slo);
  }
  return { slos, issues };
}
