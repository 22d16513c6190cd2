/*
 * The end-to-end steps (playwright.config.ts starts what they drive). They
 * run in order on one worker and share one signed-in page, as a user would
 * go through the app; each step screenshots what it checked, and a failing
 * one leaves failed-N.png (N = its position) in e2e-screenshots/. When a
 * step fails Playwright restarts the worker: the next step gets a fresh page,
 * signed in as guest.
 */
import {
  appendFileSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the probes' hostile catalog, read from source
import { writeHostileCatalog } from 'probes/src/hostileCatalog';
import {
  test as base,
  expect,
  type Browser,
  type Page,
} from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { backstageApi, ROOT, startBackstage } from './backstage';

const SHOTS = join(ROOT, 'e2e-screenshots');
const GUEST = 'user:development/guest';

type Backstage = {
  baseUrl: string;
  api: ReturnType<typeof backstageApi>;
};

const test = base.extend<
  { page: Page },
  {
    backstage: Backstage;
    sharedPage: Page;
    signIn: (page: Page) => Promise<void>;
  }
>({
  backstage: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const baseUrl = process.env.OPSKIT_E2E_BASE_URL;
      if (!baseUrl) throw new Error('the global setup did not start Backstage');
      await use({ baseUrl, api: backstageApi(baseUrl) });
    },
    { scope: 'worker' },
  ],
  signIn: [
    async ({ backstage }, use) => {
      await use(async page => {
        await page.goto(`${backstage.baseUrl}/`);
        await page.getByRole('button', { name: 'Enter' }).click();
        // Signed in (and remembered across navigations) once the catalog shows.
        await expect(
          page.getByRole('link', { name: 'payments-api' }).first(),
        ).toBeVisible();
      });
    },
    { scope: 'worker' },
  ],
  // Every step gets the one shared page.
  page: async ({ sharedPage }, use) => use(sharedPage),
  sharedPage: [
    async ({ browser, signIn }, use, workerInfo) => {
      const context = await browser.newContext({
        viewport: { width: 1400, height: 1000 },
        acceptDownloads: true,
      });
      context.setDefaultTimeout(30_000);
      const page = await context.newPage();
      const errors = process.env.OPSKIT_E2E_PAGE_ERRORS;
      page.on('pageerror', error => {
        if (errors)
          appendFileSync(errors, `${JSON.stringify(error.message)}\n`);
      });
      // A worker restarted after a failing step starts signed in, as the first step leaves the page.
      if (workerInfo.workerIndex > 0) await signIn(page);
      await use(page);
      await context.close();
    },
    { scope: 'worker' },
  ],
});

/** The steps' titles in order: a failing step's screenshot is failed-<position>.png. */
const steps: string[] = [];
function step(title: string) {
  steps.push(title);
  return title;
}

