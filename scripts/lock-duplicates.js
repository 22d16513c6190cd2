#!/usr/bin/env node
/*
 * Lists the @backstage packages a yarn.lock holds in more than one version,
 * and for each version the packages that ask for it (with the range they ask
 * for). Used by ./run adopt to tell the app's own duplicates from those the
 * OpsKit packages bring.
 *
 *   node scripts/lock-duplicates.js <yarn.lock> [--json] [--scope @backstage/]
 */
const fs = require('node:fs');

const args = process.argv.slice(2);
const file = args.find(a => !a.startsWith('--')) ?? 'yarn.lock';
const json = args.includes('--json');
const scopeIndex = args.indexOf('--scope');
const scope = scopeIndex >= 0 ? args[scopeIndex + 1] : '@backstage/';

// A yarn berry lockfile: blank-line separated entries, the first line the
// comma-separated descriptors, then `  version:` and `  dependencies:`.
const nameOf = descriptor => descriptor.replace(/^(@?[^@]+)@.*$/, '$1');
const entries = [];
for (const block of fs.readFileSync(file, 'utf8').split(/\n\n/)) {
  const lines = block.split('\n');
  const head = lines[0];
  if (!head || head.startsWith('#') || head.startsWith('__metadata')) continue;
  const descriptors = head
    .replace(/:$/, '')
    .split(', ')
    .map(d => d.replace(/^"|"$/g, ''));
  const version = (block.match(/^ {2}version: "?([^"\n]+)"?$/m) ?? [])[1];
  const dependencies = {};
  let inDeps = false;
  for (const line of lines.slice(1)) {
    if (/^ {2}(dependencies|peerDependencies):$/.test(line)) {
      inDeps = line.includes('dependencies:') && !line.includes('peer');
      continue;
    }
    if (/^ {2}\S/.test(line)) inDeps = false;
    const dep = inDeps && line.match(/^ {4}"?([^":]+)"?: "?([^"]+)"?$/);
    if (dep) dependencies[dep[1]] = dep[2].replace(/^npm:/, '');
  }
  entries.push({
    name: nameOf(descriptors[0]),
    descriptors,
    version,
    dependencies,
  });
}

const byName = new Map();
for (const entry of entries) {
  if (!entry.name.startsWith(scope)) continue;
  const versions = byName.get(entry.name) ?? new Map();
  versions.set(entry.version, entry);
  byName.set(entry.name, versions);
}

const rangeSatisfiedBy = (name, range) => {
  for (const entry of entries) {
    if (
      entry.name === name &&
      entry.descriptors.some(
        d => d.endsWith(`@npm:${range}`) || d.endsWith(`@${range}`),
      )
    )
      return entry.version;
  }
  return undefined;
};

const duplicates = [];
for (const [name, versions] of [...byName].sort(([a], [b]) =>
  a < b ? -1 : 1,
)) {
  if (versions.size < 2) continue;
  const users = {};
  for (const version of versions.keys()) users[version] = [];
  for (const entry of entries) {
    const range = entry.dependencies[name];
    if (!range) continue;
    const version = rangeSatisfiedBy(name, range);
    if (version && users[version])
      users[version].push(`${entry.name}@${entry.version} (${range})`);
  }
  duplicates.push({ name, versions: [...versions.keys()], users });
}

if (json) {
  process.stdout.write(`${JSON.stringify(duplicates, null, 2)}\n`);
} else {
  for (const { name, versions, users } of duplicates) {
    process.stdout.write(`${name}: ${versions.join(', ')}\n`);
    for (const version of versions) {
      const who = users[version];
      process.stdout.write(
        `  ${version} ← ${
          who.length ? who.slice(0, 4).join(', ') : '(direct)'
        }${who.length > 4 ? `, … ${who.length - 4} more` : ''}\n`,
      );
    }
  }
  process.stdout.write(
    `${duplicates.length} ${scope}* packages with more than one version\n`,
  );
}
