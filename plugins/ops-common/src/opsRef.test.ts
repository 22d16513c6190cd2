import { containedPath, parseOpsRef, withLocalDescriptor } from './opsRef';
import { buildOpsProfile } from './profile';

describe('parseOpsRef', () => {
  it.each([
    ['./ops/service.yaml', 'ops/service.yaml'],
    ['a/../b.yaml', 'b.yaml'],
    ['./docs/runbook.md', 'docs/runbook.md'],
  ])('%s → %s', (ref, path) =>
    expect(parseOpsRef(ref)).toEqual({ type: 'path', path }),
  );

  it.each([
    ['dir:.', 'ops.yaml', 'runbook.md'],
    ['dir:./ops', 'ops/ops.yaml', 'ops/runbook.md'],
    ['dir:ops/', 'ops/ops.yaml', 'ops/runbook.md'],
  ])('%s → %s, else %s', (ref, path, fallback) =>
    expect(parseOpsRef(ref)).toEqual({ type: 'path', path, fallback }),
  );

  it('reads url: refs', () => {
    expect(parseOpsRef('url:https://git.example.com/x/ops.yaml')).toEqual({
      type: 'url',
      url: 'https://git.example.com/x/ops.yaml',
    });
    expect(parseOpsRef('url:javascript:alert(1)').type).toBe('invalid');
  });

  it.each([
    'dir:..',
    '../secrets.yaml',
    '/etc/passwd',
    'dir:../../x',
    'C:\\x',
    'git:foo',
    '',
  ])('refuses %j', ref => {
    expect(parseOpsRef(ref).type).toBe('invalid');
  });

  it('contains paths', () => {
    expect(containedPath('a/b/../../..')).toBeUndefined();
    expect(containedPath('a/./b')).toBe('a/b');
  });
});

describe('withLocalDescriptor', () => {
  const entity = (ref?: string, extra: Record<string, string> = {}) => ({
    kind: 'Component',
    metadata: {
      name: 'svc',
      annotations: {
        ...(ref === undefined ? {} : { 'opskit.io/ops-ref': ref }),
        ...extra,
      },
    },
  });

  it('reads dir:. through the given reader into the descriptor annotation', () => {
    const read = jest.fn(() => 'kind: OpsDescriptor');
    const out = withLocalDescriptor(entity('dir:./ops'), read);
    expect(read).toHaveBeenCalledWith('ops/ops.yaml');
    // Clean YAML arrives as JSON, as the catalog module stores it.
    expect(out.metadata?.annotations?.['opskit.io/descriptor']).toBe(
      '{"kind":"OpsDescriptor"}',
    );
    const broken = withLocalDescriptor(
      entity('dir:.'),
      () => 'kind: [unclosed',
    );
    expect(broken.metadata?.annotations?.['opskit.io/descriptor']).toBe(
      'kind: [unclosed',
    );
  });

  it('reports an invalid ref or an unreadable file as a descriptor error, and leaves the rest alone', () => {
    expect(
      withLocalDescriptor(entity('../x.yaml'), () => '').metadata
        ?.annotations?.['opskit.io/descriptor-error'],
    ).toMatch(/outside/);
    const missing = withLocalDescriptor(entity('dir:.'), () => {
      throw new Error('ENOENT');
    });
    expect(missing.metadata?.annotations?.['opskit.io/descriptor-error']).toBe(
      'could not read ops.yaml: ENOENT',
    );
    const plain = entity();
    expect(withLocalDescriptor(plain, () => '')).toBe(plain);
    const url = entity('url:https://git.example.com/ops.yaml');
    expect(withLocalDescriptor(url, () => '')).toBe(url);
    const inline = entity('dir:.', { 'opskit.io/descriptor': 'tier: tier-1' });
    expect(withLocalDescriptor(inline, () => 'other')).toBe(inline);
  });
});

describe('a Markdown runbook as the ops source', () => {
  const runbook = [
    '## Environments',
    '',
    '| Environment | Purpose | URL |',
    '|---|---|---|',
    '| Production | Live | [production URL] |',
    '',
    '## Metrics',
    '',
    '| Metric | Target | Alert Threshold |',
    '|---|---|---|',
    '| Response time | < 200ms | < 100ms |',
    '',
  ].join('\n');
  const entity = (ref: string) => ({
    kind: 'Component',
    metadata: { name: 'svc', annotations: { 'opskit.io/ops-ref': ref } },
    spec: { type: 'service' },
  });

  it('is found by dir: when the directory has no ops.yaml', () => {
    const files: Record<string, string> = { 'docs/runbook.md': runbook };
    const read = jest.fn((path: string) => {
      if (!(path in files)) throw new Error(`ENOENT ${path}`);
      return files[path];
    });
    const out = withLocalDescriptor(entity('dir:./docs'), read);
    expect(read.mock.calls.map(c => c[0])).toEqual([
      'docs/ops.yaml',
      'docs/runbook.md',
    ]);
    const annotations = out.metadata!.annotations! as Record<string, string>;
    expect(JSON.parse(annotations['opskit.io/descriptor'])).toMatchObject({
      kind: 'OpsDescriptor',
      environments: [{ name: 'production', purpose: 'Live' }],
    });
    expect(JSON.parse(annotations['opskit.io/descriptor-file'])).toMatchObject({
      format: 'runbook',
      path: 'docs/runbook.md',
    });
  });

  it("gives a profile whose issues point at the runbook's lines", () => {
    const out = withLocalDescriptor(entity('./docs/runbook.md'), () => runbook);
    const { profile, issues } = buildOpsProfile(out);
    expect(profile.descriptorFile).toEqual({
      format: 'runbook',
      path: 'docs/runbook.md',
    });
    expect(profile.sources.slos).toBe('descriptor');
    // The import's own finding, and a rule's, both on their line.
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'environments[0].url',
        message:
          '"[production URL]" is still the template\'s placeholder: fill it in',
        source: 'docs/runbook.md:5',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'slos[0].alert',
        severity: 'error',
        source: 'docs/runbook.md:11',
      }),
    );
  });
});