async function shot(page: Page, name: string) {
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

function rows(page: Page, tableName: string) {
  return page.getByRole('table', { name: tableName }).locator('tbody tr');
}

/** Waits until an evaluation newer than `id` is stored. */
async function evaluatedAfter(backstage: Backstage, id: number) {
  await expect
    .poll(
      async () =>
        (
          await (await backstage.api('/api/ops/compliance/summary')).json()
        ).evaluation?.id,
      { timeout: 60_000 },
    )
    .toBeGreaterThan(id);
}

function firstComplianceRow(page: Page) {
  return page.getByTestId('ops-compliance-table').locator('tbody tr').first();
}

test.afterEach(async ({ page }, testInfo) => {
  if (testInfo.status === testInfo.expectedStatus) return;
  const index = steps.indexOf(testInfo.title) + 1;
  const path = await shot(page, `failed-${index}`).catch(() => undefined);
  if (path)
    await testInfo.attach('failure', { path, contentType: 'image/png' });
});

test(
  step('signs in as guest and sees the examples in the catalog'),
  async ({ page, backstage }) => {
    await page.goto(`${backstage.baseUrl}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    for (const name of [
      'payments-api',
      'checkout-service',
      'inventory-service',
      'notifications-worker',
      'legacy-billing',
    ]) {
      await expect(page.getByRole('link', { name }).first()).toBeVisible();
    }
  },
);

test(
  step("a compliant service's overview card and Ops tab show its runbook"),
  async ({ page }) => {
    await page.getByRole('link', { name: 'payments-api' }).first().click();
    await expect(page.getByText('Ops readiness')).toBeVisible();
    await expect(
      page.getByRole('link', { name: 'Open the Ops tab' }),
    ).toBeVisible();
    await page.getByRole('link', { name: 'Ops', exact: true }).click();
    const slos = rows(page, 'Service level objectives');
    await expect(slos.first()).toBeVisible();
    await expect
      .poll(() => slos.count(), { message: 'at least 3 SLO rows' })
      .toBeGreaterThanOrEqual(3);
    const targets = page
      .getByRole('list', { name: 'Escalation path' })
      .getByRole('link');
    await expect(
      targets,
      'escalation targets should link to the catalog',
    ).not.toHaveCount(0);
    await expect(
      targets.first(),
      'escalation target links to its group page',
    ).toHaveAttribute('href', /\/catalog\/default\/group\//);
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
      await expect(
        page.getByText(section, { exact: true }).first(),
        `section ${section} visible`,
      ).toBeVisible();
    }
    await expect(
      page.getByRole('table', { name: 'Validation issues' }),
      'a clean descriptor has no issues table',
    ).toHaveCount(0);
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Download runbook' }).click();
    const text = readFileSync((await (await download).path())!, 'utf8');
    expect(text, 'runbook starts with its title').toMatch(
      /^# payments-api — operations runbook/,
    );
    expect(text, 'runbook has the SLO section').toContain(
      '## Service level objectives',
    );
    await shot(page, '01-payments-api-ops-tab');
  },
);

test(
  step(
    'a service whose only ops source is its Markdown runbook shows it on the Ops tab',
  ),
  async ({ page, backstage }) => {
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/checkout-service`,
    );
    await page.getByRole('link', { name: 'Ops', exact: true }).click();
    await expect(
      page.getByTestId('ops-runbook-source'),
      'the tab names the runbook it read',
    ).toContainText('Read from the runbook docs/runbook.md');
    const slos = rows(page, 'Service level objectives');
    await expect
      .poll(() => slos.count(), { message: "the runbook's 3 metric rows" })
      .toBeGreaterThanOrEqual(3);
    await expect(
      page.getByText('from docs/runbook.md').first(),
      'cards name the runbook as their source',
    ).toBeVisible();
    await expect(
      page.getByRole('heading', { name: 'Feature Flag Inventory' }),
      'the chapter OpsKit does not read is shown as written',
    ).toBeVisible();
    await expect(page.getByText('express-checkout')).toBeVisible();
    await shot(page, '01b-checkout-service-runbook-source');

    // The runbook is published with TechDocs (built with mkdocs on first view).
    await page
      .getByTestId('ops-runbook-source')
      .getByRole('link', { name: 'read it in TechDocs' })
      .click();
    await expect(page).toHaveURL(
      /\/docs\/default\/component\/checkout-service\/runbook\/?$/,
    );
    await expect(
      page.getByRole('heading', {
        name: /Checkout service — operational procedures/,
      }),
      'TechDocs shows the runbook the Ops tab was read from',
    ).toBeVisible({ timeout: 120_000 });
    await shot(page, '01c-checkout-service-runbook-techdocs');
  },
);

test(
  step("a broken service's Ops tab lists its validation issues with paths"),
  async ({ page, backstage }) => {
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/legacy-billing/ops`,
    );
    const issues = rows(page, 'Validation issues');
    await expect(issues.first()).toBeVisible();
    await expect
      .poll(() => issues.count(), { message: 'several issues' })
      .toBeGreaterThanOrEqual(3);
    await expect(
      issues.first().locator('code'),
      'each issue names its path',
    ).toHaveText(/\S/);
    await expect(
      page.getByText(/^How to fix:/).first(),
      'failing checks say how to fix them',
    ).toBeVisible();
    await shot(page, '02-legacy-billing-issues');
  },
);

test(
  step('a checklist sign-off is recorded and persists after reload'),
  async ({ page, backstage }) => {
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/payments-api/ops`,
    );
    const item = page.getByTestId('checklist-tests-passing');
    await expect(item).toBeVisible();
    await item.getByRole('button', { name: /^Sign off/ }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Comment (optional)').fill('e2e: pipeline green');
    await dialog.getByRole('button', { name: 'Sign off' }).click();
    await expect(item.getByText(`Signed off by ${GUEST}`)).toBeVisible();
    await page.reload();
    await expect(item.getByText(`Signed off by ${GUEST}`)).toBeVisible();
    await expect(
      item.getByRole('button'),
      'no sign-off button once signed',
    ).toHaveCount(0);
    const stored = (await (
      await backstage.api(
        '/api/ops/entities/component/default/payments-api/signoffs',
      )
    ).json()) as {
      items: Array<{ itemId: string; by: string; comment?: string }>;
    };
    expect(stored.items, 'the sign-off is stored').toContainEqual(
      expect.objectContaining({
        itemId: 'tests-passing',
        by: GUEST,
        comment: 'e2e: pipeline green',
      }),
    );
    await shot(page, '03-signed-off');
  },
);

test(
  step(
    'the SLO table and the compliance page show live values measured by a real Prometheus, and the alert the runbook declares is found loaded there',
  ),
  async ({ page, backstage }) => {
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/payments-api/ops`,
    );
    const slos = page.getByRole('table', { name: 'Service level objectives' });
    // histogram_quantile(0.95, …) of the exporter's buckets: 162.5 ms in production (met), 462.5 ms in staging (breached).
    await expect(
      slos.getByTestId('slo-live-production-Response time (p95)'),
      'production live value',
    ).toHaveText(/production: 162\.5 ms\s*met · (just now|\d+ min ago)/);
    await expect(
      slos.getByTestId('slo-live-staging-Response time (p95)'),
      'staging breached',
    ).toContainText('462.5 ms breached');
    const development = slos.getByTestId(
      'slo-live-development-Response time (p95)',
    );
    await expect(
      development,
      'development has no series: a query error',
    ).toContainText('query error');
    await expect(development, 'the error says why').toHaveAttribute(
      'title',
      /no series/,
    );
    await expect(
      page.getByText('1 SLO(s) met in production').first(),
      'the check passes on the live value',
    ).toBeVisible();
    // The rules `opskit rules` wrote for it are loaded in that Prometheus: no drift
    // (the p95 threshold alert and Uptime's four burn-rate alerts).
    await expect(
      page.getByText(/^5 alert\(s\) loaded in production/).first(),
      'the declared alerts are deployed',
    ).toBeVisible();
    // Uptime's error budget from the request counters: 1 in 2,000 fails in production.
    const budget = page.getByTestId('budget-production-Uptime');
    await expect(
      budget.getByRole('progressbar', {
        name: 'Error budget left for Uptime in production: 50 %',
      }),
      'production has half its budget left',
    ).toBeVisible();
    await expect(budget).toContainText('50 % of the 4w budget left');
    await expect(
      page.getByTestId('budget-staging-Uptime').getByText('budget spent'),
      'staging (1 in 20 fails) has spent its budget',
    ).toBeVisible();
    // …and Prometheus fires the page alerts `opskit rules` wrote: shown first on the tab.
    await expect(
      page.getByTestId('ops-firing-alerts'),
      'the firing burn-rate alert',
    ).toContainText(
      'Firing in staging: OpsKitErrorBudgetBurn (Uptime, page, 1h/5m)',
    );
    await shot(page, '02b-payments-api-live-slos');
    await page.goto(`${backstage.baseUrl}/ops?q=payments`);
    const row = rows(page, 'Compliance of every entity').first();
    await expect(
      row.getByTestId('slo-state-met'),
      'the compliance row summarises production SLOs',
    ).toHaveText('1/1 met');
    await expect(row, 'the row shows the live value and its age').toHaveText(
      /Response time \(p95\) 162\.5 ms · (just now|\d+ min ago)/,
    );
    await expect(
      row,
      "the row shows production's worst error budget",
    ).toContainText('50 % left');
    await shot(page, '04b-compliance-live-slos');
  },
);

test(
  step(
    'the compliance page lists every entity, filters, sorts (by keyboard) and keeps the view in the URL',
  ),
  async ({ page, backstage }) => {
    await page.goto(`${backstage.baseUrl}/catalog`);
    await page.getByRole('link', { name: 'Ops compliance' }).click();
    const table = rows(page, 'Compliance of every entity');
    const range = page.getByTestId('ops-page-range');
    await expect(range.filter({ hasText: '1–5 of 5' })).toBeVisible();
    await expect(table).toHaveCount(5);

    await page.getByTestId('ops-filter-search').fill('pay');
    await expect(page).toHaveURL(/[?&]q=pay/);
    await expect(range.filter({ hasText: '1–1 of 1' })).toBeVisible();
    await expect(table.first(), 'search finds payments-api').toContainText(
      'payments-api',
    );
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await expect(range.filter({ hasText: '1–5 of 5' })).toBeVisible();

    // Keyboard: focus the Entity column's sort control and press Enter.
    await page.getByRole('button', { name: 'Entity' }).focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/sort=entityRef/);
    await expect(firstComplianceRow(page)).toContainText('checkout-service');
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/order=desc/);
    await expect(firstComplianceRow(page)).toContainText('payments-api');

    // The view survives a reload: a shared link shows the same list.
    await page.reload();
    await expect(firstComplianceRow(page)).toContainText('payments-api');
    await expect(page, 'URL keeps the sort').toHaveURL(/sort=entityRef/);
    await expect(page, 'URL keeps the order').toHaveURL(/order=desc/);
    await expect(
      page.getByTestId('ops-total'),
      'summary tiles shown',
    ).toBeVisible();
    await expect(
      page.getByRole('table', { name: 'Owners' }),
      'owner roll-up shown',
    ).toBeVisible();
    await expect(
      page.getByRole('img', { name: /Average score/ }),
      'trend chart shown',
    ).toBeVisible();
    await shot(page, '04-compliance-page');
  },
);

test(step('the compliance list downloads as CSV'), async ({ page }) => {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export CSV' }).click();
  const done = await download;
  expect(done.suggestedFilename()).toBe('ops-compliance.csv');
  const lines = readFileSync((await done.path())!, 'utf8')
    .trim()
    .split('\n');
  expect(lines, 'header + 5 rows').toHaveLength(6);
  expect(lines[0], 'CSV header').toMatch(/^entityRef/);
  // Exported in the page's sort order (entity ref, descending).
  expect(lines[1], 'first row').toMatch(/^component:default\/payments-api/);
});

test(
  step(
    'a waiver shows on the Ops tab, turns its check to waived, and is revoked there; the compliance page follows each at once, without an evaluation',
  ),
  async ({ page, backstage, signIn }) => {
    // Run alone (--grep), the shared page has not signed in yet.
    if (page.url() === 'about:blank') await signIn(page);
    const legacy = '/api/ops/entities/component/default/legacy-billing';
    const failing = async () => {
      await page.goto(`${backstage.baseUrl}/ops?q=legacy-billing`);
      const row = rows(page, 'Compliance of every entity').first();
      await expect(row).toContainText('legacy-billing');
      // The failing-checks cell: "N: first, second, …", every title on hover.
      return row.locator('span[title]').filter({ hasText: /^\d+: / });
    };
    const runBefore = (
      await (await backstage.api('/api/ops/compliance/summary')).json()
    ).evaluation;
    await expect(
      await failing(),
      'backups fail before the waiver',
    ).toHaveAttribute('title', /Data stores backed up/);
    const created = await backstage.api(`${legacy}/waivers`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        checkId: 'backups-scheduled',
        reason: 'e2e: moving to managed backups',
        expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      }),
    });
    expect(created.status, 'the waiver is created').toBe(201);
    // Scored into the served run when the write returned: no refresh, no schedule.
    await expect(
      await failing(),
      'the compliance list no longer fails the waived check',
    ).not.toHaveAttribute('title', /Data stores backed up/);
    await expect(page.getByTestId('ops-evaluated')).toContainText(
      /scored since/,
    );
    const runAfter = (
      await (await backstage.api('/api/ops/compliance/summary')).json()
    ).evaluation;
    expect(runAfter.id, 'no new evaluation ran').toBe(runBefore.id);
    expect(runAfter.revision).toBeGreaterThan(runBefore.revision ?? 0);
    await shot(page, '06b-compliance-follows-waiver');
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/legacy-billing/ops`,
    );
    const waivers = page.getByRole('list', { name: 'Waivers' });
    await expect(waivers).toContainText('backups-scheduled');
    await expect(waivers).toContainText('e2e: moving to managed backups');
    // The check reads "Waived · Data stores backed up", and says by whom; after revoking it fails again.
    await expect(
      page.getByText('Waived · Data stores backed up', { exact: false }),
    ).toBeVisible();
    await expect(page.getByText(/Waived by .* until/)).toBeVisible();
    await page
      .getByRole('button', { name: 'Revoke waiver for backups-scheduled' })
      .click();
    await expect(
      page.getByText('No active waivers or pending requests.'),
    ).toBeVisible();
    await expect(
      page.getByText('Fail · Data stores backed up', { exact: false }),
    ).toBeVisible();
    const active = await (await backstage.api(`${legacy}/waivers`)).json();
    expect(active.items, 'no active waiver left').toEqual([]);
    await shot(page, '07-waiver-revoked');
    await expect(
      await failing(),
      'the compliance list fails the check again',
    ).toHaveAttribute('title', /Data stores backed up/);
  },
);

