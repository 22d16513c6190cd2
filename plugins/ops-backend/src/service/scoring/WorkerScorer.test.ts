import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readOpsConfig } from '@opskit/plugin-ops-common';
import { exampleCatalog } from '../../__testUtils__/exampleCatalog';
import { InlineScorer } from './InlineScorer';

jest.setTimeout(60_000);

/*
 * Jest cannot load TypeScript inside worker threads, so the worker path runs
 * in a child Node with Backstage's TS loader (as the backend runs in
 * development) and must give exactly the rows the main thread gives.
 */
describe('WorkerScorer', () => {
  it('scores in a worker thread exactly as in the main thread', async () => {
    const script = resolve(__dirname, '__fixtures__/scoreInWorker.ts');
    const components = exampleCatalog().filter(e => e.kind === 'Component');
    const input = join(
      mkdtempSync(join(tmpdir(), 'opskit-worker-')),
      'entities.json',
    );
    writeFileSync(input, JSON.stringify(components));
    const out = execFileSync(
      process.execPath,
      [
        '-r',
        require.resolve('@backstage/cli/config/nodeTransform.cjs'),
        script,
        input,
      ],
      { encoding: 'utf8' },
    );
    const fromWorker = JSON.parse(out.trim().split('\n').pop()!);

    const inline = new InlineScorer();
    const items = components.map(entity => ({ entity }));
    inline.begin({
      known: new Set(['group:default/payments-oncall']),
      defaults: readOpsConfig({}).defaults,
      scoring: readOpsConfig({}).scoring,
      now: Date.parse('2026-11-27T12:00:00Z'),
    });
    const expected = await inline.score(items);

    expect(fromWorker.usedWorker).toBe(true);
    expect(fromWorker.rows).toEqual(JSON.parse(JSON.stringify(expected)));
  });
});
