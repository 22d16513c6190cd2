import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load as parse } from 'js-yaml';
import {
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  type OpsEntityLike,
} from '../annotations';
import { withLocalDescriptor } from '../opsRef';

/** The repository's examples/ folder: the fixtures of these tests are the examples users see. */
export const EXAMPLES = resolve(__dirname, '../../../../examples');

export function readExample(relative: string): string {
  return readFileSync(resolve(EXAMPLES, relative), 'utf8');
}

/** An example entity with its ops-ref resolved, as the catalog module will deliver it. */
export function exampleEntity(service: string): OpsEntityLike {
  const entity = withLocalDescriptor(
    parse(readExample(`${service}/catalog-info.yaml`)) as OpsEntityLike,
    path => readExample(`${service}/${path}`),
  );
  const error = entity.metadata?.annotations?.[OPS_DESCRIPTOR_ERROR_ANNOTATION];
  if (error) throw new Error(`example ${service}: ${error}`);
  return entity;
}

/** 2026-11-27, the day these fixtures were written: rules about "the future" compare with it. */
export const NOW = Date.parse('2026-11-27T12:00:00Z');
