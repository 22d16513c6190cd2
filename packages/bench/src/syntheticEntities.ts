import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { canonicalDescriptorText, readYaml } from '@opskit/plugin-ops-common';

const EXAMPLES = resolve(__dirname, '../../../examples');
const read = (f: string) => readFileSync(resolve(EXAMPLES, f), 'utf8');

/**
 * N catalog entities shaped like the examples (compliant, annotation-only,
 * partial, broken), each with its own name, owner and tier. Descriptors are
 * inlined as the catalog module does: the payments-api ones name their
 * service throughout, so each is its own text, while the other templates'
 * repeat (a template's services share their runbook, as scaffolded ones
 * do). `salt` makes the names and the payments-api texts another set's, so a
 * benchmark pass does not read texts an earlier one has seen.
 */
export function syntheticEntities(count: number, salt = ''): any[] {
  const templates = [
    {
      file: 'payments-api/catalog-info.yaml',
      descriptor: read('payments-api/ops.yaml'),
    },
    { file: 'inventory-service/catalog-info.yaml' },
    {
      file: 'notifications-worker/catalog-info.yaml',
      descriptor: read('notifications-worker/ops.yaml'),
    },
    {
      file: 'legacy-billing/catalog-info.yaml',
      descriptor: read('legacy-billing/ops.yaml'),
    },
  ].map(t => ({ ...t, entity: readYaml(read(t.file), t.file).value as any }));
  const tiers = ['tier-1', 'tier-2', 'tier-3', 'tier-4'];
  const out = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length];
    const annotations: Record<string, string> = {
      ...t.entity.metadata.annotations,
    };
    if (t.descriptor) {
      // As the catalog module delivers it: clean YAML stored as JSON, broken YAML as written.
      annotations['opskit.io/descriptor'] = canonicalDescriptorText(
        t.descriptor
          .replace(/tier: tier-\d/, `tier: ${tiers[i % 4]}`)
          .replace(/payments/g, `svc${salt}${i}`),
      );
    }
    out.push({
      ...t.entity,
      metadata: {
        ...t.entity.metadata,
        name: `${t.entity.metadata.name}-${salt}${i}`,
        annotations,
      },
      spec: { ...t.entity.spec, owner: `group:team-${i % 50}` },
    });
  }
  return out;
}
