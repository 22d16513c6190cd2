/*
 * UI timings with a large catalog: N synthetic components (default 10,000) in
 * the real catalog of the example Backstage, evaluated by ops-backend, then
 * headless Chromium measures, after the app has loaded, how long the
 * compliance page and an entity's Ops tab take to become interactive.
 *
 *   ./run yarn workspace e2e bench:ui          (BENCH_UI_ENTITIES, BENCH_UI_RUNS)
 *
 * "Interactive" means: the compliance table shows its first page with the
 * paging controls enabled; the Ops tab shows its scorecards and checklist.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { writeYaml } from '@opskit/plugin-ops-common';
import { syntheticEntities } from 'bench/src/syntheticEntities';
import { buildApp, ROOT, startBackstage, type Backstage } from './backstage';
import { launchChromium } from './browser';

const COUNT = Number(process.env.BENCH_UI_ENTITIES ?? 10_000);
const RUNS = Number(process.env.BENCH_UI_RUNS ?? 7);
const PORT = 7047;

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) =>
    sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
  return {
    runs: sorted.length,
    min: sorted[0],
    median: at(0.5),
    p95: at(0.95),
    max: sorted[sorted.length - 1],
  };
}

async function timed(
  action: () => Promise<unknown>,
  ready: () => Promise<unknown>,
): Promise<number> {
  const started = performance.now();
  await action();
  await ready();
  return performance.now() - started;
}

async function complianceReady(page: Page, total: number) {
  await page.waitForFunction(
    count => {
      const rows = document.querySelectorAll(
        '[data-testid="ops-compliance-table"] tbody tr',
      ).length;
      const range =
        document.querySelector('[data-testid="ops-page-range"]')?.textContent ??
        '';
      const next = document.querySelector(
        'button[aria-label="Next page"]',
      ) as HTMLButtonElement | null;
      return rows === 25 && range.includes(count) && next && !next.disabled;
    },
    `of ${total.toLocaleString('en-US')}`,
    { timeout: 30_000, polling: 'raf' },
  );
}

async function opsTabReady(page: Page) {
  await page.waitForFunction(
    () =>
      Boolean(
        document.querySelector('[data-testid="ops-content"]') &&
          document.querySelector('ul[aria-label="Deployment checklist"]'),
      ),
    undefined,
    { timeout: 30_000, polling: 'raf' },
  );
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-ui-bench-'));
  const file = join(dir, 'entities.yaml');
  // The descriptor is inlined (as the catalog module would deliver it), so no ops-ref to resolve.
  const entities = syntheticEntities(COUNT).map(entity => {
    const annotations = { ...entity.metadata.annotations };
    delete annotations['opskit.io/ops-ref'];
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  });
  writeFileSync(file, entities.map(e => writeYaml(e)).join('---\n'));
  console.log(`ui bench: ${COUNT} components written to ${file}`);

  buildApp();
  const started = Date.now();
  let backstage: Backstage | undefined;
  const browser = await launchChromium();
  try {
    backstage = await startBackstage({
      port: PORT,
      extraConfig: [
        'catalog:',
        '  processingInterval: { minutes: 30 }',
        '  locations:',
        `    - { type: file, target: ${join(ROOT, 'examples/all.yaml')} }`,
        `    - { type: file, target: ${join(
          ROOT,
          'examples/org.yaml',
        )}, rules: [{ allow: [User, Group] }] }`,
        `    - { type: file, target: ${file} }`,
      ],
    });
    const { api } = backstage;
    await backstage.waitFor(
      'the catalog to ingest the components',
      async () => {
        const body = await (
          await api(
            '/api/catalog/entities/by-query?filter=kind=component&limit=1',
          )
        ).json();
        return body.totalItems >= COUNT + 4;
      },
      900_000,
    );
    const ingested = (Date.now() - started) / 1000;
    console.log(
      `ui bench: catalog holds ${COUNT + 4} components after ${ingested.toFixed(
        0,
      )} s`,
    );
    await backstage.waitFor(
      'an evaluation slot',
      async () =>
        (await api('/api/ops/refresh', { method: 'POST' })).status === 202,
      300_000,
    );
    await backstage.waitFor(
      'the evaluation of every component',
      async () => {
        const summary = await (await api('/api/ops/compliance/summary')).json();
        return (
          summary.entityCount >= COUNT + 5 &&
          summary.lastRun?.status === 'succeeded'
        );
      },
      600_000,
    );
    console.log(
      `ui bench: ${COUNT + 4} components evaluated after ${(
        (Date.now() - started) /
        1000
      ).toFixed(0)} s`,
    );

    const page = await (
      await browser.newContext({ viewport: { width: 1400, height: 1000 } })
    ).newPage();
    const appStarted = performance.now();
    await page.goto(`${backstage.baseUrl}/`);
    await page.getByRole('button', { name: 'Enter' }).click();
    await page.getByRole('link', { name: 'Ops compliance' }).waitFor();
    const appLoad = performance.now() - appStarted;

    const compliance: number[] = [];
    const nextPage: number[] = [];
    const filter: number[] = [];
    const opsTab: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Compliance page, from the sidebar (client-side navigation, app already loaded).
      await page.goto(`${backstage.baseUrl}/catalog`);
      await page.getByRole('link', { name: 'Ops compliance' }).waitFor();
      compliance.push(
        await timed(
          () => page.getByRole('link', { name: 'Ops compliance' }).click(),
          () => complianceReady(page, COUNT + 4),
        ),
      );
      nextPage.push(
        await timed(
          () => page.getByRole('button', { name: 'Next page' }).click(),
          () =>
            page
              .getByTestId('ops-page-range')
              .filter({ hasText: `26–50 of` })
              .waitFor(),
        ),
      );
      filter.push(
        await timed(
          () => page.getByTestId('ops-filter-search').fill(`-${1000 + run}`),
          () =>
            page.waitForFunction(
              () =>
                document.querySelectorAll(
                  '[data-testid="ops-compliance-table"] tbody tr',
                ).length < 25,
              undefined,
              { polling: 'raf' },
            ),
        ),
      );
      // An entity's Ops tab, from its overview page.
      const name = entities[(run * 997) % COUNT].metadata.name;
      await page.goto(`${backstage.baseUrl}/catalog/default/component/${name}`);
      await page.getByRole('link', { name: 'Ops', exact: true }).waitFor();
      opsTab.push(
        await timed(
          () => page.getByRole('link', { name: 'Ops', exact: true }).click(),
          () => opsTabReady(page),
        ),
      );
    }
    const results = {
      entities: COUNT + 4,
      catalogIngestSeconds: Math.round(ingested),
      appLoadMs: Math.round(appLoad),
      compliancePageMs: stats(compliance.map(Math.round)),
      complianceNextPageMs: stats(nextPage.map(Math.round)),
      complianceSearchMs: stats(filter.map(Math.round)),
      opsTabMs: stats(opsTab.map(Math.round)),
    };
    console.log(JSON.stringify(results, null, 2));
    console.log(
      '\n| view (after the app has loaded) | median | p95 | max |\n|---|---|---|---|',
    );
    for (const [label, s] of [
      [
        'Compliance page interactive (sidebar click → first page)',
        results.compliancePageMs,
      ],
      ['Compliance next page', results.complianceNextPageMs],
      [
        'Compliance text search (incl. 300 ms debounce)',
        results.complianceSearchMs,
      ],
      [
        'Ops tab interactive (tab click → scorecards + checklist)',
        results.opsTabMs,
      ],
    ] as const) {
      console.log(`| ${label} | ${s.median} ms | ${s.p95} ms | ${s.max} ms |`);
    }
    mkdirSync(join(ROOT, 'bench-results'), { recursive: true });
    writeFileSync(
      join(ROOT, 'bench-results', `ui-${COUNT}.json`),
      JSON.stringify(results, null, 2),
    );
  } finally {
    await browser.close();
    await backstage?.stop();
  }
}

main().catch(error => {
  console.error(error);
  process.exitCode = 1;
});
