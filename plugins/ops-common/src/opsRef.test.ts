import { containedPath, parseOpsRef, withLocalDescriptor } from './opsRef';

describe('parseOpsRef', () => {
  it.each([
    ['dir:.', 'ops.yaml'],
    ['dir:./ops', 'ops/ops.yaml'],
    ['dir:ops/', 'ops/ops.yaml'],
    ['./ops/service.yaml', 'ops/service.yaml'],
    ['a/../b.yaml', 'b.yaml'],
  ])('%s → %s', (ref, path) =>
    expect(parseOpsRef(ref)).toEqual({ type: 'path', path }),
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
