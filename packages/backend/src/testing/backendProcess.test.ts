import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBackendProcess } from './backendProcess';

/*
 * The start logic against a tiny entry file instead of a real backend: the
 * first start stays silent (as a stalled machine would leave it), the second
 * serves the health route. Only a silent start is retried.
 */
describe('startBackendProcess', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'opskit-backend-process-test-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  function entry(firstStart: 'silent' | 'talks but never serves') {
    const file = join(dir, 'entry.js');
    const counter = join(dir, 'starts');
    writeFileSync(
      file,
      `const fs = require('fs');
const starts = fs.existsSync(${JSON.stringify(counter)})
  ? Number(fs.readFileSync(${JSON.stringify(counter)}, 'utf8')) : 0;
fs.writeFileSync(${JSON.stringify(counter)}, String(starts + 1));
const listen = process.argv.find(arg => arg.endsWith('app-config.listen.yaml'));
const config = fs.readFileSync(listen, 'utf8');
const port = Number(/port: (\\d+)/.exec(config)[1]);
if (starts === 0) {
  ${
    firstStart === 'silent'
      ? 'setInterval(() => {}, 1000);'
      : "console.log('starting'); setInterval(() => {}, 1000);"
  }
} else {
  console.log('serving');
  require('http').createServer((req, res) => res.end('ok')).listen(port, '127.0.0.1');
}
`,
    );
    return { file, starts: () => require('fs').readFileSync(counter, 'utf8') };
  }

  it('starts a backend once more when the first start wrote nothing', async () => {
    const { file, starts } = entry('silent');
    const backend = await startBackendProcess({
      entry: { file },
      host: '127.0.0.1',
      silenceTimeoutMs: 2000,
      readyTimeoutMs: 20_000,
    });
    try {
      expect(starts()).toBe('2');
      expect(backend.output()).toContain('serving');
      expect(await (await backend.api('/api/ops/health')).text()).toBe('ok');
    } finally {
      await backend.stop();
    }
  });

  it('does not retry a start that wrote something, and says what the process was doing', async () => {
    const { file, starts } = entry('talks but never serves');
    await expect(
      startBackendProcess({
        entry: { file },
        host: '127.0.0.1',
        silenceTimeoutMs: 1000,
        readyTimeoutMs: 3000,
      }),
    ).rejects.toThrow(
      /timed out after 3 s waiting for the backend .*process group: \d+ node [RS] [\d.]+ s CPU\n[^]*starting/,
    );
    expect(starts()).toBe('1');
  });
});
