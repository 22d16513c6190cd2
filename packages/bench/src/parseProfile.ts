/* eslint-disable no-console */
/**
 * `yarn workspace bench profile:parse`: where parse + validate spends its
 * time. Runs buildOpsProfile over the benchmark's synthetic entities under
 * V8's sampling profiler (node:inspector, no flags needed) and prints the
 * frames with the most self time, and the ops-common functions with the most
 * total time (self plus callees), as docs/benchmarks.md quotes them.
 * Size: PROFILE_ENTITIES (10,000 by default); passes: PROFILE_PASSES (3);
 * PROFILE_TEMPLATE=0..3: one template's entities only; PROFILE_WHAT=score:
 * the scoring of those profiles instead of their parsing.
 */
import { Session } from 'node:inspector/promises';
import {
  buildOpsProfile,
  evaluateScorecards,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import { syntheticEntities } from './syntheticEntities';

const NOW = Date.parse('2026-11-27T12:00:00Z');

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

function where(node: ProfileNode): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.replace(/^.*\/(node_modules\/|plugins\/)/, '$1');
  return `${functionName || '(anonymous)'} ${file}:${lineNumber + 1}`;
}

async function main() {
  const count = Number(process.env.PROFILE_ENTITIES ?? 10_000);
  const passes = Number(process.env.PROFILE_PASSES ?? 3);
  // Each pass reads entities no earlier one has seen, as in `yarn bench`; PROFILE_TEMPLATE=0 keeps only payments-api's (1 inventory-service, 2 notifications-worker, 3 legacy-billing).
  const template = process.env.PROFILE_TEMPLATE;
  const ofTemplate = (all: any[]) =>
    template === undefined
      ? all
      : all.filter((_, i) => i % 4 === Number(template));
  const sets = Array.from({ length: passes }, (_, p) =>
    ofTemplate(syntheticEntities(count, `p${p}-`)),
  );
  const entities = sets[0];
  const scoring = process.env.PROFILE_WHAT === 'score';
  const profiles: OpsProfile[][] = scoring
    ? sets.map(set => set.map(e => buildOpsProfile(e, { now: NOW }).profile))
    : [];
  const run = scoring
    ? () => {
        for (const set of profiles)
          for (const p of set) evaluateScorecards(p, { now: NOW });
      }
    : () => {
        for (const set of sets)
          for (const e of set) buildOpsProfile(e, { now: NOW });
      };
  // Warm the JIT outside the profile, as the benchmark's best-of-3 does.
  for (const e of ofTemplate(syntheticEntities(2000, 'warm-'))) {
    const { profile } = buildOpsProfile(e, { now: NOW });
    if (scoring) evaluateScorecards(profile, { now: NOW });
  }

  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 100 });
  await session.post('Profiler.start');
  const start = process.hrtime.bigint();
  run();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const { profile } = await session.post('Profiler.stop');
  session.disconnect();

  const nodes = new Map<number, ProfileNode>(
    (profile.nodes as ProfileNode[]).map(n => [n.id, n]),
  );
  const total = [...nodes.values()].reduce((s, n) => s + (n.hitCount ?? 0), 0);
  const self = new Map<string, number>();
  for (const n of nodes.values())
    self.set(where(n), (self.get(where(n)) ?? 0) + (n.hitCount ?? 0));
  // Total time per function: its own hits plus its callees', each stack counted once per function.
  const inclusive = new Map<string, number>();
  const walk = (id: number, onStack: Set<string>): number => {
    const n = nodes.get(id)!;
    let hits = n.hitCount ?? 0;
    const key = where(n);
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const child of n.children ?? []) hits += walk(child, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + hits);
    }
    return hits;
  };
  walk((profile.nodes as ProfileNode[])[0].id, new Set());

  const share = (h: number) =>
    `${((h / total) * 100).toFixed(1)} %`.padStart(7);
  console.log(
    `${scoring ? 'scoring' : 'parse + validate'}: ${
      entities.length * passes
    } profiles in ${seconds.toFixed(2)} s (${Math.round(
      (entities.length * passes) / seconds,
    )}/s under the profiler), ${total} samples`,
  );
  console.log('\nself time');
  for (const [key, h] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${share(h)}  ${key}`);
  console.log('\ntotal time, ops-common and zod/yaml frames');
  for (const [key, h] of [...inclusive]
    .filter(([k]) => /plugins\/ops-common|zod|yaml/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, 30))
    console.log(`${share(h)}  ${key}`);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
