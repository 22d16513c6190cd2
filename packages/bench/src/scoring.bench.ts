/* eslint-disable no-console */
import fc from 'fast-check';
import {
  buildOpsProfile,
  evaluateEntity,
  evaluateScorecards,
  parseOpsDescriptor,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import {
  fuzzEntity,
  yamlText,
} from '../../../plugins/ops-common/src/__testUtils__/fuzzInputs';
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
  fn: () => T | Promise<T>,
  passes = 3,
): Promise<{ seconds: number; perSecond: number; result: T }> {
  let seconds = Number.POSITIVE_INFINITY;
  let result!: T;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let pass = 0; pass < passes; pass++) {
    global.gc?.();
    const start = process.hrtime.bigint();
    result = await fn();
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
  const entities = syntheticEntities(n);
  const parsed = await time('parse + validate (buildOpsProfile)', n, () =>
    entities.map(e => buildOpsProfile(e, { now: NOW }).profile),
  );
  const profiles: OpsProfile[] = parsed.result;
  const ours = await time('OpsKit scoring (14 checks, 2 scorecards)', n, () => {
    let checks = 0;
    for (const p of profiles)
      for (const card of evaluateScorecards(p, { now: NOW }))
        checks += card.results.length;
    return checks;
  });
  await time('OpsKit end to end (parse + validate + score)', n, () =>
    entities.map(e => evaluateEntity(e, { now: NOW }).scorecards.length),
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
  fuzzTiming(Number(process.env.BENCH_FUZZ_RUNS ?? 2000));
  console.log(`\npeak RSS ${mb(peakRss)}`);
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
