/*
 * End to end: the example Backstage (app built and served by its backend,
 * real catalog with the examples, SQLite, ops-backend, a real Prometheus)
 * driven in headless Debian Chromium. Run with `yarn workspace e2e e2e
 * [--report FILE]` (src/run.ts). The steps share one page, in order, on one
 * worker (src/e2e.spec.ts); screenshots go to e2e-screenshots/ at the
 * repository root.
 */
import { defineConfig } from '@playwright/test';
import { join } from 'node:path';
import { CHROMIUM_ARGS, CHROMIUM_EXECUTABLE } from './src/browser';
import { ROOT } from './src/backstage';

export default defineConfig({
  testDir: 'src',
  testMatch: '*.spec.ts',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  forbidOnly: true,
  timeout: 120_000,
  expect: { timeout: 30_000 },
  outputDir: join(ROOT, 'e2e-screenshots/test-results'),
  globalSetup: './src/globalSetup.ts',
  globalTeardown: './src/globalTeardown.ts',
  reporter: [['list'], ['./src/totalsReporter.ts']],
  use: {
    browserName: 'chromium',
    headless: true,
    launchOptions: {
      // '/usr/bin/chromium' unless OPSKIT_CHROMIUM says otherwise.
      executablePath: CHROMIUM_EXECUTABLE,
      args: CHROMIUM_ARGS,
    },
  },
});
