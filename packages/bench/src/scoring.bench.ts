/* eslint-disable no-console */
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildOpsProfile,
  descriptorAnnotations,
  evaluateEntity,
  evaluateScorecards,
  importRunbookMarkdown,
  parseOpsDescriptor,
  writeYaml,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import {
  fuzzEntity,
  yamlText,
} from '../../../plugins/ops-common/src/__testUtils__/fuzzInputs';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- the benchmark's baseline switch, not part of the package's API
import { keepParses } from '../../../plugins/ops-common/src/descriptor/parseMemo';
import { syntheticEntities } from './syntheticEntities';
import { createBaseline, factsFor } from './techInsightsBaseline';

/**
 * `yarn bench`: parsing + validation, scoring, and Tech Insights' JSON rules
 * engine on the same entities and rules, then per-input time on fuzz inputs.
 * Sizes: BENCH_SIZES=10000,100000 (default).
 */

const NOW = Date.parse('2026-11-27T12:00:00Z');
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
let peakRss = 0;
const sample = () => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
};

/** Best of `passes` runs (JIT warm, GC before each), the same for every contender. */
async function time<T>(
  label: string,
  count: number,
  fn: (pass: number) => T | Promise<T>,
  passes = 3,
): Promise<{ seconds: number; perSecond: number; result: T }> {
  let seconds = Number.POSITIVE_INFINITY;
  let result!: T;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let pass = 0; pass < passes; pass++) {
    global.gc?.();
    const start = process.hrtime.bigint();
    result = await fn(pass);
    seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    sample();
  }
  const perSecond = count / seconds;
  console.log(
    `  ${label.padEnd(44)} ${seconds.toFixed(2).padStart(7)} s ${Math.round(
      perSecond,
    )
      .toString()
      .padStart(9)} entities/s   heap Δ ${mb(
      process.memoryUsage().heapUsed - heapBefore,
    )}`,
  );
  return { seconds, perSecond, result };
}

async function scoringRun(n: number) {
  console.log(
    `\n${n.toLocaleString('en')} synthetic entities (best of 3 passes each)`,
  );
  // Parsing keeps what it read for texts seen again: each pass reads entities no earlier pass has (another salt), as a first evaluation does.
  const fresh = [0, 1, 2].map(pass => syntheticEntities(n, `p${pass}-`));
  // The baseline: every text parsed anew, as before parses were kept.
  keepParses(0);
  await time('parse + validate, nothing kept', n, pass =>
    fresh[pass].map(e => buildOpsProfile(e, { now: NOW }).profile),
  );
  keepParses();
  const parsed = await time('parse + validate (buildOpsProfile)', n, pass =>
    fresh[pass].map(e => buildOpsProfile(e, { now: NOW }).profile),
  );
  await time('parse + validate, the same entities again', n, () =>
    fresh[2].map(e => buildOpsProfile(e, { now: NOW }).profile),
  );
  const profiles: OpsProfile[] = parsed.result;
  const ours = await time('OpsKit scoring (14 checks, 2 scorecards)', n, () => {
    let checks = 0;
    for (const p of profiles)
      for (const card of evaluateScorecards(p, { now: NOW }))
        checks += card.results.length;
    return checks;
  });
  const freshAgain = [0, 1, 2].map(pass => syntheticEntities(n, `e${pass}-`));
  await time('OpsKit end to end (parse + validate + score)', n, pass =>
    freshAgain[pass].map(
      e => evaluateEntity(e, { now: NOW }).scorecards.length,
    ),
  );

  const facts = new Map(profiles.map(p => [p.entityRef, factsFor(p, NOW)]));
  const checker = createBaseline(facts);
  const refs = profiles.map(p => p.entityRef);
  const baseline = await time(
    'Tech Insights jsonfc (same 14 rules)',
    n,
    async () => {
      let results = 0;
      for (const ref of refs) results += (await checker.runChecks(ref)).length;
      return results;
    },
  );
  if (baseline.result !== ours.result)
    throw new Error(
      `result counts differ: ${baseline.result} vs ${ours.result}`,
    );
  console.log(
    `  scoring speed-up over Tech Insights: ${(
      ours.perSecond / baseline.perSecond
    ).toFixed(1)}×; peak RSS so far ${mb(peakRss)}`,
  );
}

