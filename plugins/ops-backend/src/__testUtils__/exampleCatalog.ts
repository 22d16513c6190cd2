import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import {
  readYamlDocuments,
  withLocalDescriptor,
} from '@opskit/plugin-ops-common';

const EXAMPLES = resolve(__dirname, '../../../../examples');
const FILES = [
  'org.yaml',
  'system.yaml',
  'payments-api/catalog-info.yaml',
  'inventory-service/catalog-info.yaml',
  'notifications-worker/catalog-info.yaml',
  'legacy-billing/catalog-info.yaml',
];

/**
 * The repository's examples as the catalog serves them once the ops catalog
 * module has run: `opskit.io/ops-ref` resolved into `opskit.io/descriptor`.
 */
export function exampleCatalog(): Entity[] {
  const entities: Entity[] = [];
  for (const file of FILES) {
    const path = resolve(EXAMPLES, file);
    for (const doc of readYamlDocuments(readFileSync(path, 'utf8'), file)) {
      if (doc.issues.some(i => i.severity === 'error'))
        throw new Error(
          `${file}: ${doc.issues.map(i => i.message).join('; ')}`,
        );
      if (!doc.value) continue;
      const entity = withLocalDescriptor(doc.value as Entity, relative =>
        readFileSync(resolve(dirname(path), relative), 'utf8'),
      ) as Entity;
      entities.push({
        ...entity,
        metadata: {
          ...entity.metadata,
          namespace: entity.metadata.namespace ?? 'default',
        },
      });
    }
  }
  return entities;
}
