import { CatalogInfoFile } from './catalogInfoFile';

describe('CatalogInfoFile', () => {
  const text = [
    '# the team owns this file',
    'apiVersion: backstage.io/v1alpha1',
    'kind: System',
    'metadata:',
    '  name: payments',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: payments-api # keep me',
    '  annotations:',
    '    github.com/project-slug: acme/payments-api',
    'spec:',
    '  owner: group:payments',
    '',
  ].join('\n');

  it('edits the first Component and keeps comments and the other documents', () => {
    const file = CatalogInfoFile.parse(text, 'catalog-info.yaml');
    expect(file.name).toBe('payments-api');
    expect(file.annotation('github.com/project-slug')).toBe(
      'acme/payments-api',
    );
    file.setAnnotation('opskit.io/ops-ref', './ops.yaml');
    const out = file.toString();
    expect(out).toContain('# the team owns this file');
    expect(out).toContain('name: payments-api # keep me');
    expect(out).toContain('kind: System');
    expect(out).toContain('opskit.io/ops-ref: ./ops.yaml');
    expect(file.entity()).toMatchObject({
      kind: 'Component',
      metadata: { annotations: { 'opskit.io/ops-ref': './ops.yaml' } },
    });
  });

  it('adds annotations to an entity that has none', () => {
    const file = CatalogInfoFile.parse(
      'kind: Component\nmetadata:\n  name: a\n',
      'catalog-info.yaml',
    );
    file.setAnnotation('opskit.io/tier', 'tier-1');
    expect(file.entity()).toEqual({
      kind: 'Component',
      metadata: { name: 'a', annotations: { 'opskit.io/tier': 'tier-1' } },
    });
  });

  it('names the file in its errors', () => {
    expect(() => CatalogInfoFile.parse('a: [', 'x/catalog-info.yaml')).toThrow(
      /x\/catalog-info\.yaml is not valid YAML/,
    );
    expect(() => CatalogInfoFile.parse('a: 1\n', 'catalog-info.yaml')).toThrow(
      /catalog-info\.yaml holds no catalog entity/,
    );
  });
});