/**
 * Markdown runbooks in: what the catalog module does per runbook-sourced entity
 * at ingestion (import, stored as JSON), and the whole import with validation
 * (the CLI), against the same descriptors read as ops.yaml in the same run.
 */
async function runbookImport(n: number) {
  const example = readFileSync(
    join(__dirname, '../../../examples/checkout-service/docs/runbook.md'),
    'utf8',
  );
  // Runbooks as teams keep them, 3–5 KB as a filled-in template is: the
  // example's, each with its own service name, its own figures and a longer
  // or shorter flag inventory and changelog.
  const runbooks = Array.from({ length: n }, (_, i) => {
    const flags = Array.from(
      { length: 5 + (i % 25) },
      (_, j) => `| flag-${i}-${j} | ${j % 2 ? 'on' : 'off'} | team-${i % 50} |`,
    ).join('\n');
    const releases = Array.from(
      { length: 1 + (i % 12) },
      (_, j) =>
        `| 3.${j}.${i % 10} | 2026-0${1 + (j % 9)}-1${
          j % 10
        } | Dev ${j} | Change ${j} of service ${i} |`,
    ).join('\n');
    return example
      .replace(/checkout/g, `svc${i}`)
      .replace('< 300ms', `< ${200 + (i % 300)}ms`)
      .replace('| split-shipments | off | payments-team |', flags)
      .replace('| 3.2.0 | 2026-11-02 | Jane | Express checkout |', releases);
  });
  const yamls = runbooks.map(text =>
    writeYaml(importRunbookMarkdown(text).descriptor),
  );
  const kbs = runbooks.map(t => t.length / 1024).sort((a, b) => a - b);
  const kb = (texts: string[]) =>
    (texts.reduce((sum, t) => sum + t.length, 0) / texts.length / 1024).toFixed(
      1,
    );
  console.log(
    `\n${runbooks.length.toLocaleString('en')} Markdown runbooks (${kb(
      runbooks,
    )} KB on average, ${kbs[0].toFixed(1)}–${kbs[kbs.length - 1].toFixed(
      1,
    )} KB), best of 3 passes`,
  );
  const perRunbook = (
    label: string,
    texts: string[],
    fn: (t: string) => unknown,
  ) =>
    time(label, texts.length, () => {
      for (const text of texts) fn(text);
    });
  const ingest = await perRunbook(
    'runbook → catalog annotation (import)',
    runbooks,
    text => descriptorAnnotations(text, { path: 'docs/runbook.md' }),
  );
  await perRunbook(
    'runbook → descriptor + issues (validated)',
    runbooks,
    text => importRunbookMarkdown(text),
  );
  const yaml = await perRunbook(
    'same descriptors as ops.yaml → catalog annotation',
    yamls,
    text => descriptorAnnotations(text, { path: 'ops.yaml' }),
  );
  console.log(
    `  runbook ingestion: ${Math.round(
      ingest.perSecond,
    )} runbooks/s (goal ≥ 2,000/s); ops.yaml of the same content ${Math.round(
      yaml.perSecond,
    )}/s`,
  );
}

function fuzzTiming(runs: number) {
  const times: number[] = [];
  const measure = (fn: () => unknown) => {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  };
  for (const text of fc.sample(yamlText, { numRuns: runs, seed: 42 }))
    measure(() => parseOpsDescriptor(text));
  for (const e of fc.sample(fuzzEntity, { numRuns: runs, seed: 42 }))
    measure(() => evaluateEntity(e as any, { now: NOW }));
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))].toFixed(2);
  console.log(
    `\nfuzz inputs (${times.length}): p50 ${at(0.5)} ms, p99 ${at(
      0.99,
    )} ms, max ${times[times.length - 1].toFixed(2)} ms (goal < 100 ms each)`,
  );
}

async function main() {
  console.log(
    `node ${process.version}, ${require('node:os').cpus().length} cores`,
  );
  const sizes = (process.env.BENCH_SIZES ?? '10000,100000')
    .split(',')
    .map(Number);
  for (const n of sizes) await scoringRun(n);
  await runbookImport(Number(process.env.BENCH_RUNBOOKS ?? 2000));
  fuzzTiming(Number(process.env.BENCH_FUZZ_RUNS ?? 2000));
  console.log(`\npeak RSS ${mb(peakRss)}`);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
