import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load as parse } from 'js-yaml';
import { OPS_DESCRIPTOR_ANNOTATION, OPS_REF_ANNOTATION, type OpsEntityLike } from '../annotations';
import { parseOpsRef } from '../opsRef';

/** The repository's examples/ folder: the fixtures of these tests are the examples users see. */
export const EXAMPLES = resolve(__dirname, '../../../../examples');

export function readExample(relative: string): string {
  return readFileSync(resolve(EXAMPLES, relative), 'utf8');
}

/** An example entity with its ops-ref resolved, as the catalog module will deliver it. */
export function exampleEntity(service: string): OpsEntityLike {
  const entity = parse(readExample(`${service}/catalog-info.yaml`)) as OpsEntityLike;
  const annotations = entity.metadata!.annotations!;
  const ref = annotations[OPS_REF_ANNOTATION];
  if (ref !== undefined) {
    const parsed = parseOpsRef(ref);
    if (parsed.type !== 'path') throw new Error(`example ${service} has a non-path ops-ref`);
    annotations[OPS_DESCRIPTOR_ANNOTATION] = readExample(`${service}/${parsed.path}`);
  }
  return entity;
}

/** 2026-11-27, the day these fixtures were written: rules about "the future" compare with it. */
export const NOW = Date.parse('2026-11-27T12:00:00Z');
