#!/usr/bin/env node
/*
 * ./run adopt's pinned mode: writes `resolutions` into a fresh app's
 * package.json that hold every @backstage package at the release create-app
 * generated, as its yarn.lock seed would (the seed cannot be fetched here, so
 * without this the app's ranges float to newer releases).
 *
 *   node scripts/adopt-pin.js <app> <create-app package dir>          the versions create-app names
 *   node scripts/adopt-pin.js <app> <create-app package dir> --floors  plus, from the app's yarn.lock,
 *        the packages those depend on, at the lowest version they ask for (Backstage's
 *        release bumps every internal range to the released version, so that is the release's)
 *   node scripts/adopt-pin.js <app> --seed  then turns the pinned lockfile into what a seeded one
 *        looks like: every range the app's packages ask for is locked to the pinned version, and
 *        the @backstage resolutions go. Packages added later resolve their own ranges as they
 *        would in an adopter's app: a range the locked version satisfies is not necessarily
 *        reused (yarn resolves a new range afresh), one it does not satisfy adds a copy.
 *
 * Prints what it pinned. The resolutions apply to every package in the app,
 * OpsKit's too; ./run adopt checks OpsKit's declared ranges separately
 * (adopt-ranges.js), since resolutions would hide a range that does not fit.
 */
const fs = require('node:fs');
const path = require('node:path');

const [appDir, createAppDir, ...flags] = process.argv.slice(2);
const floors = flags.includes('--floors');
const semver = require(require.resolve('semver', {
  paths: [appDir, __dirname],
}));

if (createAppDir === '--seed') {
  seed();
  process.exit(0);
}

function seed() {
  const lockFile = path.join(appDir, 'yarn.lock');
  const blocks = fs.readFileSync(lockFile, 'utf8').split(/\n\n/);
  const parsed = blocks.map(block => {
    const [head, ...rest] = block.split('\n');
    const m = head.match(/^"?(@backstage\/[^@"]+)@npm:/);
    return {
      name: m?.[1],
      head,
      rest,
      descriptors: m ? head.replace(/^"|"?:$/g, '').split(', ') : [],
      version: (block.match(/^ {2}version: "?([^"\n]+)"?$/m) ?? [])[1],
    };
  });
  // Every @backstage range any package (or workspace) of the app asks for.
  const ranges = new Map();
  for (const { rest } of parsed) {
    for (const line of rest) {
      const m = line.match(/^ {4}"?(@backstage\/[^":]+)"?: "?npm:([^"]+)"?$/);
      if (!m) continue;
      if (!ranges.has(m[1])) ranges.set(m[1], new Set());
      ranges.get(m[1]).add(m[2]);
    }
  }
  let added = 0;
  for (const [name, wanted] of ranges) {
    const entries = parsed
      .filter(p => p.name === name && p.version)
      .sort((a, b) => semver.rcompare(a.version, b.version));
    for (const range of wanted) {
      const descriptor = `${name}@npm:${range}`;
      if (entries.some(e => e.descriptors.includes(descriptor))) continue;
      const entry = entries.find(e => semver.satisfies(e.version, range));
      if (!entry) continue;
      entry.descriptors.push(descriptor);
      added++;
    }
  }
  const text = parsed
    .map(p =>
      p.name
        ? [`"${p.descriptors.join(', ')}":`, ...p.rest].join('\n')
        : [p.head, ...p.rest].join('\n'),
    )
    .join('\n\n');
  fs.writeFileSync(lockFile, text);
  const pkgFile = path.join(appDir, 'package.json');
  const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
  const kept = Object.entries(pkg.resolutions ?? {}).filter(
    ([name]) => !name.startsWith('@backstage/'),
  );
  if (kept.length) pkg.resolutions = Object.fromEntries(kept);
  else delete pkg.resolutions;
  fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
  process.stdout.write(
    `seeded: ${added} ranges locked to the pinned versions, @backstage resolutions removed\n`,
  );
}

const { packageVersions } = require(path.join(
  createAppDir,
  'dist/lib/versions.cjs.js',
));
const pkgFile = path.join(appDir, 'package.json');
const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
const resolutions = { ...pkg.resolutions };
const pinned = {};
for (const [name, version] of Object.entries(packageVersions)) {
  if (name.startsWith('@backstage/')) pinned[name] = version;
}

if (floors) {
  // Each lock entry: descriptors, version, dependencies (name: range).
  const lock = fs.readFileSync(path.join(appDir, 'yarn.lock'), 'utf8');
  const wanted = {};
  for (const block of lock.split(/\n\n/)) {
    const head = block.split('\n')[0];
    const name = head.replace(/^"?(@?[^@"]+)@.*$/, '$1');
    const version = (block.match(/^ {2}version: "?([^"\n]+)"?$/m) ?? [])[1];
    const current = resolutions[name] ?? pinned[name];
    if (!current || current !== version) continue;
    const deps = block.split(/^ {2}dependencies:$/m)[1] ?? '';
    for (const line of deps.split('\n').slice(1)) {
      if (!/^ {4}/.test(line)) break;
      const m = line.match(
        /^ {4}"?(@backstage\/[^":]+)"?: "?(?:npm:)?([^"]+)"?$/,
      );
      if (!m) continue;
      const floor = semver.minVersion(m[2])?.version;
      if (floor && (!wanted[m[1]] || semver.gt(floor, wanted[m[1]])))
        wanted[m[1]] = floor;
    }
  }
  for (const [name, version] of Object.entries(wanted)) {
    if (!pinned[name]) pinned[name] = version;
  }
}

let added = 0;
for (const [name, version] of Object.entries(pinned)) {
  if (resolutions[name] !== version) added++;
  resolutions[name] = version;
}
pkg.resolutions = Object.fromEntries(
  Object.entries(resolutions).sort(([a], [b]) => (a < b ? -1 : 1)),
);
fs.writeFileSync(pkgFile, `${JSON.stringify(pkg, null, 2)}\n`);
process.stdout.write(
  `${
    Object.keys(pinned).length
  } @backstage packages pinned (${added} new): ${Object.entries(pinned)
    .map(([n, v]) => `${n.slice(11)}@${v}`)
    .join(' ')}\n`,
);
