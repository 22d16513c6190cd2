import { canonicalDescriptorText, readYaml } from './yaml';
import { readExample } from '../__testUtils__/examples';
import { aliasBomb } from '../__testUtils__/fuzzInputs';
import { descriptorAnnotations } from './descriptorFile';

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

  it('gives the same issue for the same broken text every time, per source, and its own copy', () => {
    const broken = 'apiVersion: opskit.io/v1\nslos:\n  - name: [unclosed\n';
    const first = readYaml(broken, 'a/ops.yaml');
    first.issues[0].message = 'changed by a caller';
    const again = readYaml(broken, 'a/ops.yaml');
    expect(again.value).toBeUndefined();
    expect(again.issues).toEqual([
      expect.objectContaining({
        source: 'a/ops.yaml',
        message:
          'YAML syntax error at line 4, column 1: unexpected end of the stream within a flow collection',
      }),
    ]);
    expect(readYaml(broken, 'b/ops.yaml').issues[0].source).toBe('b/ops.yaml');
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

  it('refuses an anchor repeated by aliases past the length limit, with few values', () => {
    const bomb = aliasBomb();
    expect(bomb.length).toBeLessThan(11_000);
    const read = readYaml(bomb, 'ops.yaml');
    expect(read.value).toBeUndefined();
    expect(read.issues).toEqual([
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(
          /expands to more than 1048576 characters once its aliases are resolved/,
        ),
      }),
    ]);
    // Stored as written (10 KB), never as the 10 MB expansion.
    expect(canonicalDescriptorText(bomb)).toBe(bomb);
    expect(
      descriptorAnnotations(bomb, { path: 'ops.yaml' })['opskit.io/descriptor'],
    ).toBe(bomb);
    // A small repetition stays fine.
    expect(readYaml(aliasBomb(100, 2, 5), 'ops.yaml').issues).toEqual([]);
  });

  it('stores YAML whose JSON form passes the limit as written', () => {
    // JSON escapes each backslash of a plain YAML scalar: twice as long.
    const value = '\\'.repeat(40);
    const yaml = `${Array.from(
      { length: 20_000 },
      (_, i) => `k${i}: ${value}`,
    ).join('\n')}\n`;
    expect(yaml.length).toBeLessThan(1024 * 1024);
    expect(readYaml(yaml, 'ops.yaml').issues).toEqual([]);
    expect(
      JSON.stringify(readYaml(yaml, 'ops.yaml').value).length,
    ).toBeGreaterThan(1024 * 1024);
    expect(canonicalDescriptorText(yaml)).toBe(yaml);
  });

  it('refuses a runbook that imports to more than the limit, as an error annotation', () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `| e${i} | u |`);
    const markdown = `# Runbook\n\n## Environments\n\n| Environment | URL |\n| --- | --- |\n${rows.join(
      '\n',
    )}\n`;
    expect(markdown.length).toBeLessThan(1024 * 1024);
    const annotations = descriptorAnnotations(markdown, { path: 'runbook.md' });
    expect(annotations['opskit.io/descriptor']).toBeUndefined();
    expect(annotations['opskit.io/descriptor-error']).toMatch(
      /the runbook runbook.md imports to \d+ characters; the limit is 1048576/,
    );
  });
});
