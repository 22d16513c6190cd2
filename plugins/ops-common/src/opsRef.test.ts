import { containedPath, parseOpsRef } from './opsRef';

describe('parseOpsRef', () => {
  it.each([
    ['dir:.', 'ops.yaml'],
    ['dir:./ops', 'ops/ops.yaml'],
    ['dir:ops/', 'ops/ops.yaml'],
    ['./ops/service.yaml', 'ops/service.yaml'],
    ['a/../b.yaml', 'b.yaml'],
  ])('%s → %s', (ref, path) => expect(parseOpsRef(ref)).toEqual({ type: 'path', path }));

  it('reads url: refs', () => {
    expect(parseOpsRef('url:https://git.example.com/x/ops.yaml')).toEqual({ type: 'url', url: 'https://git.example.com/x/ops.yaml' });
    expect(parseOpsRef('url:javascript:alert(1)').type).toBe('invalid');
  });

  it.each(['dir:..', '../secrets.yaml', '/etc/passwd', 'dir:../../x', 'C:\\x', 'git:foo', ''])('refuses %j', ref => {
    expect(parseOpsRef(ref).type).toBe('invalid');
  });

  it('contains paths', () => {
    expect(containedPath('a/b/../../..')).toBeUndefined();
    expect(containedPath('a/./b')).toBe('a/b');
  });
});
