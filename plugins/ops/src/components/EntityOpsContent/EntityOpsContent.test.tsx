import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { BUILT_IN_SCORECARDS } from '@opskit/plugin-ops-common';
import {
  BASE_URL,
  entityResponse,
  exampleEntity,
  sloFacts,
} from '../../__testUtils__/fixtures';
import { createOpsServer } from '../../__testUtils__/opsServer';
import {
  alerts,
  permissionRequests,
  renderOps,
} from '../../__testUtils__/renderOps';
import { EntityOpsContent } from './EntityOpsContent';

// Rendering MUI tables and typing with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

const payments = exampleEntity('payments-api');
const legacy = exampleEntity('legacy-billing');
const checkout = exampleEntity('checkout-service');

describe('EntityOpsContent', () => {
  // payments-api's latency SLO has a query: measured 4 minutes ago in production and staging; development's Prometheus is down.
  const live = sloFacts(
    payments,
    { production: 120, staging: 700, development: 'stale' },
    new Date(Date.now() - 4 * 60_000),
  );
  const ops = createOpsServer({
    entities: [payments, legacy, checkout],
    live: { 'component:default/payments-api': live },
  });
  registerMswTestHooks(ops.server);

  it('says when the data comes from a Markdown runbook, links to it and shows the chapters it does not read', async () => {
    await renderOps(<EntityOpsContent />, { entity: checkout });
    const source = await screen.findByTestId('ops-runbook-source');
    expect(source).toHaveTextContent('Read from the runbook docs/runbook.md');
    expect(
      within(source).getByRole('link', { name: 'read it in TechDocs' }),
    ).toHaveAttribute(
      'href',
      '/docs/default/component/checkout-service/runbook/',
    );
    // Each card names the runbook as its source, not ops.yaml.
    expect(screen.getAllByText('from docs/runbook.md').length).toBeGreaterThan(
      3,
    );
    expect(screen.queryByText('from ops.yaml')).not.toBeInTheDocument();
    expect(screen.getByText('More from the runbook')).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Feature Flag Inventory' }),
    ).toBeInTheDocument();
    expect(screen.getByText('express-checkout')).toBeInTheDocument();
  });

  it('lays out every runbook section of a compliant service', async () => {
    await renderOps(<EntityOpsContent />, { entity: payments });
    await screen.findByTestId('ops-content');
    for (const title of [
      'Environments',
      'Monitoring',
      'Deployment',
      'Service level objectives',
      'Incidents',
      'Logging',
      'Backups and recovery',
      'Version history',
      'Waivers',
      ...BUILT_IN_SCORECARDS.map(card => card.title),
    ]) {
      expect(screen.getAllByText(title).length).toBeGreaterThan(0);
    }
    // SLO rows show objective and alert threshold with their operators.
    const slos = screen.getByRole('table', {
      name: 'Service level objectives',
    });
    expect(within(slos).getAllByRole('row').length).toBeGreaterThan(1);
    expect(within(slos).getAllByText(/^[<>≤≥] /).length).toBeGreaterThan(0);
    // The escalation path is ordered, and its catalog targets link to their pages.
    const path = screen.getByRole('list', { name: 'Escalation path' });
    expect(path.tagName).toBe('OL');
    expect(within(path).getAllByRole('link').length).toBeGreaterThan(0);
    // Environments with safe URLs are links.
    const environments = screen.getByRole('list', { name: 'Environments' });
    expect(within(environments).getAllByRole('link')[0]).toHaveAttribute(
      'href',
      expect.stringMatching(/^https:/),
    );
    // No validation issues card for a clean descriptor.
    expect(
      screen.queryByRole('table', { name: 'Validation issues' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Download runbook' }),
    ).toBeInTheDocument();
  });

  it('shows each SLO’s live value per environment with its state and age, and which SLOs have no query', async () => {
    await renderOps(<EntityOpsContent />, { entity: payments });
    const slos = await screen.findByRole('table', {
      name: 'Service level objectives',
    });
    const production = within(slos).getByTestId(
      'slo-live-production-Response time (p95)',
    );
    expect(production).toHaveTextContent('production: 120 ms met · 4 min ago');
    expect(
      within(slos).getByTestId('slo-live-staging-Response time (p95)'),
    ).toHaveTextContent('staging: 700 ms alerting · 4 min ago');
    const development = within(slos).getByTestId(
      'slo-live-development-Response time (p95)',
    );
    expect(development).toHaveTextContent('development: 150 ms stale');
    expect(development).toHaveAttribute(
      'title',
      expect.stringContaining(
        'stale, was met — Prometheus at http://prometheus:9090 is unreachable',
      ),
    );
    // Error rate has no query; Uptime is measured by its SLI, as an error budget.
    expect(within(slos).getAllByText('no query')).toHaveLength(1);
    // The check scores production: met.
    expect(screen.getByText('1 SLO(s) met in production')).toBeInTheDocument();
  });

  it("shows a broken service's validation issues with their paths, and how to fix failing checks", async () => {
    await renderOps(<EntityOpsContent />, { entity: legacy });
    const issues = await screen.findByRole('table', {
      name: 'Validation issues',
    });
    const expected = entityResponse(legacy).issues;
    expect(expected.length).toBeGreaterThan(0);
    expect(
      within(issues).getAllByText(expected[0].path).length,
    ).toBeGreaterThan(0);
    expect(within(issues).getAllByRole('row')).toHaveLength(
      expected.length + 1,
    );
    expect(screen.getAllByText(/^How to fix:/).length).toBeGreaterThan(0);
  });

  it('offers sign-off to permitted users, records it and shows who signed', async () => {
    await renderOps(<EntityOpsContent />, { entity: payments, allow: true });
    const checklist = await screen.findByRole('list', {
      name: 'Deployment checklist',
    });
    const buttons = within(checklist).getAllByRole('button', {
      name: /^Sign off /,
    });
    expect(buttons.length).toBeGreaterThan(0);
    const before = buttons.length;
    await userEvent.click(buttons[0]);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Sign off' }),
    );
    await waitFor(() => expect(ops.signOffs).toHaveLength(1));
    expect(ops.signOffs[0].version).toBeDefined();
    await waitFor(() =>
      expect(
        within(
          screen.getByRole('list', { name: 'Deployment checklist' }),
        ).getAllByRole('button', { name: /^Sign off / }),
      ).toHaveLength(before - 1),
    );
    expect(
      screen.getByText(/Signed off by user:default\/guest/),
    ).toBeInTheDocument();
  });

  it('shows no sign-off action without the ops.checklist.update permission', async () => {
    await renderOps(<EntityOpsContent />, { entity: payments, allow: false });
    const checklist = await screen.findByRole('list', {
      name: 'Deployment checklist',
    });
    expect(
      within(checklist).getAllByText('Not signed off').length,
    ).toBeGreaterThan(0);
    expect(within(checklist).queryByRole('button')).not.toBeInTheDocument();
  });

  it('never renders an unsafe URL as a link', async () => {
    const data = entityResponse(payments);
    // An older or tampered backend could send these: the frontend must not trust the server to strip them.
    const scriptUrl = ['javascript', 'alert(1)'].join(':');
    data.profile.environments = [{ name: 'production', url: scriptUrl }];
    data.profile.monitoring = {
      dashboards: [
        { name: 'Evil board', url: 'data:text/html,<script>alert(1)</script>' },
      ],
    };
    ops.server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name`, () =>
        HttpResponse.json(data),
      ),
    );
    await renderOps(<EntityOpsContent />, { entity: payments });
    await screen.findByTestId('ops-content');
    expect(screen.getAllByText('production')[0].closest('a')).toBeNull();
    expect(screen.getByText('Evil board').closest('a')).toBeNull();
    for (const link of screen.getAllByRole('link')) {
      expect(link.getAttribute('href') ?? '').not.toMatch(
        /^(javascript|data):/,
      );
    }
  });

  it('keeps repeated names apart and reads names such as "constructor" as text', async () => {
    const data = entityResponse(payments);
    // Broken data as a team may write it: validation warns, the tab still shows every row.
    data.profile.environments = [
      { name: 'production', url: 'https://a.example.com' },
      { name: 'production', url: 'https://b.example.com' },
    ];
    data.profile.escalation = [{ targets: ['constructor', 'constructor'] }];
    data.escalationTargets = {};
    data.profile.logging = { levels: ['info', 'info'] };
    const errors = jest.spyOn(console, 'error');
    ops.server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name`, () =>
        HttpResponse.json(data),
      ),
    );
    await renderOps(<EntityOpsContent />, { entity: payments });
    await screen.findByTestId('ops-content');
    const environments = screen.getByRole('list', { name: 'Environments' });
    expect(within(environments).getAllByRole('listitem')).toHaveLength(2);
    const escalation = screen.getByRole('list', { name: 'Escalation path' });
    expect(escalation).toHaveTextContent(
      'constructor (not in catalog), constructor (not in catalog)',
    );
    expect(within(escalation).queryAllByRole('link')).toHaveLength(0);
    expect(
      errors.mock.calls.filter(args => String(args[0]).includes('same key')),
    ).toEqual([]);
    errors.mockRestore();
  });

  it('downloads the runbook rendered from what the tab shows', async () => {
    const created: Blob[] = [];
    const names: string[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:runbook';
    });
    URL.revokeObjectURL = jest.fn();
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        names.push(this.download);
      });
    await renderOps(<EntityOpsContent />, { entity: payments });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download runbook' }),
    );
    await waitFor(() => expect(created).toHaveLength(1));
    click.mockRestore();
    expect(names).toEqual(['payments-api-runbook.md']);
    expect(created[0].type).toBe('text/markdown');
    const text = await created[0].text();
    expect(text.split('\n')[0]).toBe('# payments-api — operations runbook');
    // The chapters of the standard template, filled from payments-api's ops.yaml.
    for (const chapter of ['## Environments', '## Incidents', '## Backup'])
      expect(text).toContain(chapter);
    expect(text).toContain('https://payments.example.com');
  });

  it('revokes a waiver for users with ops.waiver.manage on the entity, and offers no Revoke to others', async () => {
    const waiver = {
      id: '6f1c1b7e-0000-4000-8000-00000000000a',
      entityRef: 'component:default/payments-api',
      checkId: 'backups-scheduled',
      reason: 'moving to managed backups',
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      by: 'user:default/jane',
      createdAt: new Date().toISOString(),
      status: 'approved' as const,
      active: true,
    };
    ops.waivers.push(waiver);
    permissionRequests.length = 0;
    // Everything but ops.waiver.manage: sign-off is offered, revoke is not.
    const denied = await renderOps(<EntityOpsContent />, {
      entity: payments,
      allow: name => name !== 'ops.waiver.manage',
    });
    const list = await screen.findByRole('list', { name: 'Waivers' });
    expect(list).toHaveTextContent('backups-scheduled');
    expect(
      within(list).queryByRole('button', { name: /Revoke/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.getAllByRole('button', { name: /^Sign off/ }).length,
    ).toBeGreaterThan(0);
    // Asked for this entity: a policy can answer by owner.
    expect(permissionRequests).toContainEqual({
      name: 'ops.waiver.manage',
      resourceRef: 'component:default/payments-api',
    });
    denied.unmount();

    await renderOps(<EntityOpsContent />, { entity: payments, allow: true });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Revoke waiver for backups-scheduled',
      }),
    );
    await waitFor(() =>
      expect(
        ops.requests.some(u => u.pathname === `/api/ops/waivers/${waiver.id}`),
      ).toBe(true),
    );
    expect(
      await screen.findByText('No active waivers or pending requests.'),
    ).toBeInTheDocument();
    expect(ops.waivers[0]).toMatchObject({ active: false });
    ops.waivers.length = 0;
  });

  it('asks for a waiver of a failing check, shows it pending, and lets an approver approve it with a comment', async () => {
    // Allowed to ask, not to decide: the request is offered, Approve is not.
    const asker = await renderOps(<EntityOpsContent />, {
      entity: legacy,
      allow: name => name !== 'ops.waiver.manage',
    });
    const failing = entityResponse(legacy)
      .scorecards.flatMap(card => card.results)
      .find(r => r.status === 'fail')!;
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Request waiver for ${failing.title}`,
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: `Request a waiver: ${failing.title}`,
    });
    const submit = within(dialog).getByRole('button', {
      name: 'Request waiver',
    });
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'replaced next month',
    );
    await userEvent.click(submit);
    await waitFor(() =>
      expect(alerts).toContain(
        `Waiver of "${failing.title}" requested; an approver decides`,
      ),
    );
    expect(ops.waivers.at(-1)).toMatchObject({
      entityRef: 'component:default/legacy-billing',
      checkId: failing.checkId,
      reason: 'replaced next month',
      status: 'pending',
    });
    const list = await screen.findByRole('list', { name: 'Waivers' });
    expect(await within(list).findByText('pending approval')).toBeVisible();
    // One open request per check: no second one is offered.
    expect(
      screen.queryByRole('button', {
        name: `Request waiver for ${failing.title}`,
      }),
    ).not.toBeInTheDocument();
    expect(
      within(list).queryByRole('button', { name: /Approve/ }),
    ).not.toBeInTheDocument();
    asker.unmount();

    await renderOps(<EntityOpsContent />, { entity: legacy, allow: true });
    await userEvent.click(
      await screen.findByRole('button', {
        name: `Approve waiver for ${failing.checkId}`,
      }),
    );
    const decide = await screen.findByRole('dialog', {
      name: `Approve the waiver of ${failing.checkId}`,
    });
    await userEvent.type(
      within(decide).getByLabelText(/Comment/),
      'ok until the migration',
    );
    await userEvent.click(
      within(decide).getByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(ops.waivers.at(-1)).toMatchObject({
        status: 'approved',
        decisionComment: 'ok until the migration',
      }),
    );
    ops.waivers.length = 0;
  });

  it('offers no waiver request without ops.waiver.request or ops.waiver.manage', async () => {
    await renderOps(<EntityOpsContent />, {
      entity: legacy,
      allow: name => !name.startsWith('ops.waiver.'),
    });
    // Permissions have answered once the (allowed) sign-off is offered.
    expect(
      (await screen.findAllByRole('button', { name: /^Sign off/ })).length,
    ).toBeGreaterThan(0);
    expect(permissionRequests.map(r => r.name)).toContain('ops.waiver.request');
    expect(
      screen.queryByRole('button', { name: /^Request waiver/ }),
    ).not.toBeInTheDocument();
  });

  it('tells the team how to add ops data when the entity has none', async () => {
    const before = ops.requests.length;
    await renderOps(<EntityOpsContent />, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: { name: 'bare' },
        spec: {},
      },
    });
    expect(
      await screen.findByText('No ops data for this entity yet'),
    ).toBeInTheDocument();
    expect(screen.getAllByText(/opskit\.io\/ops-ref/).length).toBeGreaterThan(
      0,
    );
    expect(ops.requests.slice(before)).toHaveLength(0);
  });

  it('shows the backend error instead of the tab when loading fails', async () => {
    ops.server.use(
      http.get(`${BASE_URL}/entities/:kind/:namespace/:name`, () =>
        HttpResponse.json(
          {
            error: { name: 'Error', message: 'database is down' },
            response: { statusCode: 503 },
          },
          { status: 503 },
        ),
      ),
    );
    await renderOps(<EntityOpsContent />, { entity: payments });
    expect(
      (await screen.findAllByText(/Could not load ops data/)).length,
    ).toBeGreaterThan(0);
    expect(screen.getAllByText(/database is down/).length).toBeGreaterThan(0);
  });
});
