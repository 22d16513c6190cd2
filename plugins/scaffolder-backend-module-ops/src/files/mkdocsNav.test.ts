import { parse } from 'yaml';
import { withRunbookPage } from './mkdocsNav';

const options = {
  mkdocsPath: 'mkdocs.yml',
  runbookPath: 'docs/runbook.md',
  siteName: 'Payments',
};

describe('withRunbookPage', () => {
  it('writes a minimal mkdocs.yml that lists the runbook', () => {
    expect(parse(withRunbookPage(undefined, options))).toEqual({
      site_name: 'Payments',
      nav: [{ Runbook: 'runbook.md' }],
    });
  });

  it('adds the page to an existing nav once, keeping comments', () => {
    const existing = '# ours\nsite_name: P\nnav:\n  - Home: index.md\n';
    const once = withRunbookPage(existing, options);
    expect(once.startsWith('# ours\n')).toBe(true);
    expect(withRunbookPage(once, options)).toBe(once);
    expect(parse(once).nav).toEqual([
      { Home: 'index.md' },
      { Runbook: 'runbook.md' },
    ]);
  });

  it('leaves a file without nav as it is (mkdocs shows every page)', () => {
    expect(parse(withRunbookPage('site_name: P\n', options))).toEqual({
      site_name: 'P',
    });
  });

  it('resolves the page against docs_dir and the mkdocs.yml folder', () => {
    const text = withRunbookPage('site_name: P\ndocs_dir: pages\nnav: []\n', {
      ...options,
      mkdocsPath: 'svc\\mkdocs.yml',
      runbookPath: 'svc/pages/ops/runbook.md',
    });
    expect(parse(text).nav).toEqual([{ Runbook: 'ops/runbook.md' }]);
  });

  it('refuses a runbook outside the docs folder, invalid YAML and a nav that is not a list', () => {
    expect(() =>
      withRunbookPage(undefined, { ...options, runbookPath: 'runbook.md' }),
    ).toThrow(/outside the docs folder "docs" of mkdocs\.yml/);
    expect(() => withRunbookPage('a: [', options)).toThrow(
      /mkdocs\.yml is not valid YAML/,
    );
    expect(() => withRunbookPage('- a\n', options)).toThrow(
      /must be a mapping/,
    );
    expect(() => withRunbookPage('nav: {Home: index.md}\n', options)).toThrow(
      /nav that is not a list/,
    );
  });
});
