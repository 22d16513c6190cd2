/*
 * What the e2e run starts once, before any test (Playwright's global setup)
 * and stops after the last (global teardown): the app built and served by
 * the example backend, with a real Prometheus scraping payments-api's
 * request-duration histogram (the example's SLO query) and request counters
 * (its Uptime SLI) per environment, and evaluating the alert rules
 * `opskit rules` writes for it.
 * The tests find the backend through OPSKIT_E2E_BASE_URL and append the
 * app's uncaught errors to OPSKIT_E2E_PAGE_ERRORS.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from '@opskit/plugin-ops-backend-module-prometheus/testUtils';
import { buildApp, ROOT, startBackstage, type Backstage } from './backstage';

export const SHOTS = join(ROOT, 'e2e-screenshots');
export const PORT = Number(process.env.OPSKIT_E2E_PORT ?? 7037);

type Running = {
  backstage?: Backstage;
  exporter?: Exporter;
  prometheus?: RealPrometheus;
  dir?: string;
};

// On globalThis: setup and teardown are loaded as separate hook modules.
const KEY = Symbol.for('opskit.e2e.environment');
const running = ((globalThis as Record<symbol, Running>)[KEY] ??= {});

export async function startEnvironment(): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  try {
    running.dir = mkdtempSync(join(tmpdir(), 'opskit-e2e-run-'));
    const pageErrors = join(running.dir, 'page-errors.log');
    writeFileSync(pageErrors, '');
    buildApp();
    const exporter = (running.exporter = await startExporter());
    const buckets = (counts: number[]) =>
      Object.fromEntries(
        ['0.05', '0.1', '0.2', '0.5', '+Inf'].map((le, i) => [le, counts[i]]),
      );
    exporter.histogram(
      'http_request_duration_seconds',
      { service: 'payments-api', env: 'production' },
      buckets([50, 90, 98, 100, 100]),
    );
    exporter.histogram(
      'http_request_duration_seconds',
      { service: 'payments-api', env: 'staging' },
      buckets([10, 30, 60, 100, 100]),
    );
    // Uptime's SLI: 1 request in 2,000 fails in production (half the 99.9 % budget spent),
    // 1 in 20 in staging (50× the budget: spent, and the page burn-rate alerts fire).
    for (const [env, ok, failed] of [
      ['production', 1999, 1],
      ['staging', 95, 5],
    ] as const) {
      const labels = { service: 'payments-api', env };
      exporter.counter('http_requests_total', { ...labels, code: '200' }, ok);
      exporter.counter(
        'http_requests_total',
        { ...labels, code: '500' },
        failed,
      );
    }
    // The alerts payments-api's runbook declares, as `opskit rules` writes them: loaded, so the drift check finds them.
    const rules = execFileSync(
      process.execPath,
      [
        join(ROOT, 'plugins/ops-common/bin/opskit'),
        'rules',
        'examples/payments-api/catalog-info.yaml',
      ],
      { cwd: ROOT, encoding: 'utf8' },
    );
    const prometheus = (running.prometheus = await startPrometheus(
      exporter.port,
      { rules },
    ));
    const target = `{ baseUrl: ${prometheus.url} }`;
    const backstage = (running.backstage = await startBackstage({
      port: PORT,
      extraConfig: [
        `  prometheus: { environments: { production: ${target}, staging: ${target}, development: ${target} } }`,
        // Often: a first collection that finds the catalog still empty (a busy machine) is followed soon by one that does not.
        '  facts: { schedule: { frequency: { seconds: 30 }, timeout: { seconds: 25 }, initialDelay: { seconds: 4 } } }',
      ],
    }));
    // The evaluation runs 2 s after start; wait until all five examples are stored
    // (a refused request, e.g. while the backend restarts, is retried).
    const api = backstage.api;
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      const summary = await api('/api/ops/compliance/summary')
        .then(res => res.json())
        .catch(() => ({}));
      if (summary.entityCount === 5) break;
      await new Promise(r => setTimeout(r, 500));
    }
    // Then until Prometheus has been asked and the evaluation that follows has stored the live summary.
    while (Date.now() < until + 60_000) {
      const list = await api('/api/ops/compliance?q=payments')
        .then(res => res.json())
        .catch(() => ({}));
      const row = list.items?.[0];
      if (row?.slos?.met === 1 && typeof row?.budget?.remaining === 'number')
        break;
      await new Promise(r => setTimeout(r, 500));
    }
    // Read by the test workers, which start after the global setup.
    process.env.OPSKIT_E2E_BASE_URL = backstage.baseUrl;
    process.env.OPSKIT_E2E_PAGE_ERRORS = pageErrors;
  } catch (error) {
    await stopEnvironment();
    const cause = (error as Error).cause;
    throw new Error(
      `e2e setup: ${(error as Error).message.slice(0, 4000)}${
        cause ? ` (${String(cause)})` : ''
      }`,
    );
  }
}

export async function stopEnvironment(): Promise<void> {
  const { backstage, prometheus, exporter, dir } = running;
  running.backstage = running.prometheus = running.exporter = undefined;
  running.dir = undefined;
  await backstage?.stop();
  await prometheus?.stop();
  await exporter?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
}
