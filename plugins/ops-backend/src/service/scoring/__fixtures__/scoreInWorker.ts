// Run by ScoringPool.test.ts in a child Node with the TS loader: scores the examples in a worker thread.
import { readOpsConfig } from '@opskit/plugin-ops-common';
import { exampleCatalog } from '../../../__testUtils__/exampleCatalog';
import { WorkerScorer } from '../ScoringPool';

async function main() {
  const errors: string[] = [];
  const scorer = new WorkerScorer(1, m => errors.push(m));
  const ops = readOpsConfig({});
  scorer.begin({ known: new Set(['group:default/payments-oncall']), defaults: ops.defaults, scoring: ops.scoring, now: Date.parse('2026-11-27T12:00:00Z') });
  const items = exampleCatalog()
    .filter(e => e.kind === 'Component')
    .map(entity => ({ entity }));
  const rows = await scorer.score(items);
  await scorer.close();
  console.log(JSON.stringify({ usedWorker: errors.length === 0, errors, rows }));
}

main();
