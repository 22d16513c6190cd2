import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { isOpenSloText, readOpenSlo } from './readOpenSlo';

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');

describe('readOpenSlo', () => {
  it('reads every document of a --- separated file, in order', () => {
    const read = readOpenSlo(fixture('payments.openslo.yaml'), {
      source: 'payments.yaml',
    });
    expect(read.issues).toEqual([]);
    expect(read.documents.map(d => [d.kind, d.name, d.position])).toEqual([
      ['Service', 'payments-api', 1],
      ['DataSource', 'prometheus-eu', 2],
      ['SLI', 'payments-success', 3],
      ['SLO', 'payments-availability', 4],
      ['AlertPolicy', 'payments-fast-burn', 5],
      ['AlertCondition', 'fast-burn', 6],
      ['AlertNotificationTarget', 'payments-oncall', 7],
    ]);
  });

  it('reads a YAML list of documents as the same documents', () => {
    const read = readOpenSlo(fixture('list.openslo.yaml'));
    expect(read.issues).toEqual([]);
    expect(read.documents.map(d => d.kind)).toEqual(['DataSource', 'SLO']);
  });

  it('refuses v1alpha (and other versions) as errors instead of reading them', () => {
    const read = readOpenSlo(
      [
        'apiVersion: openslo/v1alpha',
        'kind: SLO',
        'metadata: {name: old}',
        '---',
        'apiVersion: openslo/v2alpha',
        'kind: SLO',
        'metadata: {name: next}',
        '---',
        'apiVersion: backstage.io/v1alpha1',
        'kind: Component',
        '---',
        'just text',
      ].join('\n'),
      { source: 'slos.yaml' },
    );
    expect(read.documents).toEqual([]);
    expect(read.issues).toEqual([
      {
        path: 'SLO old: apiVersion',
        severity: 'error',
        message: expect.stringMatching(
          /^v1alpha is not read; convert to openslo\/v1/,
        ),
        source: 'slos.yaml',
      },
      {
        path: 'SLO next: apiVersion',
        severity: 'error',
        message: '"openslo/v2alpha" is not read; OpsKit reads openslo/v1',
        source: 'slos.yaml',
      },
      {
        path: 'Component (document 3): apiVersion',
        severity: 'error',
        message:
          '"backstage.io/v1alpha1" is not OpenSLO; write apiVersion: openslo/v1',
        source: 'slos.yaml',
      },
      expect.objectContaining({
        path: 'document 4',
        message: expect.stringMatching(/found string/),
      }),
    ]);
  });

  it('reports YAML syntax errors with their line, through the safe reader', () => {
    const read = readOpenSlo('apiVersion: openslo/v1\nkind: [SLO\n');
    expect(read.documents).toEqual([]);
    expect(read.issues[0].message).toMatch(/^YAML syntax error at line 3/);
  });
});

describe('isOpenSloText', () => {
  it('knows OpenSLO by its apiVersion, in YAML, lists and JSON', () => {
    expect(isOpenSloText(fixture('checkout.openslo.yaml'))).toBe(true);
    expect(isOpenSloText(fixture('list.openslo.yaml'))).toBe(true);
    expect(isOpenSloText('{"apiVersion":"openslo/v1","kind":"SLO"}')).toBe(
      true,
    );
    expect(isOpenSloText('apiVersion: openslo/v1alpha\nkind: SLO\n')).toBe(
      true,
    );
    // A broken OpenSLO file is still OpenSLO, so its error is reported.
    expect(isOpenSloText('apiVersion: openslo/v1\nkind: [SLO\n')).toBe(true);
  });

  it('is false for ops descriptors and catalog files that only mention OpenSLO', () => {
    expect(
      isOpenSloText(
        'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nslos: {openslo: openslo/v1.yaml}\n',
      ),
    ).toBe(false);
    expect(
      isOpenSloText(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  annotations:\n    opskit.io/openslo: |\n      apiVersion: openslo/v1\n',
      ),
    ).toBe(false);
  });
});