test(
  step('Refresh on the compliance page starts an evaluation that finishes'),
  async ({ page, backstage }) => {
    const before = await (
      await backstage.api('/api/ops/compliance/summary')
    ).json();
    await page.goto(`${backstage.baseUrl}/ops`);
    await page.getByRole('button', { name: 'Refresh' }).click();
    await expect(
      page.getByText(
        /Evaluation started; the list updates when it finishes\.|An evaluation is already running\./,
      ),
    ).toBeVisible();
    await evaluatedAfter(backstage, before.evaluation.id);
  },
);

test(
  step(
    'the "new service with ops defaults" template runs from the Create page and writes ops.yaml and the runbook',
  ),
  async ({ page, backstage }) => {
    await page.goto(`${backstage.baseUrl}/create`);
    await page
      .getByRole('article')
      .filter({ hasText: 'New service with ops defaults' })
      .getByRole('button', { name: 'Choose' })
      .click();
    await page.getByLabel('Name').fill('e2e-orders');
    const owner = page.getByLabel('Owner');
    await owner.fill('payments-team');
    await page
      .getByRole('option', { name: /payments-team/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Next' }).click();
    const onCall = page.getByLabel('On-call group');
    await onCall.fill('payments-oncall');
    await page
      .getByRole('option', { name: /payments-oncall/ })
      .first()
      .click();
    await page.getByRole('button', { name: 'Review' }).click();
    await page.getByRole('button', { name: 'Create' }).click();
    // The task ran every step; its output says what was written.
    await expect(page.getByText(/e2e-orders.*starts at tier-3/)).toBeVisible({
      timeout: 60_000,
    });
    await expect(
      page.getByText(/catalog-info\.yaml points at it with/),
    ).toBeVisible();
    await shot(page, '06-template-run');
  },
);

test(
  step(
    'the "new service with ops defaults" template is offered on the Create page',
  ),
  async ({ page, backstage }) => {
    await page.goto(`${backstage.baseUrl}/create`);
    await expect(
      page.getByText('New service with ops defaults').first(),
    ).toBeVisible();
    await shot(page, '06-create-template');
  },
);

/** The campaign page the campaign step created, audited by the axe step. */
let campaignPath: string | undefined;

/** axe-core's WCAG 2 A/AA findings inside `selector`, one line per node. */
async function axeFindings(page: Page, selector: string, name: string) {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .include(selector)
    .analyze();
  return results.violations.flatMap(violation =>
    violation.nodes.map(
      node =>
        `${name}: ${violation.id} ${node.target.join(' ')}: ${(
          node.failureSummary ?? ''
        )
          .split('\n')
          .slice(1, 2)
          .join('')
          .trim()}`,
    ),
  );
}

test(
  step(
    'an SRE lead creates a campaign in the browser, it shows its burn-up after an evaluation, and the Ops tab names it',
  ),
  async ({ page, backstage, signIn }) => {
    test.setTimeout(180_000);
    if (page.url() === 'about:blank') await signIn(page);
    await page.goto(`${backstage.baseUrl}/ops`);
    await page.getByRole('tab', { name: 'Campaigns' }).click();
    await page.getByRole('button', { name: 'New campaign' }).click();
    const dialog = page.getByRole('dialog', { name: 'New campaign' });
    await dialog
      .getByRole('textbox', { name: /Title/ })
      .fill('Silver deployments');
    await dialog
      .getByRole('textbox', { name: /Owner \(a group/ })
      .fill('group:default/platform-team');
    await dialog.getByRole('textbox', { name: 'Kinds' }).fill('component');
    await dialog.getByRole('button', { name: /State/ }).click();
    await page.getByRole('option', { name: 'active' }).click();
    // The dialog, open and filled in, passes axe in the light theme.
    expect(
      await axeFindings(page, '[role="dialog"]', 'campaign dialog'),
    ).toEqual([]);
    await dialog.getByRole('button', { name: 'Create' }).click();
    const progress = page.getByTestId('ops-campaign-progress');
    await expect(progress).toBeVisible();
    campaignPath = new URL(page.url()).pathname + new URL(page.url()).search;
    expect(campaignPath).toMatch(
      /^\/ops\?tab=campaigns&campaign=[0-9a-f-]{36}$/,
    );

    // The tracker records a point after each evaluation: run one and wait for it.
    const before = await (
      await backstage.api('/api/ops/compliance/summary')
    ).json();
    expect(
      (await backstage.api('/api/ops/refresh', { method: 'POST' })).status,
    ).toBe(202);
    await evaluatedAfter(backstage, before.evaluation.id);
    const burnUp = page.getByRole('img', {
      name: /entities reached the target on \d{4}-\d{2}-\d{2}/,
    });
    await expect(async () => {
      await page.reload();
      await expect(burnUp).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 30_000 });
    await expect(progress).toHaveText(/of [1-9]\d* reached/);
    await expect(
      page.getByRole('table', { name: 'Campaign progress per owner' }),
    ).toBeVisible();
    await shot(page, '07-campaign');

    // The service's Ops tab names the campaign, its target and its deadline.
    await page.goto(
      `${backstage.baseUrl}/catalog/default/component/payments-api/ops`,
    );
    await expect(
      page
        .getByTestId('ops-entity-campaigns')
        .getByText(
          /asks this service for silver on Deployment checklist, due \d{4}-\d{2}-\d{2}/,
        ),
    ).toBeVisible();
    await page
      .getByTestId('ops-entity-campaigns')
      .getByRole('link', { name: 'Silver deployments' })
      .click();
    await expect(progress).toBeVisible();
  },
);

test(
  step('the dark theme renders the compliance page'),
  async ({ page, backstage }) => {
    await page.evaluate(() => localStorage.setItem('theme', 'dark'));
    await page.goto(`${backstage.baseUrl}/ops`);
    await expect(
      page.getByTestId('ops-page-range').filter({ hasText: 'of 5' }),
    ).toBeVisible();
    await expect(page.locator('body')).toHaveAttribute(
      'data-theme-mode',
      'dark',
    );
    await shot(page, '05-compliance-page-dark');
    await page.evaluate(() => localStorage.removeItem('theme'));
  },
);

/** The views axe-core checks: what OpsKit renders in each (Backstage's own sidebar and header are not ours to fix). */
const AUDITED = [
  [
    'the compliant Ops tab',
    '/catalog/default/component/payments-api/ops',
    'ops-content',
  ],
  [
    'the broken Ops tab',
    '/catalog/default/component/legacy-billing/ops',
    'ops-content',
  ],
  [
    'the overview card',
    '/catalog/default/component/payments-api',
    'ops-overview-card',
  ],
  ['the compliance page', '/ops', 'ops-compliance'],
  ['the campaigns list', '/ops?tab=campaigns', 'ops-campaigns'],
  [
    "a team's roll-up card",
    '/catalog/default/group/engineering',
    'ops-rollup-card',
  ],
] as const;

test(
  step(
    "axe-core finds no WCAG 2 A/AA violation on the Ops tab, the overview card, the compliance page, the campaigns list and page, and a team's roll-up card, light and dark",
  ),
  async ({ page, backstage, signIn }) => {
    test.setTimeout(180_000);
    // Run alone (--grep), the shared page has not signed in yet.
    if (page.url() === 'about:blank') await signIn(page);
    const found: string[] = [];
    for (const theme of ['light', 'dark'] as const) {
      await page.evaluate(t => localStorage.setItem('theme', t), theme);
      const views: Array<readonly [string, string, string]> = [...AUDITED];
      if (campaignPath)
        views.push(['a campaign page', campaignPath, 'ops-campaign']);
      for (const [name, path, testId] of views) {
        await page.goto(`${backstage.baseUrl}${path}`);
        await expect(page.getByTestId(testId).first()).toBeVisible();
        // Loading indicators are gone (a campaign's progress bars have a value and stay).
        await expect(
          page.locator('[role="progressbar"]:not([aria-valuenow])'),
        ).toHaveCount(0);
        found.push(
          ...(await axeFindings(
            page,
            `[data-testid="${testId}"]`,
            `${theme} ${name}`,
          )),
        );
      }
    }
    await page.evaluate(() => localStorage.removeItem('theme'));
    expect(found).toEqual([]);
  },
);

test(
  step(
    "with an owner-only sign-off policy, another team's service offers no Sign off and its API answers 403; a team member's waiver waits for an approver, then waives",
  ),
  async ({ browser }) => {
    test.setTimeout(300_000);
    // The example backend once more, with the README's policy module instead of allow-all, and the guest signed in as Jane of payments-team.
    const policed = await startBackstage({
      env: { OPSKIT_EXAMPLE_POLICY: 'owner-signoffs' },
      extraConfig: [
        'auth:',
        '  providers:',
        '    guest: { userEntityRef: user:default/jane, ownershipEntityRefs: [user:default/jane, group:default/payments-team] }',
      ],
    });
    const context = await browser.newContext({
      viewport: { width: 1400, height: 1000 },
    });
    try {
      const page = await context.newPage();
      await page.goto(`${policed.baseUrl}/`);
      await page.getByRole('button', { name: 'Enter' }).click();
      await expect(
        page.getByRole('link', { name: 'payments-api' }).first(),
      ).toBeVisible();
      // Her team's service: the checklist offers Sign off.
      await page.goto(
        `${policed.baseUrl}/catalog/default/component/payments-api/ops`,
      );
      await expect(
        page
          .getByTestId('checklist-tests-passing')
          .getByRole('button', { name: /^Sign off/ }),
      ).toBeVisible();
      // Another team's (platform-team's legacy-billing): the checklist, but no Sign off.
      await page.goto(
        `${policed.baseUrl}/catalog/default/component/legacy-billing/ops`,
      );
      const item = page.getByTestId('checklist-tests-passing');
      await expect(item).toBeVisible();
      await expect(item.getByRole('button', { name: /^Sign off/ })).toHaveCount(
        0,
      );
      await shot(page, '08-policy-no-sign-off');
      // Her own token: 403 naming the permission there, 201 on her team's service.
      const identity = await (
        await fetch(`${policed.baseUrl}/api/auth/guest/refresh`, {
          headers: { 'X-Requested-With': 'XMLHttpRequest' },
        })
      ).json();
      const token = identity.backstageIdentity.token as string;
      const signOff = (name: string) =>
        fetch(
          `${policed.baseUrl}/api/ops/entities/component/default/${name}/signoffs`,
          {
            method: 'POST',
            headers: {
              Authorization: `Bearer ${token}`,
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({ itemId: 'tests-passing' }),
          },
        );
      const refused = await signOff('legacy-billing');
      expect(refused.status).toBe(403);
      expect((await refused.json()).error.message).toBe(
        'you are not allowed to sign off checklist items of component:default/legacy-billing (ops.checklist.update)',
      );
      expect((await signOff('payments-api')).status).toBe(201);

      // A waiver asked by Jane is a request: pending, waiving nothing, no Approve for her.
      await page.goto(
        `${policed.baseUrl}/catalog/default/component/payments-api/ops`,
      );
      const score = page.getByLabel('Deployment checklist score');
      const before = parseFloat((await score.innerText()) ?? '');
      await page
        .getByRole('button', {
          name: 'Request waiver for Deployment checklist signed off',
        })
        .click();
      const dialog = page.getByRole('dialog', {
        name: 'Request a waiver: Deployment checklist signed off',
      });
      await dialog
        .getByLabel(/Reason/)
        .fill('release 2.4.0 is signed off in the change ticket');
      expect(
        await axeFindings(page, '[role="dialog"]', 'waiver request dialog'),
      ).toEqual([]);
      await dialog.getByRole('button', { name: 'Request waiver' }).click();
      const waivers = page.getByRole('list', { name: 'Waivers' });
      await expect(waivers.getByText('pending approval')).toBeVisible();
      await expect(
        waivers.getByRole('button', { name: /Approve/ }),
      ).toHaveCount(0);
      expect(parseFloat(await score.innerText())).toBe(before);
      await shot(page, '08b-waiver-requested');
      // The compliance page's queue lists it; deciding is the approvers': the dialog says why it cannot be done, and keeps the comment.
      await page.goto(`${policed.baseUrl}/ops`);
      const queue = page.getByTestId('ops-waiver-queue');
      await expect(queue.getByText('checklist-signed-off')).toBeVisible();
      await expect(
        page.locator('[role="progressbar"]:not([aria-valuenow])'),
      ).toHaveCount(0);
      expect(
        await axeFindings(
          page,
          '[data-testid="ops-compliance"]',
          'waiver queue',
        ),
      ).toEqual([]);
      await queue
        .getByRole('button', {
          name: /^Approve waiver of checklist-signed-off/,
        })
        .click();
      const decision = page.getByRole('dialog', {
        name: /^Approve the waiver/,
      });
      await decision.getByLabel(/Comment/).fill('fine by me');
      expect(
        await axeFindings(page, '[role="dialog"]', 'waiver decision dialog'),
      ).toEqual([]);
      await decision.getByRole('button', { name: 'Approve' }).click();
      await expect(decision.getByRole('alert')).toContainText(
        'ops.waiver.manage',
      );
      await expect(decision.getByLabel(/Comment/)).toHaveValue('fine by me');
      await decision.getByRole('button', { name: 'Cancel' }).click();
      // Her token cannot decide it; an approver's automation (the static token) approves it.
      const [pending] = (
        await (await policed.api('/api/ops/waivers?status=pending')).json()
      ).items;
      expect(pending).toMatchObject({
        checkId: 'checklist-signed-off',
        by: 'user:default/jane',
        status: 'pending',
      });
      const decide = (auth: string) =>
        fetch(`${policed.baseUrl}/api/ops/waivers/${pending.id}/decision`, {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/json' },
          body: JSON.stringify({
            decision: 'approve',
            comment: 'ok for 2.4.0',
          }),
        });
      expect((await decide(`Bearer ${token}`)).status).toBe(403);
      const approved = await policed.api(
        `/api/ops/waivers/${pending.id}/decision`,
        {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({
            decision: 'approve',
            comment: 'ok for 2.4.0',
          }),
        },
      );
      expect(approved.status).toBe(200);
      // Approved: the check is waived and the score goes up.
      await page.goto(
        `${policed.baseUrl}/catalog/default/component/payments-api/ops`,
      );
      await expect(waivers.getByText('pending approval')).toHaveCount(0);
      await expect(
        page.getByText(/^Waived · Deployment checklist signed off/),
      ).toBeVisible();
      await expect
        .poll(async () => parseFloat(await score.innerText()))
        .toBeGreaterThan(before);
      await shot(page, '08c-waiver-approved');
    } finally {
      await context.close();
      await policed.stop();
    }
  },
);

/** 60 plain components: enough for the compliance list to have three pages of 25. */
const CROWD = Array.from(
  { length: 60 },
  (_, i) => `crowd-${String(i).padStart(2, '0')}`,
);

function writeCrowd(dir: string): string {
  const file = join(dir, 'crowd.yaml');
  writeFileSync(
    file,
    CROWD.map(name =>
      JSON.stringify({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name, labels: { 'opskit.io/e2e': 'crowd' } },
        spec: {
          type: 'service',
          owner: 'group:platform-team',
          lifecycle: 'production',
        },
      }),
    ).join('\n---\n'),
  );
  return file;
}

/**
 * A second backend, started by the first step that needs it and shared by
 * the next: the examples, 60 plain components and the probes' hostile
 * entities (unsafe URLs in every URL field, as annotations and in ops.yaml).
 */
let crowded: Promise<Awaited<ReturnType<typeof startBackstage>>> | undefined;
const crowdedDir = mkdtempSync(join(tmpdir(), 'opskit-e2e-crowded-'));
function crowdedBackstage() {
  crowded ??= (async () => {
    const hostile = writeHostileCatalog(crowdedDir);
    const location = (target: string, rules = '') =>
      `    - { type: file, target: ${JSON.stringify(target)}${rules} }`;
    return startBackstage({
      extraConfig: [
        'catalog:',
        '  locations:',
        location(join(ROOT, 'examples/all.yaml')),
        location(
          join(ROOT, 'examples/org.yaml'),
          ', rules: [{ allow: [User, Group] }]',
        ),
        location(hostile.location),
        location(writeCrowd(crowdedDir)),
      ],
    });
  })();
  return crowded;
}

test.afterAll(async () => {
  const served = await crowded?.catch(() => undefined);
  await served?.stop();
  rmSync(crowdedDir, { recursive: true, force: true });
});

async function signedInContext(browser: Browser, baseUrl: string) {
  const context = await browser.newContext({
    viewport: { width: 1400, height: 1000 },
  });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByRole('button', { name: 'Enter' }).click();
  // Signed in once the sidebar shows (the examples may be past the catalog's first page here).
  await expect(
    page.getByRole('link', { name: 'Ops compliance' }),
  ).toBeVisible();
  return { context, page };
}

test(
  step(
    'the compliance list pages through 60+ entities: Next, Previous, rows per page, kept in the URL',
  ),
  async ({ browser }) => {
    test.setTimeout(300_000);
    const served = await crowdedBackstage();
    // Every crowd entity in the catalog, then one evaluation that saw them all.
    await served.waitFor(
      'the crowd in the catalog',
      async () => {
        const response = await served.api(
          '/api/catalog/entities/by-query?filter=metadata.labels.opskit.io/e2e=crowd&limit=1',
        );
        return (
          response.ok && (await response.json()).totalItems >= CROWD.length
        );
      },
      120_000,
    );
    // The examples' components reach the catalog after the crowd and are scored in as they come: the total is read once the catalog stopped growing and every component is served, so it holds for the rest of the test.
    const totalOf = async (path: string) =>
      (await (await served.api(path)).json()).totalItems as number;
    let components = -1;
    let unchangedFor = 0;
    const total = await served.waitFor(
      'an evaluation of the whole catalog',
      async () => {
        const crowd = await totalOf('/api/ops/compliance?q=crowd-&limit=1');
        if (crowd < CROWD.length) {
          await served.api('/api/ops/refresh', { method: 'POST' });
          return false;
        }
        const inCatalog = await totalOf(
          '/api/catalog/entities/by-query?filter=kind=component&limit=1',
        );
        // Unchanged over four reads, half a second apart.
        unchangedFor = inCatalog === components ? unchangedFor + 1 : 0;
        components = inCatalog;
        const settled = unchangedFor >= 3;
        const servedNow = await totalOf('/api/ops/compliance?limit=1');
        if (settled && servedNow !== inCatalog)
          await served.api('/api/ops/refresh', { method: 'POST' });
        return settled && servedNow === inCatalog ? servedNow : false;
      },
      120_000,
    );
    expect(total).toBeGreaterThan(50);
    const { context, page } = await signedInContext(browser, served.baseUrl);
    const range = page.getByTestId('ops-page-range');
    const names = () =>
      page
        .getByTestId('ops-compliance-table')
        .locator('tbody tr td:first-child')
        .allInnerTexts();
    try {
      await page.goto(`${served.baseUrl}/ops`);
      await expect(range).toHaveText(`1–25 of ${total}`);
      const first = await names();
      expect(first).toHaveLength(25);

      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(range).toHaveText(`26–50 of ${total}`);
      const second = await names();
      expect(second).toHaveLength(25);
      expect(second.filter(name => first.includes(name))).toEqual([]);
      expect(page.url()).toContain('cursor=');

      await page.getByRole('button', { name: 'Next page' }).click();
      await expect(range).toHaveText(`51–${total} of ${total}`);
      await expect(
        page.getByRole('button', { name: 'Next page' }),
      ).toBeDisabled();
      const third = await names();
      // Every entity exactly once over the three pages.
      expect(new Set([...first, ...second, ...third]).size).toBe(total);

      await page.getByRole('button', { name: 'Previous page' }).click();
      await expect(range).toHaveText(`26–50 of ${total}`);
      expect(await names()).toEqual(second);

      // A page size resets to the first page and lives in the URL.
      await page.getByRole('button', { name: 'Rows 25' }).click();
      await page.getByRole('option', { name: '50' }).click();
      await expect(range).toHaveText(`1–50 of ${total}`);
      expect(new URL(page.url()).searchParams.get('limit')).toBe('50');
      expect(new URL(page.url()).searchParams.get('cursor')).toBeNull();
      await page.reload();
      await expect(range).toHaveText(`1–50 of ${total}`);
      expect((await names()).slice(0, 25)).toEqual(first);
      await shot(page, '09-paging');
    } finally {
      await context.close();
    }
  },
);

test(
  step(
    'a hostile catalog: no javascript:, data: or vbscript: URL becomes a link on the Ops tab',
  ),
  async ({ browser }) => {
    test.setTimeout(300_000);
    const served = await crowdedBackstage();
    const { context, page } = await signedInContext(browser, served.baseUrl);
    try {
      for (const name of ['probe-unsafe', 'probe-unsafe-file']) {
        await served.waitFor(
          `${name} in the catalog`,
          async () =>
            (
              await served.api(
                `/api/catalog/entities/by-name/component/default/${name}`,
              )
            ).ok,
          60_000,
        );
        await page.goto(
          `${served.baseUrl}/catalog/default/component/${name}/ops`,
        );
        await expect(page.getByTestId('ops-content')).toBeVisible();
        // The names the unsafe URLs belong to are shown, as text.
        await expect(page.getByText('Validation issues').first()).toBeVisible();
        const hrefs = await page
          .locator('a[href]')
          .evaluateAll(links => links.map(a => a.getAttribute('href') ?? ''));
        expect(hrefs.length, `${name}: the page has links`).toBeGreaterThan(0);
        expect(
          hrefs.filter(href => /^\s*(javascript|data|vbscript):/i.test(href)),
          `${name}: no unsafe link`,
        ).toEqual([]);
        await shot(page, `10-hostile-${name}`);
      }
    } finally {
      await context.close();
    }
  },
);

// Last: every uncaught error the app threw on the shared page(s) during the steps above.
test(step('the app threw no uncaught errors'), async () => {
  const file = process.env.OPSKIT_E2E_PAGE_ERRORS;
  const errors = file
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map(line => JSON.parse(line) as string)
    : [];
  expect(errors.slice(0, 5)).toEqual([]);
});
