import { createMockDirectory } from '@backstage/backend-test-utils';
import {
  buildOpsProfile,
  readYamlDocuments,
  withLocalDescriptor,
} from '@opskit/plugin-ops-common';
import {
  actionContext,
  CATALOG_INFO,
  config,
  NOW,
  readExample,
} from '../__testUtils__/context';
import { createOpsDescriptorAction } from './descriptorCreate';

describe('ops:descriptor:create', () => {
  const dir = createMockDirectory();
  const action = createOpsDescriptorAction({
    config: config(),
    now: () => NOW,
  });
  beforeEach(() => dir.setContent({ 'catalog-info.yaml': CATALOG_INFO }));

  it('writes ops.yaml from the tier defaults and points catalog-info.yaml at it, keeping the rest intact', async () => {
    const { ctx, outputs } = actionContext(dir.path, {
      tier: 'tier-2',
      onCallGroup: 'group:orders-oncall',
      environments: [{ name: 'production', url: 'https://orders.example.com' }],
      version: '0.1.0',
    });
    await action.handler(ctx as any);
    expect(outputs).toMatchObject({
      path: 'ops.yaml',
      catalogInfoPath: 'catalog-info.yaml',
      opsRef: 'dir:.',
    });

    const catalogInfo = dir.content()!['catalog-info.yaml'] as string;
    // Comments, the other document and every other key are as they were; only two annotations were added.
    expect(
      catalogInfo.replace(
        '    opskit.io/ops-ref: dir:.\n    opskit.io/tier: tier-2\n',
        '',
      ),
    ).toBe(CATALOG_INFO);
    // The catalog reads the pair back as a tier-2 profile with the answers and the defaults.
    const entity = readYamlDocuments(catalogInfo, 'catalog-info.yaml')[0]
      .value as any;
    const resolved = withLocalDescriptor(
      entity,
      path => dir.content()![path] as string,
    );
    const { profile, issues } = buildOpsProfile(resolved, { now: NOW });
    expect(issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(profile.tier).toBe('tier-2');
    expect(profile.environments).toEqual([
      { name: 'production', url: 'https://orders.example.com' },
    ]);
    expect(profile.escalation?.[0].targets).toEqual(['group:orders-oncall']);
    expect(profile.slos?.length).toBeGreaterThan(0);
    expect(profile.versionHistory?.[0]).toMatchObject({
      version: '0.1.0',
      date: '2026-11-27',
    });
  });

  it("starts from the team's existing runbook (runbookPath): its chapters replace the defaults, the inputs still win", async () => {
    dir.addContent({
      'docs/runbook.md': readExample('checkout-service/docs/runbook.md'),
    });
    const { ctx } = actionContext(dir.path, {
      tier: 'tier-1',
      runbookPath: 'docs/runbook.md',
      environments: [{ name: 'production', url: 'https://orders.example.com' }],
    });
    await action.handler(ctx as any);
    const written = dir.content()!['ops.yaml'] as string;
    expect(written.split('\n')[0]).toBe(
      "# Operations descriptor, written from docs/runbook.md and the organisation's tier-1 defaults.",
    );
    const resolved = withLocalDescriptor(
      readYamlDocuments(dir.content()!['catalog-info.yaml'] as string, 'c')[0]
        .value as any,
      path => dir.content()![path] as string,
    );
    const { profile, issues } = buildOpsProfile(resolved, { now: NOW });
    expect(issues.filter(i => i.severity === 'error')).toEqual([]);
    // From the runbook:
    expect(profile.slos?.map(slo => slo.name)).toEqual([
      'Response time',
      'Error rate',
      'Uptime',
    ]);
    expect(profile.severities?.[0]).toEqual({
      id: 'P1',
      description: 'Nobody can check out',
      responseTime: '15m',
    });
    expect(profile.escalation?.[0].targets).toEqual(['group:payments-oncall']);
    expect(profile.recovery?.lastTested).toBe('2026-10-20');
    expect(profile.notes?.map(note => note.title)).toContain(
      'Feature Flag Inventory',
    );
    // From the inputs, over the runbook's environments:
    expect(profile.environments).toEqual([
      { name: 'production', url: 'https://orders.example.com' },
    ]);
  });

  it('names the input when a path is a directory or a runbook is missing, and writes nothing', async () => {
    for (const [input, message] of [
      [{ path: '.' }, 'path "." could not be read (it is a directory)'],
      [
        { runbookPath: 'docs/none.md' },
        'runbookPath "docs/none.md" does not exist in the workspace',
      ],
    ] as const) {
      const { ctx } = actionContext(dir.path, { tier: 'tier-3', ...input });
      await expect(action.handler(ctx as any)).rejects.toThrow(message);
    }
    expect(Object.keys(dir.content()!)).toEqual(['catalog-info.yaml']);
  });

  it('refuses paths that leave the workspace, and writes nothing', async () => {
    for (const input of [
      { path: '../escape.yaml' },
      { catalogInfoPath: '../../etc/catalog-info.yaml' },
      { path: '/tmp/abs.yaml' },
    ]) {
      const { ctx } = actionContext(dir.path, { tier: 'tier-3', ...input });
      // The message names the input once, not wrapped in a read error.
      const [[name, path]] = Object.entries(input);
      const error = await action.handler(ctx as any).catch(e => e);
      expect(error.message).toBe(
        `${name} "${path}" is outside the workspace; give a path inside it, such as "catalog-info.yaml"`,
      );
    }
    expect(Object.keys(dir.content()!)).toEqual(['catalog-info.yaml']);
  });

  it('holds group and user refs to the catalog rules, and writes nothing otherwise', async () => {
    for (const [input, message] of [
      [
        { onCallGroup: 'group:../../etc' },
        'onCallGroup "group:../../etc" is not a group ref: ".." is not a valid namespace',
      ],
      [
        { onCallGroup: 'component:payments-api' },
        'onCallGroup "component:payments-api" is not a group ref: is a component; expected group',
      ],
      [
        { onCallGroup: 'group:default/' },
        'onCallGroup "group:default/" is not a group ref',
      ],
      [
        { escalation: ['group:payments-leads', 'user:default/a b'] },
        'escalation[1] "user:default/a b" is not a group or user ref: "a b" is not a valid entity name',
      ],
    ] as const) {
      const { ctx } = actionContext(dir.path, { tier: 'tier-3', ...input });
      const error = await action.handler(ctx as any).catch(e => e);
      expect(error.name).toBe('InputError');
      expect(error.message).toContain(message);
    }
    expect(Object.keys(dir.content()!)).toEqual(['catalog-info.yaml']);
    // Bare names and full refs are refs.
    const { ctx } = actionContext(dir.path, {
      tier: 'tier-3',
      onCallGroup: 'payments-oncall',
      escalation: ['user:default/jane.doe'],
    });
    await action.handler(ctx as any);
    expect(dir.content()!['ops.yaml']).toContain('payments-oncall');
  });

  it('fails with the validation messages when the answers make an invalid descriptor', async () => {
    const { ctx } = actionContext(dir.path, {
      tier: 'tier-1',
      environments: [{ name: 'Prod Env', url: 'ftp://x' }],
      slos: [{ name: 'Uptime', objective: '>= 180%' }],
    });
    const error = await action.handler(ctx as any).catch(e => e);
    expect(error.name).toBe('InputError');
    expect(error.message).toMatch(
      /environments\[0\]\.name: must be a DNS label/,
    );
    expect(error.message).toMatch(/slos\[2\]\.objective\.value/);
    expect(Object.keys(dir.content()!)).toEqual(['catalog-info.yaml']);
    expect(dir.content()!['catalog-info.yaml']).toBe(CATALOG_INFO);
  });

  it('refuses to start a service from invalid org defaults', async () => {
    const broken = createOpsDescriptorAction({
      config: config({
        defaults: { checklist: [{ id: 'Not A Slug', title: '' }] },
      }),
      now: () => NOW,
    });
    const { ctx } = actionContext(dir.path, { tier: 'tier-2' });
    await expect(broken.handler(ctx as any)).rejects.toThrow(
      /ops\.defaults in app-config is invalid, so no ops\.yaml was written:\n- ops\.defaults\.checklist\[0\]/,
    );
    expect(Object.keys(dir.content()!)).toEqual(['catalog-info.yaml']);
  });

  it("uses the organisation's defaults from config", async () => {
    const custom = createOpsDescriptorAction({
      config: config({
        defaults: {
          checklist: [{ id: 'security-review', title: 'Security review' }],
        },
      }),
      now: () => NOW,
    });
    const { ctx } = actionContext(dir.path, { tier: 'tier-4' });
    await custom.handler(ctx as any);
    expect(dir.content()!['ops.yaml']).toContain('id: security-review');
  });

  it('does not overwrite an existing descriptor unless asked', async () => {
    dir.addContent({ 'ops.yaml': 'kept' });
    const { ctx } = actionContext(dir.path, { tier: 'tier-2' });
    await expect(action.handler(ctx as any)).rejects.toThrow(
      /already exists; set overwrite: true/,
    );
    expect(dir.content()!['ops.yaml']).toBe('kept');
    const again = actionContext(dir.path, { tier: 'tier-2', overwrite: true });
    await action.handler(again.ctx as any);
    expect(dir.content()!['ops.yaml']).toContain('apiVersion: opskit.io/v1');
  });

  it('references a descriptor in a subfolder, and refuses one outside the entity folder', async () => {
    dir.setContent({ 'service/catalog-info.yaml': CATALOG_INFO });
    const { ctx, outputs } = actionContext(dir.path, {
      tier: 'tier-2',
      catalogInfoPath: 'service/catalog-info.yaml',
      path: 'service/ops/ops.yaml',
    });
    await action.handler(ctx as any);
    expect(outputs.opsRef).toBe('dir:./ops');
    const outside = actionContext(dir.path, {
      tier: 'tier-2',
      catalogInfoPath: 'service/catalog-info.yaml',
      path: 'ops.yaml',
    });
    await expect(action.handler(outside.ctx as any)).rejects.toThrow(
      /must sit in or below the folder/,
    );
  });

  it('explains a missing or broken catalog-info.yaml', async () => {
    dir.setContent({});
    await expect(
      action.handler(actionContext(dir.path, { tier: 'tier-2' }).ctx as any),
    ).rejects.toThrow(/does not exist in the workspace/);
    dir.setContent({ 'catalog-info.yaml': 'kind: [unclosed' });
    await expect(
      action.handler(actionContext(dir.path, { tier: 'tier-2' }).ctx as any),
    ).rejects.toThrow(/catalog-info\.yaml is not valid YAML/);
  });
});
