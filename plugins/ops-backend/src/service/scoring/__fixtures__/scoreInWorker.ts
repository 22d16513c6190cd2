// Run by WorkerScorer.test.ts in a child Node with the TS loader: scores the entities in argv[2] (JSON) in a worker thread, with the custom checks in argv[3] (JSON) when given.
import { readCustomChecks, readOpsConfig } from '@opskit/plugin-ops-common';
import { readFileSync } from 'node:fs';
import { WorkerScorer } from '../WorkerScorer';

async function main() {
  const errors: string[] = [];
  const scorer = new WorkerScorer(1, m => errors.push(m));
  const ops = readOpsConfig({});
  const custom = process.argv[3]
    ? readCustomChecks(JSON.parse(readFileSync(process.argv[3], 'utf8'))).checks
    : undefined;
  scorer.begin({
    known: new Set(['group:default/payments-oncall']),
    defaults: ops.defaults,
    scoring: ops.scoring,
    now: Date.parse('2026-11-27T12:00:00Z'),
    // As CatalogEvaluator passes them: the main thread's compiled checks are dropped on the way to a worker.
    ...(custom ? { custom } : {}),
  });
  const items = JSON.parse(readFileSync(process.argv[2], 'utf8')).map(
    (entity: unknown) => ({ entity }),
  );
  const rows = await scorer.score(items);
  await scorer.close();
  console.log(
    JSON.stringify({ usedWorker: errors.length === 0, errors, rows }),
  );
}

main();
