#!/usr/bin/env node
/*
 * ./run adopt: do the packed OpsKit packages' ranges admit the @backstage
 * versions the app already has? A range that does not would make yarn add a
 * second copy to an app whose lockfile holds its release (the usual case:
 * create-app seeds the lockfile). Checks dependencies and peerDependencies of
 * every tarball against the versions each @backstage package has in the app's
 * yarn.lock from before OpsKit was added.
 *
 *   node scripts/adopt-ranges.js <the app's yarn.lock> <tarball>...
 *
 * Exits 1 when a range admits none of the app's versions.
 */
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const [lockFile, ...tarballs] = process.argv.slice(2);
const appDir = path.dirname(path.resolve(lockFile));
const semver = require(require.resolve('semver', {
  paths: [appDir, __dirname],
}));

const inApp = {};
const lock = fs.readFileSync(lockFile, 'utf8');
for (const block of lock.split(/\n\n/)) {
  const head = block.split('\n')[0];
  if (!head.startsWith('"@backstage/') && !head.startsWith('@backstage/'))
    continue;
  const name = head.replace(/^"?(@backstage\/[^@"]+)@.*$/, '$1');
  const version = (block.match(/^ {2}version: "?([^"\n]+)"?$/m) ?? [])[1];
  if (version) (inApp[name] ??= new Set()).add(version);
}

let misfits = 0;
let checked = 0;
for (const tarball of tarballs) {
  const manifest = JSON.parse(
    execFileSync('tar', ['-xzOf', tarball, 'package/package.json'], {
      encoding: 'utf8',
    }),
  );
  for (const field of ['dependencies', 'peerDependencies']) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      const versions = inApp[name];
      if (!name.startsWith('@backstage/') || !versions) continue;
      checked++;
      const fits = [...versions].filter(v => semver.satisfies(v, range));
      if (!fits.length) {
        misfits++;
        process.stdout.write(
          `${
            manifest.name
          } ${field} ${name} ${range} admits none of the app's ${[
            ...versions,
          ].join(', ')}\n`,
        );
      }
    }
  }
}
process.stdout.write(
  `${checked} @backstage ranges checked against the app's versions, ${misfits} admit none\n`,
);
process.exitCode = misfits ? 1 : 0;
