/*
 * Starts the example Backstage for browser runs: the app is built once and
 * served by the example backend (plugin-app-backend), as in production, with
 * SQLite in memory and the examples in the catalog.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  backendApi,
  REPO_ROOT,
  startBackendProcess,
  STATIC_TOKEN,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';

export const ROOT = REPO_ROOT;
export const TOKEN = STATIC_TOKEN;

/** The running example backend: baseUrl, api() with the static token, waitFor(), output(), stop(). */
export type Backstage = BackendProcess;

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
  return backendApi(baseUrl, TOKEN);
}

/**
 * The example backend (backend/src/testing/backendProcess) with the app it
 * serves: up once the ops plugin answers and the app's page is served.
 */
export async function startBackstage(options: {
  /** Default: a free one. */
  port?: number;
  extraConfig?: string[];
  timeoutMs?: number;
  /** Added to the backend's environment (e.g. OPSKIT_EXAMPLE_POLICY). */
  env?: Record<string, string>;
}): Promise<Backstage> {
  const backstage = await startBackendProcess({
    port: options.port,
    env: options.env,
    config: baseUrl => [
      'app:',
      `  baseUrl: ${baseUrl}`,
      'backend:',
      `  cors: { origin: ${baseUrl} }`,
      'ops:',
      '  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 2 } }',
      ...(options.extraConfig ?? []),
    ],
    readyTimeoutMs: options.timeoutMs ?? 180_000,
  });
  try {
    await backstage.waitFor(
      'the app',
      async () =>
        (
          await (await fetch(`${backstage.baseUrl}/`)).text()
        ).includes('<div id="root">'),
      30_000,
    );
  } catch (error) {
    await backstage.stop();
    throw error;
  }
  return backstage;
}
