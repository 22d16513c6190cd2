import { canonicalDescriptorText, readYaml } from './yaml';
import { readExample } from '../__testUtils__/examples';

describe('descriptor text', () => {
  it('stores clean YAML as JSON that reads back to the same value', () => {
    for (const service of [
      'payments-api',
      'notifications-worker',
      'legacy-billing',
    ]) {
      const yaml = readExample(`${service}/ops.yaml`);
      const stored = canonicalDescriptorText(yaml);
      expect(stored.startsWith('{')).toBe(true);
      expect(readYaml(stored, 'ops.yaml')).toEqual(readYaml(yaml, 'ops.yaml'));
    }
  });

  it('keeps text with a YAML problem as written, so its issues keep line and column', () => {
    const broken = 'apiVersion: opskit.io/v1\nslos:\n  - name: [unclosed\n';
    expect(canonicalDescriptorText(broken)).toBe(broken);
    expect(readYaml(broken, 'ops.yaml').issues[0].message).toMatch(
      /YAML syntax error at line \d+, column \d+/,
    );
    expect(canonicalDescriptorText('- a list')).toBe('- a list');
  });

  it('reads a YAML flow mapping that is not JSON, and guards JSON like YAML', () => {
    expect(readYaml('{tier: tier-1, kind: OpsDescriptor}', 'x').value).toEqual({
      tier: 'tier-1',
      kind: 'OpsDescriptor',
    });
    const huge = JSON.stringify({
      items: Array.from({ length: 60_000 }, (_, i) => i),
    });
    expect(readYaml(huge, 'x').issues[0].message).toMatch(
      /expands to more than/,
    );
  });
});
