import { execFile } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  evaluated,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';

jest.setTimeout(60_000);

const BIN = resolve(__dirname, '../../../ops-common/bin/opskit');

/** The real `opskit` command in its own process (async: the backend answers from this one). */
function opskit(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number; stdout: string; stderr: string }>(done => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: { ...process.env, ...env }, encoding: 'utf8' },
      (error, stdout, stderr) =>
        done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

describe('opskit gate against a running ops backend', () => {
  let url: string;
  let stop: () => Promise<void>;
  beforeAll(async () => {
    const backend = await startOpsTestBackend();
    await evaluated(backend.server);
    url = `http://127.0.0.1:${(backend.server.address() as AddressInfo).port}`;
    stop = () => backend.stop();
  });
  afterAll(() => stop());

  const token = {
    OPSKIT_TOKEN: mockCredentials.user.token('user:default/jane'),
  };

  it('passes and blocks from the served scorecards, with the token', async () => {
    const bronze = await opskit(
      [
        'gate',
        '--entity',
        'payments-api',
        '--min-level',
        'bronze',
        '--url',
        url,
      ],
      token,
    );
    expect(bronze).toMatchObject({ code: 0, stderr: '' });
    expect(bronze.stdout).toContain(
      'component:default/payments-api: ✔ reaches bronze',
    );

    const gold = await opskit(
      [
        'gate',
        '--entity',
        'component:default/payments-api',
        '--min-level',
        'gold',
        '--url',
        url,
        '--format',
        'json',
      ],
      token,
    );
    expect(gold.code).toBe(1);
    const body = JSON.parse(gold.stdout);
    expect(body.passed).toBe(false);
    expect(
      body.entities[0].scorecards
        .flatMap((card: { blocking: { checkId: string }[] }) => card.blocking)
        .map((check: { checkId: string }) => check.checkId),
    ).toContain('checklist-signed-off');
  });

  it('exits 2 without a token and for an unknown entity', async () => {
    const anonymous = await opskit([
      'gate',
      '--entity',
      'payments-api',
      '--min-level',
      'bronze',
      '--url',
      url,
    ]);
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(
      /answered 401: .*\(set OPSKIT_TOKEN to a backend token\)/,
    );

    const unknown = await opskit(
      [
        'gate',
        '--entity',
        'component:default/nope',
        '--min-level',
        'bronze',
        '--url',
        url,
      ],
      token,
    );
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('answered 404');
  });
});
