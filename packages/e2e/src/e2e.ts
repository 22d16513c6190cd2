/*
 * End to end: the example Backstage (app built and served by its backend,
 * real catalog with the examples, SQLite, ops-backend) driven in headless
 * Debian Chromium. Each step is a test; the run prints "e2e: N passed, M failed"
 * and, with --report FILE, writes {passed, failed} for scripts/test.sh.
 * Screenshots go to e2e-screenshots/ at the repository root.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import {
  startExporter,
  startPrometheus,
  type Exporter,
  type RealPrometheus,
} from '@opskit/plugin-ops-backend-module-prometheus/testUtils';
import { buildApp, ROOT, startBackstage, type Backstage } from './backstage';
import { launchChromium } from './browser';

const SHOTS = join(ROOT, 'e2e-screenshots');
const PORT = Number(process.env.OPSKIT_E2E_PORT ?? 7037);
const GUEST = 'user:development/guest';

type Step = {
  name: string;
  run: (page: Page, backstage: Backstage) => Promise<void>;
};

function expect(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function rows(page: Page, tableName: string) {
  return page.getByRole('table', { name: tableName }).locator('tbody tr');
}

const steps: Step[] = [
  {
    name: 'signs in as guest and sees the examples in the catalog',
    async run(page, backstage) {
      await page.goto(`${backstage.baseUrl}/`);
      await page.getByRole('button', { name: 'Enter' }).click();
      await page.getByRole('link', { name: 'payments-api' }).first().waitFor();
      for (const name of [
        'inventory-service',
        'notifications-worker',
        'legacy-billing',
      ]) {
        await page.getByRole('link', { name }).first().waitFor();
      }
    },
  },
  {
    name: "a compliant service's overview card and Ops tab show its runbook",
    async run(page) {
      await page.getByRole('link', { name: 'payments-api' }).first().click();
      await page.getByText('Ops readiness').waitFor();
      await page.getByRole('link', { name: 'Open the Ops tab' }).waitFor();
      await page.getByRole('link', { name: 'Ops', exact: true }).click();
      const slos = await rows(page, 'Service level objectives');
      await slos.first().waitFor();
      expect(
        (await slos.count()) >= 3,
        `expected ≥ 3 SLO rows, got ${await slos.count()}`,
      );
      const path = page.getByRole('list', { name: 'Escalation path' });
      const targets = path.getByRole('link');
      expect(
        (await targets.count()) >= 1,
        'escalation targets should link to the catalog',
      );
      expect(
        (await targets.first().getAttribute('href'))?.includes(
          '/catalog/default/group/',
        ),
        'escalation target links to its group page',
      );
      for (const section of [
        'Environments',
        'Monitoring',
        'Deployment',
        'Incidents',
        'Logging',
        'Backups and recovery',
        'Version history',
        'Waivers',
      ]) {
        expect(
          await page.getByText(section, { exact: true }).first().isVisible(),
          `section ${section} visible`,
        );
      }
      expect(
        (await page
          .getByRole('table', { name: 'Validation issues' })
          .count()) === 0,
        'a clean descriptor has no issues table',
      );
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download runbook' }).click();
      const file = await (await download).path();
      const text = readFileSync(file!, 'utf8');
      expect(
        text.startsWith('# payments-api — operations runbook'),
        `runbook starts with its title, got ${text.slice(0, 60)}`,
      );
      expect(
        text.includes('## Service level objectives'),
        'runbook has the SLO section',
      );
      await shot(page, '01-payments-api-ops-tab');
    },
  },
  {
    name: "a broken service's Ops tab lists its validation issues with paths",
    async run(page, backstage) {
      await page.goto(
        `${backstage.baseUrl}/catalog/default/component/legacy-billing/ops`,
      );
      const issues = await rows(page, 'Validation issues');
      await issues.first().waitFor();
      const count = await issues.count();
      expect(count >= 3, `expected several issues, got ${count}`);
      expect(
        (await issues.first().locator('code').textContent())?.length,
        'each issue names its path',
      );
      expect(
        await page
          .getByText(/^How to fix:/)
          .first()
          .isVisible(),
        'failing checks say how to fix them',
      );
      await shot(page, '02-legacy-billing-issues');
    },
  },
  {
    name: 'a checklist sign-off is recorded and persists after reload',
    async run(page, backstage) {
      await page.goto(
        `${backstage.baseUrl}/catalog/default/component/payments-api/ops`,
      );
      const item = page.getByTestId('checklist-tests-passing');
      await item.waitFor();
      await item.getByRole('button', { name: /^Sign off/ }).click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('Comment (optional)').fill('e2e: pipeline green');
      await dialog.getByRole('button', { name: 'Sign off' }).click();
      await item.getByText(`Signed off by ${GUEST}`).waitFor();
      await page.reload();
      await page
        .getByTestId('checklist-tests-passing')
        .getByText(`Signed off by ${GUEST}`)
        .waitFor();
      expect(
        (await page
          .getByTestId('checklist-tests-passing')
          .getByRole('button')
          .count()) === 0,
        'no sign-off button once signed',
      );
      const stored = (await (
        await backstage.api(
          '/api/ops/entities/component/default/payments-api/signoffs',
        )
      ).json()) as {
        items: Array<{ itemId: string; by: string; comment?: string }>;
      };
      expect(
        stored.items.some(
          s =>
            s.itemId === 'tests-passing' &&
            s.by === GUEST &&
            s.comment === 'e2e: pipeline green',
        ),
        `stored sign-offs: ${JSON.stringify(stored.items)}`,
      );
      await shot(page, '03-signed-off');
    },
  },
  {
    name: 'the SLO table and the compliance page show live values measured by a real Prometheus',
    async run(page, backstage) {
      await page.goto(
        `${backstage.baseUrl}/catalog/default/component/payments-api/ops`,
      );
      const slos = page.getByRole('table', {
        name: 'Service level objectives',
      });
      const production = slos.getByTestId(
        'slo-live-production-Response time (p95)',
      );
      await production.waitFor();
      const text = await production.textContent();
      // histogram_quantile(0.95, …) of the exporter's buckets: 162.5 ms in production (met), 462.5 ms in staging (breached).
      expect(
        /production: 162\.5 ms\s*met · (just now|\d+ min ago)/.test(text ?? ''),
        `production live value, got "${text}"`,
      );
      expect(
        (
          await slos
            .getByTestId('slo-live-staging-Response time (p95)')
            .textContent()
        )?.includes('462.5 ms breached'),
        'staging breached',
      );
      const development = slos.getByTestId(
        'slo-live-development-Response time (p95)',
      );
      expect(
        (await development.textContent())?.includes('query error'),
        'development has no series: a query error',
      );
      expect(
        (await development.getAttribute('title'))?.includes('no series'),
        'the error says why',
      );
      expect(
        await page.getByText('1 SLO(s) met in production').first().isVisible(),
        'the check passes on the live value',
      );
      await shot(page, '02b-payments-api-live-slos');
      await page.goto(`${backstage.baseUrl}/ops?q=payments`);
      const row = (await rows(page, 'Compliance of every entity')).first();
      await row.getByTestId('slo-state-met').waitFor();
      expect(
        (await row.getByTestId('slo-state-met').textContent()) === '1/1 met',
        'the compliance row summarises production SLOs',
      );
      const cell = await row.textContent();
      expect(
        /Response time \(p95\) 162\.5 ms · (just now|\d+ min ago)/.test(
          cell ?? '',
        ),
        `the row shows the live value and its age, got "${cell}"`,
      );
      await shot(page, '04b-compliance-live-slos');
    },
  },
  {
    name: 'the compliance page lists every entity, filters, sorts (by keyboard) and keeps the view in the URL',
    async run(page, backstage) {
      await page.goto(`${backstage.baseUrl}/catalog`);
      await page.getByRole('link', { name: 'Ops compliance' }).click();
      const table = await rows(page, 'Compliance of every entity');
      await page
        .getByTestId('ops-page-range')
        .filter({ hasText: '1–4 of 4' })
        .waitFor();
      expect((await table.count()) === 4, `4 rows, got ${await table.count()}`);

      await page.getByTestId('ops-filter-search').fill('pay');
      await page.waitForURL(/[?&]q=pay/);
      await page
        .getByTestId('ops-page-range')
        .filter({ hasText: '1–1 of 1' })
        .waitFor();
      expect(
        (await table.first().textContent())?.includes('payments-api'),
        'search finds payments-api',
      );
      await page.getByRole('button', { name: 'Clear filters' }).click();
      await page
        .getByTestId('ops-page-range')
        .filter({ hasText: '1–4 of 4' })
        .waitFor();

      // Keyboard: focus the Entity column's sort control and press Enter.
      await page.getByRole('button', { name: 'Entity' }).focus();
      await page.keyboard.press('Enter');
      await page.waitForURL(/sort=entityRef/);
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="ops-compliance-table"] tbody tr')
          ?.textContent?.includes('inventory-service'),
      );
      await page.keyboard.press('Enter');
      await page.waitForURL(/order=desc/);
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="ops-compliance-table"] tbody tr')
          ?.textContent?.includes('payments-api'),
      );

      // The view survives a reload: a shared link shows the same list.
      await page.reload();
      await page.waitForFunction(() =>
        document
          .querySelector('[data-testid="ops-compliance-table"] tbody tr')
          ?.textContent?.includes('payments-api'),
      );
      expect(
        page.url().includes('sort=entityRef') &&
          page.url().includes('order=desc'),
        `URL keeps the sort: ${page.url()}`,
      );
      expect(
        await page.getByTestId('ops-total').isVisible(),
        'summary tiles shown',
      );
      expect(
        await page.getByRole('table', { name: 'Owners' }).isVisible(),
        'owner roll-up shown',
      );
      expect(
        await page.getByRole('img', { name: /Average score/ }).isVisible(),
        'trend chart shown',
      );
      await shot(page, '04-compliance-page');
    },
  },
  {
    name: 'the compliance list downloads as CSV',
    async run(page) {
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const done = await download;
      expect(
        done.suggestedFilename() === 'ops-compliance.csv',
        `file name ${done.suggestedFilename()}`,
      );
      const lines = readFileSync((await done.path())!, 'utf8')
        .trim()
        .split('\n');
      expect(lines.length === 5, `header + 4 rows, got ${lines.length}`);
      expect(lines[0].startsWith('entityRef'), `CSV header: ${lines[0]}`);
      // Exported in the page's sort order (entity ref, descending).
      expect(
        lines[1].startsWith('component:default/payments-api'),
        `first row: ${lines[1]}`,
      );
    },
  },
  {
    name: 'the "new service with ops defaults" template is offered on the Create page',
    async run(page, backstage) {
      await page.goto(`${backstage.baseUrl}/create`);
      await page.getByText('New service with ops defaults').first().waitFor();
      await shot(page, '06-create-template');
    },
  },
  {
    name: 'the dark theme renders the compliance page',
    async run(page, backstage) {
      await page.evaluate(() => localStorage.setItem('theme', 'dark'));
      await page.goto(`${backstage.baseUrl}/ops`);
      await page
        .getByTestId('ops-page-range')
        .filter({ hasText: 'of 4' })
        .waitFor();
      const mode = await page.evaluate(() =>
        document.body.getAttribute('data-theme-mode'),
      );
      expect(mode === 'dark', `theme mode ${mode}`);
      await shot(page, '05-compliance-page-dark');
      await page.evaluate(() => localStorage.removeItem('theme'));
    },
  },
];

async function main() {
  const reportFile = process.argv.includes('--report')
    ? process.argv[process.argv.indexOf('--report') + 1]
    : undefined;
  mkdirSync(SHOTS, { recursive: true });
  let passed = 0;
  let failed = 0;
  let backstage: Backstage | undefined;
  let exporter: Exporter | undefined;
  let prometheus: RealPrometheus | undefined;
  const browser = await launchChromium().catch(error => {
    throw new Error(
      `cannot start Chromium (run scripts/ensure-tool.sh chromium): ${error.message}`,
    );
  });
  try {
    buildApp();
    // A real Prometheus scraping payments-api's request-duration histogram (the example's SLO query), per environment.
    exporter = await startExporter();
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
    prometheus = await startPrometheus(exporter.port);
    const target = `{ baseUrl: ${prometheus.url} }`;
    backstage = await startBackstage({
      port: PORT,
      extraConfig: [
        `  prometheus: { environments: { production: ${target}, staging: ${target}, development: ${target} } }`,
        '  facts: { schedule: { frequency: { minutes: 5 }, timeout: { minutes: 4 }, initialDelay: { seconds: 4 } } }',
      ],
    });
    // The evaluation runs 2 s after start; wait until all four examples are stored.
    const api = backstage.api;
    const until = Date.now() + 90_000;
    while (Date.now() < until) {
      const summary = await (await api('/api/ops/compliance/summary'))
        .json()
        .catch(() => ({}));
      if (summary.entityCount === 4) break;
      await new Promise(r => setTimeout(r, 500));
    }
    // Then until Prometheus has been asked and the evaluation that follows has stored the live summary.
    while (Date.now() < until + 60_000) {
      const list = await (await api('/api/ops/compliance?q=payments'))
        .json()
        .catch(() => ({}));
      if (list.items?.[0]?.slos?.met === 1) break;
      await new Promise(r => setTimeout(r, 500));
    }
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
      acceptDownloads: true,
    });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', error => errors.push(error.message));
    for (const step of steps) {
      const started = Date.now();
      try {
        await step.run(page, backstage);
        passed++;
        console.log(`  ✓ ${step.name} (${Date.now() - started} ms)`);
      } catch (error) {
        failed++;
        console.log(
          `  ✕ ${step.name}\n    ${String((error as Error).message)
            .split('\n')
            .slice(0, 6)
            .join('\n    ')}`,
        );
        await shot(page, `failed-${steps.indexOf(step) + 1}`).catch(
          () => undefined,
        );
      }
    }
    if (errors.length) {
      failed++;
      console.log(
        `  ✕ the app threw no uncaught errors\n    ${errors
          .slice(0, 5)
          .join('\n    ')}`,
      );
    } else {
      passed++;
      console.log('  ✓ the app threw no uncaught errors');
    }
  } catch (error) {
    failed++;
    console.log(`  ✕ e2e setup: ${(error as Error).message.slice(0, 4000)}`);
  } finally {
    await browser.close();
    await backstage?.stop();
    await prometheus?.stop();
    await exporter?.close();
  }
  console.log(
    `e2e: ${passed} passed, ${failed} failed (screenshots in e2e-screenshots/)`,
  );
  if (reportFile) writeFileSync(reportFile, JSON.stringify({ passed, failed }));
  process.exitCode = failed ? 1 : 0;
}

main();
