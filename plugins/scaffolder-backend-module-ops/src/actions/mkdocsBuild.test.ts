import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { actionContext, config, readExample } from '../__testUtils__/context';
import { createOpsRunbookAction } from './runbookCreate';

jest.setTimeout(60_000);

/**
 * The generated docs build with a real `mkdocs build --strict` (Debian's
 * mkdocs, installed by `scripts/ensure-tool.sh mkdocs`, which ./run test calls).
 * Strict mode turns every warning (a broken nav entry, a missing page) into a failure.
 */
describe('generated runbook docs', () => {
  const dir = createMockDirectory();
  const action = createOpsRunbookAction({
    config: config(),
    catalog: catalogServiceMock({ entities: [] }),
  });

  // inventory-service keeps its ops data in annotations only: no ops.yaml.
  it.each([
    ['payments-api', true],
    ['notifications-worker', true],
    ['legacy-billing', true],
    ['inventory-service', false],
  ])('build with mkdocs --strict for %s', async (service, hasOpsYaml) => {
    dir.setContent({
      'catalog-info.yaml': readExample(`${service}/catalog-info.yaml`),
      ...(hasOpsYaml ? { 'ops.yaml': readExample(`${service}/ops.yaml`) } : {}),
    });
    await action.handler(actionContext(dir.path, {}).ctx as any);
    const output = execFileSync(
      'mkdocs',
      ['build', '--strict', '--site-dir', 'site'],
      { cwd: dir.path, encoding: 'utf8', stdio: 'pipe' },
    );
    expect(output).not.toMatch(/WARNING/);
    const html = readFileSync(
      join(dir.path, 'site/runbook/index.html'),
      'utf8',
    );
    expect(html).toContain(`${service} — operations runbook`);
    expect(html).toMatch(/<h2 id="[^"]*">Incidents<\/h2>/);
    expect(html).not.toMatch(/<script>alert/);
  });
});
