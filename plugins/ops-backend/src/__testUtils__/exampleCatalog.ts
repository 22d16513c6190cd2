import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { OPS_DESCRIPTOR_ANNOTATION, OPS_REF_ANNOTATION, parseOpsRef } from '@opskit/plugin-ops-common';
import { loadAll } from 'js-yaml';

const EXAMPLES = resolve(__dirname, '../../../../examples');
const FILES = ['org.yaml', 'system.yaml', 'payments-api/catalog-info.yaml', 'inventory-service/catalog-info.yaml', 'notifications-worker/catalog-info.yaml', 'legacy-billing/catalog-info.yaml'];

/**
 * The repository's examples as the catalog serves them once the ops catalog
 * module has run: `opskit.io/ops-ref` resolved into `opskit.io/descriptor`.
 */
export function exampleCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (const file of FILES) {
    const path = resolve(EXAMPLES, file);
    for (const doc of loadAll(readFileSync(path, 'utf8')) as Entity[]) {
      if (!doc) continue;
      const annotations = { ...doc.metadata.annotations };
      const ref = parseOpsRef(annotations[OPS_REF_ANNOTATION] ?? '');
      if (annotations[OPS_REF_ANNOTATION] && ref.type === 'path') {
        annotations[OPS_DESCRIPTOR_ANNOTATION] = readFileSync(resolve(dirname(path), ref.path), 'utf8');
      }
      entities.push({ ...doc, metadata: { ...doc.metadata, namespace: doc.metadata.namespace ?? 'default', annotations } });
    }
  }
  return entities;
}
