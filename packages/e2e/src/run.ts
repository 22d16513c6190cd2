/*
 * `yarn workspace e2e e2e [--report FILE] [playwright test options]`: runs
 * the end-to-end tests with Playwright (playwright.config.ts); with
 * --report FILE, src/totalsReporter.ts writes {passed, failed} there for
 * scripts/test.sh. Exits with Playwright's status (non-zero on failures).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const at = args.indexOf('--report');
const report = at >= 0 ? resolve(args[at + 1]) : undefined;
if (at >= 0) args.splice(at, 2);
if (report) rmSync(report, { force: true });

const result = spawnSync(
  process.execPath,
  [
    require.resolve('@playwright/test/cli'),
    'test',
    '--config',
    join(__dirname, '../playwright.config.ts'),
    ...args,
  ],
  {
    stdio: 'inherit',
    env: { ...process.env, ...(report ? { OPSKIT_E2E_REPORT: report } : {}) },
  },
);
// Playwright died before its reporters ran: the run counts as failed.
if (report && !existsSync(report))
  writeFileSync(report, JSON.stringify({ passed: 0, failed: 1 }));
process.exitCode = result.status ?? 1;
