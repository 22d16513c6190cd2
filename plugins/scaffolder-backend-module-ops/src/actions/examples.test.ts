import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readYaml } from '@opskit/plugin-ops-common';
import {
  actionContext,
  CATALOG_INFO,
  config,
  NOW,
} from '../__testUtils__/context';
import { createOpsDescriptorAction } from './descriptorCreate';
import { examples as descriptorExamples } from './descriptorCreate.examples';
import { createOpsRunbookAction } from './runbookCreate';
import { examples as runbookExamples } from './runbookCreate.examples';

/** Every documented example runs as written: the docs cannot drift from the actions. */
describe('action examples', () => {
  const dir = createMockDirectory();
  const descriptor = createOpsDescriptorAction({
    config: config(),
    now: () => NOW,
  });
  const runbook = createOpsRunbookAction({
    config: config(),
    catalog: catalogServiceMock({ entities: [] }),
  });
  const cases = [
    ...descriptorExamples.map(example => ({ example, action: descriptor })),
    ...runbookExamples.map(example => ({ example, action: runbook })),
  ];

  it.each(cases.map(c => [c.example.description, c] as const))(
    '%s',
    async (_, { example, action }) => {
      // Each example starts from a freshly scaffolded service: a catalog-info.yaml and, for runbooks, its ops.yaml.
      dir.setContent({ 'catalog-info.yaml': CATALOG_INFO });
      if (action === runbook)
        await descriptor.handler(
          actionContext(dir.path, { tier: 'tier-2' }).ctx as any,
        );
      const steps = (readYaml(example.example, 'example').value as any).steps;
      for (const step of steps) {
        expect(step.action).toBe(action.id);
        const { ctx, outputs } = actionContext(dir.path, step.input ?? {});
        await action.handler(ctx as any);
        // The file it names is written, and is what that action writes.
        const written = readFileSync(
          join(dir.path, outputs.path as string),
          'utf8',
        );
        expect(written).toMatch(
          action === runbook
            ? /^# .+ — operations runbook/
            : /^apiVersion: opskit\.io\/v1\nkind: OpsDescriptor\n/m,
        );
      }
    },
  );
});
