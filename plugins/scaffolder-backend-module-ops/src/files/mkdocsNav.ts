import { posix } from 'node:path';
import { isMap, isSeq, parseDocument } from 'yaml';

/**
 * Adds the runbook page to mkdocs.yml, or writes a minimal one. The file stays
 * plain (no plugins): Backstage's TechDocs adds techdocs-core itself when
 * mkdocs.yml names none, and a plain mkdocs builds it too.
 */
export function withRunbookPage(
  existing: string | undefined,
  options: { mkdocsPath: string; runbookPath: string; siteName: string },
): string {
  const doc =
    existing === undefined
      ? parseDocument(`site_name: ${JSON.stringify(options.siteName)}\n`)
      : parseDocument(existing);
  if (doc.errors.length)
    throw new Error(
      `${options.mkdocsPath} is not valid YAML: ${doc.errors[0].message}`,
    );
  if (!isMap(doc.contents))
    throw new Error(
      `${options.mkdocsPath} must be a mapping (site_name, nav, …)`,
    );
  const docsDir = String(doc.get('docs_dir') ?? 'docs');
  const root = posix.dirname(options.mkdocsPath.split('\\').join('/'));
  const page = posix.relative(
    posix.join(root, docsDir),
    options.runbookPath.split('\\').join('/'),
  );
  if (page.startsWith('..')) {
    throw new Error(
      `outputPath "${
        options.runbookPath
      }" is outside the docs folder "${posix.join(root, docsDir)}" of ${
        options.mkdocsPath
      }; write the runbook inside it`,
    );
  }
  const nav = doc.get('nav');
  if (existing === undefined || nav === undefined) {
    // A new file lists the runbook; an existing file without nav already shows every page.
    if (existing === undefined) doc.set('nav', [{ Runbook: page }]);
  } else if (isSeq(nav)) {
    const listed = JSON.stringify(nav.toJSON()).includes(JSON.stringify(page));
    if (!listed) nav.add(doc.createNode({ Runbook: page }));
  } else {
    throw new Error(
      `${options.mkdocsPath} has a nav that is not a list; add "- Runbook: ${page}" to it by hand`,
    );
  }
  return doc.toString();
}
