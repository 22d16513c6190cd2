import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { campaignFixture } from '../../../__testUtils__/fixtures';
import { createOpsServer } from '../../../__testUtils__/opsServer';
import { alerts, renderOps } from '../../../__testUtils__/renderOps';
import { OpsComplianceContent } from '../OpsComplianceContent';

// Rendering MUI tables and dialogs with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(60_000);

const campaign = campaignFixture;

describe('Campaigns tab', () => {
  const ops = createOpsServer();
  registerMswTestHooks(ops.server);
  afterEach(() => ops.campaigns.splice(0));
  const requestsTo = (path: string) =>
    ops.requests.filter(u => u.pathname.endsWith(path));

  it('lists campaigns with their progress, and asks for archived ones on request', async () => {
    ops.campaigns.push(
      campaign({}),
      campaign({
        id: '0c1a2b3c-0000-4000-8000-000000000098',
        title: 'Old drive',
        state: 'archived',
      }),
    );
    await renderOps(<OpsComplianceContent />, { route: '/?tab=campaigns' });
    const table = await screen.findByRole('table', { name: 'Campaigns' });
    const rows = within(table).getAllByRole('row');
    expect(rows).toHaveLength(2);
    // 60 rows, every third passes slo-indicators: 20 of 60.
    expect(rows[1]).toHaveTextContent(
      'SLOs for tier 1the check "Required SLOs with alerts"',
    );
    expect(rows[1]).toHaveTextContent('2026-12-31active20 of 60 (33%)');
    expect(
      within(rows[1]).getByRole('progressbar', {
        name: 'SLOs for tier 1: 33% reached',
      }),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('button', { name: /Show/ }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Archived' }),
    );
    await screen.findByText('Old drive');
    expect(requestsTo('/campaigns').at(-1)!.searchParams.get('state')).toBe(
      'archived',
    );
  });

  it('creates a campaign for those allowed, checked as the backend checks it, and opens its page', async () => {
    await renderOps(<OpsComplianceContent />, { route: '/?tab=campaigns' });
    await screen.findByText(/No campaigns here yet/);
    await userEvent.click(
      await screen.findByRole('button', { name: 'New campaign' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'New campaign' });
    const create = within(dialog).getByRole('button', { name: 'Create' });
    expect(create).toBeDisabled();

    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Alerts everywhere',
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Owner \(a group/ }),
      'user:default/jo',
    );
    // The owner must be a group: said under the field, and nothing is sent.
    expect(within(dialog).getByText(/"user:default\/jo"/)).toBeInTheDocument();
    expect(create).toBeDisabled();
    await userEvent.clear(
      within(dialog).getByRole('textbox', { name: /Owner \(a group/ }),
    );
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Owner \(a group/ }),
      'group:default/sre',
    );

    await userEvent.click(within(dialog).getByLabelText('Checks that pass'));
    expect(
      within(dialog).getByText('choose at least one check'),
    ).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Checks/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Required SLOs with alerts' }),
    );
    await userEvent.keyboard('{Escape}');
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: 'Tiers' }),
      'tier-1',
    );

    // A deadline before the start is refused under the field.
    const deadline = within(dialog).getByLabelText(/Deadline/);
    await userEvent.clear(deadline);
    await userEvent.type(deadline, '2020-01-01');
    expect(within(dialog).getByText(/is before the start/)).toBeInTheDocument();
    expect(create).toBeDisabled();
    await userEvent.clear(deadline);
    await userEvent.type(deadline, '2099-01-31');

    await waitFor(() => expect(create).toBeEnabled());
    await userEvent.click(create);
    await waitFor(() => expect(ops.campaigns).toHaveLength(1));
    expect(ops.campaigns[0]).toMatchObject({
      title: 'Alerts everywhere',
      owner: 'group:default/sre',
      target: { checks: ['slo-indicators'] },
      scope: { tier: ['tier-1'] },
      deadline: '2099-01-31',
      state: 'draft',
    });
    expect(alerts.at(-1)).toBe('Campaign "Alerts everywhere" created (draft)');

    // The new campaign's page: tier-1 is every fourth of 60 rows (15), every third of them done (5).
    const page = await screen.findByTestId('ops-campaign');
    expect(within(page).getByTestId('ops-campaign-progress')).toHaveTextContent(
      '5 of 15 reached (33%) · 5 done · 0 waived · 10 not done',
    );
    expect(
      within(page).getByRole('img', {
        name: /^5 of 15 entities reached the target on 2026-11-27/,
      }),
    ).toBeInTheDocument();
    const owners = within(page).getByRole('table', {
      name: 'Campaign progress per owner',
    });
    expect(within(owners).getAllByRole('row').length).toBeGreaterThan(1);
    const left = within(page).getByRole('table', { name: 'Entities left' });
    expect(within(left).getAllByRole('row')).toHaveLength(11);
    // Check titles, not ids.
    expect(within(left).getAllByText('Required SLOs with alerts')).toHaveLength(
      10,
    );
  });

  it('edits a campaign from its page: activating it says owners will be told', async () => {
    ops.campaigns.push(campaign({ state: 'draft' }));
    await renderOps(<OpsComplianceContent />, {
      route: `/?tab=campaigns&campaign=${ops.campaigns[0].id}`,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit campaign' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit "SLOs for tier 1"',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /State/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'active' }),
    );
    expect(
      within(dialog).getByText('Owners are told when it is saved'),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(ops.campaigns[0].state).toBe('active'));
    expect(ops.campaigns[0].updatedBy).toBe('user:default/guest');
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('shows no create or edit to those without ops.campaign.manage', async () => {
    ops.campaigns.push(campaign({}));
    await renderOps(<OpsComplianceContent />, {
      route: `/?tab=campaigns&campaign=${ops.campaigns[0].id}`,
      allow: name => name !== 'ops.campaign.manage',
    });
    await screen.findByTestId('ops-campaign-progress');
    expect(
      screen.queryByRole('button', { name: 'Edit campaign' }),
    ).not.toBeInTheDocument();
    await userEvent.click(screen.getByRole('link', { name: 'All campaigns' }));
    await screen.findByRole('table', { name: 'Campaigns' });
    expect(
      screen.queryByRole('button', { name: 'New campaign' }),
    ).not.toBeInTheDocument();
  });

  it('says when a campaign does not exist', async () => {
    await renderOps(<OpsComplianceContent />, {
      route: '/?tab=campaigns&campaign=0c1a2b3c-0000-4000-8000-000000000001',
    });
    expect(
      await screen.findByText(/Could not load the campaign/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'All campaigns' }),
    ).toBeInTheDocument();
  });
});
