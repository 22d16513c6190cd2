import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Entity } from '@backstage/catalog-model';
import { readCustomChecks, readOpsConfig } from '@opskit/plugin-ops-common';
import { HTTPS_EVERYWHERE } from '../../__testUtils__/customChecks';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import { builtInCheckSet } from '../checkSet';
import { InlineScorer } from './InlineScorer';

jest.setTimeout(60_000);

/*
 * Jest cannot load TypeScript inside worker threads, so the worker path runs
 * in a child Node with Backstage's TS loader (as the backend runs in
 * development) and must give exactly the rows the main thread gives.
 */
/** The rows a worker thread gives for these entities (and custom checks), from a child Node. */
function scoreInWorker(entities: object[], custom?: object[]) {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-worker-'));
  const input = join(dir, 'entities.json');
  writeFileSync(input, JSON.stringify(entities));
  const args = [input];
  if (custom) {
    args.push(join(dir, 'custom.json'));
    writeFileSync(args[1], JSON.stringify(custom));
  }
  const out = execFileSync(
    process.execPath,
    [
      '-r',
      require.resolve('@backstage/cli/config/nodeTransform.cjs'),
      resolve(__dirname, '__fixtures__/scoreInWorker.ts'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return JSON.parse(out.trim().split('\n').pop()!);
}

async function scoreInline(entities: Entity[], custom?: object[]) {
  const inline = new InlineScorer();
  const scoring = readOpsConfig({}).scoring;
  inline.begin({
    known: new Set(['group:default/payments-oncall']),
    defaults: readOpsConfig({}).defaults,
    scoring,
    now: Date.parse('2026-11-27T12:00:00Z'),
    ...(custom
      ? {
          checks: builtInCheckSet(scoring, readCustomChecks(custom).checks)
            .checks,
        }
      : {}),
  });
  return JSON.parse(
    JSON.stringify(await inline.score(entities.map(entity => ({ entity })))),
  );
}

describe('WorkerScorer', () => {
  const components = exampleCatalog().filter(e => e.kind === 'Component');

  it('scores in a worker thread exactly as in the main thread', async () => {
    const fromWorker = scoreInWorker(components);
    expect(fromWorker.usedWorker).toBe(true);
    expect(fromWorker.rows).toEqual(await scoreInline(components));
  });

  it('scores custom checks in a worker thread exactly as in the main thread', async () => {
    const fromWorker = scoreInWorker(components, [HTTPS_EVERYWHERE]);
    const expected = await scoreInline(components, [HTTPS_EVERYWHERE]);
    expect(fromWorker.usedWorker).toBe(true);
    expect(fromWorker.rows).toEqual(expected);
    // The custom check was scored, not left out on both sides.
    expect(
      expected
        .filter((row: { failingChecks: string[] }) =>
          row.failingChecks.includes(HTTPS_EVERYWHERE.id),
        )
        .map((row: { entityRef: string }) => row.entityRef),
    ).toEqual(['component:default/legacy-billing']);
  });
});
