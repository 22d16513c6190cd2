/*
 * Starts the example Backstage for browser runs: the app is built once and
 * served by the example backend (plugin-app-backend), as in production, with
 * SQLite in memory and the examples in the catalog.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '../../..');
export const TOKEN = 'opskit-example-static-token';

export interface Backstage {
  baseUrl: string;
  stop(): Promise<void>;
  /** Calls the backend with the static token. */
  api(path: string, init?: RequestInit): Promise<Response>;
  output(): string;
}

/** Builds packages/app unless `OPSKIT_E2E_SKIP_BUILD=1` and a build exists. */
export function buildApp(): void {
  if (
    process.env.OPSKIT_E2E_SKIP_BUILD === '1' &&
    existsSync(join(ROOT, 'packages/app/dist/index.html'))
  )
    return;
  const started = Date.now();
  execFileSync(
    process.execPath,
    [
      join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'build',
    ],
    {
      cwd: join(ROOT, 'packages/app'),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  console.log(
    `e2e: app built in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
}

/** Calls a running backend at `baseUrl` with the static token. */
export function backstageApi(
  baseUrl: string,
): (path: string, init?: RequestInit) => Promise<Response> {
  return (path, init = {}) =>
    fetch(`${baseUrl}${path}`, {
      ...init,
      headers: { Authorization: `Bearer ${TOKEN}`, ...(init.headers ?? {}) },
    });
}

export async function startBackstage(options: {
  port: number;
  extraConfig?: string[];
  timeoutMs?: number;
}): Promise<Backstage> {
  const baseUrl = `http://localhost:${options.port}`;
  const dir = mkdtempSync(join(tmpdir(), 'opskit-e2e-'));
  const config = join(dir, 'app-config.e2e.yaml');
  writeFileSync(
    config,
    [
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  baseUrl: ${baseUrl}`,
      `  listen: { port: ${options.port} }`,
      `  cors: { origin: ${baseUrl} }`,
      'ops:',
      '  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 2 } }',
      ...(options.extraConfig ?? []),
      '',
    ].join('\n'),
  );
  let output = '';
  const child: ChildProcess = spawn(
    process.execPath,
    [
      join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'),
      'package',
      'start',
      '--config',
      join(ROOT, 'app-config.yaml'),
      '--config',
      config,
    ],
    {
      cwd: join(ROOT, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development' },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  const api = backstageApi(baseUrl);
  const stop = async () => {
    if (child.exitCode !== null || !child.pid) return;
    const exited = new Promise(r => child.once('exit', r));
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      return;
    }
    await Promise.race([exited, new Promise(r => setTimeout(r, 10_000))]);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // gone
    }
  };
  try {
    await waitUntil(
      'the backend',
      options.timeoutMs ?? 180_000,
      child,
      () => output,
      async () => (await fetch(`${baseUrl}/api/ops/health`)).ok,
    );
    await waitUntil(
      'the app',
      30_000,
      child,
      () => output,
      async () =>
        (await (await fetch(`${baseUrl}/`)).text()).includes('<div id="root">'),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { baseUrl, stop, api, output: () => output };
}

export async function waitUntil(
  what: string,
  timeoutMs: number,
  child: ChildProcess | undefined,
  output: () => string,
  probe: () => Promise<boolean>,
): Promise<void> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      if (await probe()) return;
    } catch (error) {
      last = error;
    }
    if (child && child.exitCode !== null)
      throw new Error(
        `backend exited (${
          child.exitCode
        }) while waiting for ${what}:\n${output().slice(-4000)}`,
      );
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(
    `timed out waiting for ${what} (${String(
      last ?? 'not ready',
    )}):\n${output().slice(-4000)}`,
  );
}
