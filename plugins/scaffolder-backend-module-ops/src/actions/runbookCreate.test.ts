import { createMockDirectory } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { readYaml, withLocalDescriptor } from '@opskit/plugin-ops-common';
import {
  actionContext,
  CATALOG_INFO,
  config,
  readExample,
} from '../__testUtils__/context';
import { createOpsRunbookAction } from './runbookCreate';

const payments = () => ({
  'catalog-info.yaml': readExample('payments-api/catalog-info.yaml'),
  'ops.yaml': readExample('payments-api/ops.yaml'),
});

describe('ops:runbook:create', () => {
  const dir = createMockDirectory();
  const catalog = catalogServiceMock({ entities: [] });
  const action = createOpsRunbookAction({ config: config(), catalog });

  it("renders the workspace service's runbook, lists it in a new mkdocs.yml and sets the techdocs-ref", async () => {
    dir.setContent({
      'catalog-info.yaml': CATALOG_INFO.replace(
        '    github.com/project-slug: acme/orders-api\n',
        '    opskit.io/ops-ref: dir:.\n',
      ),
      'ops.yaml': readExample('payments-api/ops.yaml'),
    });
    const { ctx, outputs } = actionContext(dir.path, {});
    await action.handler(ctx as any);
    expect(outputs).toMatchObject({
      path: 'docs/runbook.md',
      mkdocsPath: 'mkdocs.yml',
      todos: 0,
    });
    const files = dir.content() as any;
    expect(files.docs['runbook.md']).toMatch(
      /^# orders-api — operations runbook/,
    );
    for (const chapter of [
      'Environments',
      'Deployment',
      'Service level objectives',
      'Monitoring',
      'Logging',
      'Incidents',
      'Backups',
      'Recovery',
      'Version history',
    ]) {
      expect(files.docs['runbook.md']).toContain(`## ${chapter}\n`);
    }
    expect(readYaml(files['mkdocs.yml'], 'mkdocs.yml').value).toEqual({
      site_name: 'orders-api',
      nav: [{ Runbook: 'runbook.md' }],
    });
    expect(files['catalog-info.yaml']).toContain(
      'backstage.io/techdocs-ref: dir:.',
    );
    expect(files['catalog-info.yaml']).toContain(
      "# The service's catalog entry. Comments like this one must survive.",
    );
  });

  it('marks the chapters a new service has not described as TODO', async () => {
    dir.setContent({ 'catalog-info.yaml': CATALOG_INFO });
    const { ctx, outputs } = actionContext(dir.path, {});
    await action.handler(ctx as any);
    const text = (dir.content() as any).docs['runbook.md'];
    // Logging, severities and the checklist come from the org defaults; the rest is TODO.
    expect(outputs.todos).toBe(6);
    expect(text).toContain(
      '## Environments\n\n> **TODO:** List the environments',
    );
    expect(text).toContain('## Logging\n\n- Levels: debug, info, warn, error');
  });

  it('escapes Markdown injection and strips raw HTML from user text', async () => {
    dir.setContent({});
    const { ctx } = actionContext(dir.path, {
      title: 'Evil <b>svc</b>',
      descriptor: {
        apiVersion: 'opskit.io/v1',
        kind: 'OpsDescriptor',
        environments: [
          {
            name: 'production',
            purpose: 'x | y <script>alert(1)</script> [a](javascript:b)',
          },
        ],
        recovery: {
          steps: ['## not a heading', '<img src=x onerror=alert(1)>restore'],
          lastTested: '2026-10-01',
        },
      },
    });
    await action.handler(ctx as any);
    const text = (dir.content() as any).docs['runbook.md'];
    expect(text).not.toMatch(/<script|<img|<b>|onerror/);
    expect(text.split('\n')[0]).toBe('# Evil svc — operations runbook');
    expect(text).toContain(
      '| production | x \\| y alert(1) \\[a\\](javascript:b) |',
    );
    // A table row keeps its 3 columns despite the pipe in the text.
    const row = text
      .split('\n')
      .find((line: string) => line.startsWith('| production'));
    expect(row.split(/(?<!\\)\|/).length).toBe(5);
  });

  it('renders an existing catalog entity by ref with the initiator credentials', async () => {
    const entity = withLocalDescriptor(
      readYaml(readExample('payments-api/catalog-info.yaml'), 'x').value as any,
      p => readExample(`payments-api/${p}`),
    );
    const withEntity = createOpsRunbookAction({
      config: config(),
      catalog: catalogServiceMock({ entities: [entity as any] }),
    });
    dir.setContent({});
    const { ctx } = actionContext(dir.path, {
      entityRef: 'component:default/payments-api',
      updateMkdocs: false,
    });
    await withEntity.handler(ctx as any);
    expect((dir.content() as any).docs['runbook.md']).toContain(
      '| P1 | Payments failing for many customers | 15m |',
    );
    expect(dir.content()!['mkdocs.yml']).toBeUndefined();
    const missing = actionContext(dir.path, {
      entityRef: 'component:default/nope',
    });
    await expect(withEntity.handler(missing.ctx as any)).rejects.toThrow(
      /no such entity in the catalog/,
    );
    const malformed = actionContext(dir.path, {
      entityRef: 'component:../../etc',
    });
    await expect(withEntity.handler(malformed.ctx as any)).rejects.toThrow(
      'entityRef "component:../../etc" is not an entity ref: ".." is not a valid namespace',
    );
  });

  it("adds the page to an existing mkdocs.yml's nav, once, keeping its comments", async () => {
    dir.setContent({
      ...payments(),
      'mkdocs.yml':
        '# docs of the team\nsite_name: Payments\nnav:\n  - Home: index.md\n',
      docs: { 'index.md': '# Home' },
    });
    await action.handler(actionContext(dir.path, {}).ctx as any);
    await action.handler(actionContext(dir.path, {}).ctx as any);
    const mkdocs = dir.content()!['mkdocs.yml'] as string;
    expect(mkdocs.startsWith('# docs of the team\n')).toBe(true);
    expect(readYaml(mkdocs, 'mkdocs.yml').value).toEqual({
      site_name: 'Payments',
      nav: [{ Home: 'index.md' }, { Runbook: 'runbook.md' }],
    });
  });

  it('refuses paths outside the workspace or the docs folder', async () => {
    dir.setContent(payments());
    await expect(
      action.handler(
        actionContext(dir.path, { outputPath: '../runbook.md' }).ctx as any,
      ),
    ).rejects.toThrow(/outputPath "..\/runbook.md" is outside the workspace/);
    await expect(
      action.handler(
        actionContext(dir.path, { mkdocsPath: '/etc/mkdocs.yml' }).ctx as any,
      ),
    ).rejects.toThrow(/mkdocsPath .* is outside the workspace/);
    await expect(
      action.handler(
        actionContext(dir.path, { catalogInfoPath: '../../x.yaml' }).ctx as any,
      ),
    ).rejects.toThrow(/outside the workspace/);
    await expect(
      action.handler(
        actionContext(dir.path, { outputPath: 'RUNBOOK.md' }).ctx as any,
      ),
    ).rejects.toThrow(/outside the docs folder/);
  });

  it('names the input when the filesystem refuses a path (a directory, a file in the way)', async () => {
    for (const [input, message] of [
      [
        { outputPath: 'docs/old' },
        'outputPath "docs/old" could not be written (it is a directory)',
      ],
      [
        { outputPath: 'docs/index.md/runbook.md' },
        'outputPath "docs/index.md/runbook.md" could not be resolved (a part of it is a file, not a directory)',
      ],
      [
        { mkdocsPath: 'docs' },
        'mkdocsPath "docs" could not be read (it is a directory)',
      ],
    ] as const) {
      dir.setContent({
        ...payments(),
        docs: { 'index.md': '# Home', old: {} },
      });
      const error = await action
        .handler(actionContext(dir.path, input).ctx as any)
        .catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toBe(message);
    }
  });

  it("follows the organisation's runbook template from config, and names a broken one", async () => {
    dir.setContent(payments());
    const custom = createOpsRunbookAction({
      config: config({
        scaffolder: {
          runbookTemplate: '# {{ title }}\n\nPage first:\n\n{{ incidents }}\n',
        },
      }),
      catalog,
    });
    await custom.handler(actionContext(dir.path, {}).ctx as any);
    const text = (dir.content() as any).docs['runbook.md'];
    expect(
      text.startsWith(
        '# payments-api — operations runbook\n\nPage first:\n\n## Incidents',
      ),
    ).toBe(true);
    expect(text).not.toContain('## Environments');
    const broken = createOpsRunbookAction({
      config: config({ scaffolder: { runbookTemplate: '{{ sloz }}' } }),
      catalog,
    });
    await expect(
      broken.handler(actionContext(dir.path, {}).ctx as any),
    ).rejects.toThrow(
      /ops\.scaffolder\.runbookTemplate: the runbook template uses unknown placeholder\(s\) \{\{ sloz \}\}/,
    );
  });
});
