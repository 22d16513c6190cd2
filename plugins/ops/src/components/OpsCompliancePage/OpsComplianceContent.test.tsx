import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createOpsServer } from '../../__testUtils__/opsServer';
import { alerts, renderOps } from '../../__testUtils__/renderOps';
import { OpsComplianceContent } from './OpsComplianceContent';

// Rendering MUI tables and typing with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

describe('OpsComplianceContent', () => {
  const STALE = 'last evaluated 30 h ago';
  const ops = createOpsServer({ stale: STALE });
  registerMswTestHooks(ops.server);
  afterEach(() => ops.setStale(STALE));
  const listRequests = () =>
    ops.requests.filter(u => u.pathname.endsWith('/compliance'));

  it('shows summary tiles, the owner roll-up, the trend and the first page of entities', async () => {
    await renderOps(<OpsComplianceContent />);
    expect(await screen.findByTestId('ops-total')).toHaveTextContent('60');
    const table = screen.getByRole('table', {
      name: 'Compliance of every entity',
    });
    await waitFor(() =>
      expect(within(table).getAllByRole('row')).toHaveLength(26),
    );
    expect(screen.getByTestId('ops-page-range')).toHaveTextContent(
      '1–25 of 60',
    );
    expect(screen.getByRole('table', { name: 'Owners' })).toBeInTheDocument();
    // Sign-offs, waivers and catalog changes scored into the run since it finished.
    expect(screen.getByTestId('ops-evaluated')).toHaveTextContent(
      /^Evaluated .+ · 3 changes scored since, the last .+$/,
    );
    expect(
      screen.getByRole('img', { name: /Average score from 41% .* to 50.5%/ }),
    ).toBeInTheDocument();
    // Production SLOs measured live, with the age of the values: met, alerting, stale in turn.
    const rows = within(table).getAllByRole('row');
    expect(rows[1]).toHaveTextContent(
      '1/1 met Response time (p95) 120 ms · 4 min ago',
    );
    expect(within(rows[2]).getByTestId('slo-state-alerting')).toHaveTextContent(
      '1 breached',
    );
    expect(rows[2]).toHaveTextContent('Response time (p95) 700 ms · 4 min ago');
    expect(
      within(rows[2]).getByTitle(
        'Response time (p95) (production): 700 ms, alerting',
      ),
    ).toBeInTheDocument();
    expect(within(rows[3]).getByTestId('slo-state-stale')).toHaveTextContent(
      'stale',
    );
    expect(rows[3]).toHaveTextContent('Response time (p95) 150 ms');
  });

  it('pages on the server with the cursor, and back', async () => {
    await renderOps(<OpsComplianceContent />);
    await screen.findByText('1–25 of 60');
    await userEvent.click(screen.getByRole('button', { name: 'Next page' }));
    await screen.findByText('26–50 of 60');
    expect(listRequests().at(-1)!.searchParams.get('cursor')).toBe('25');
    await userEvent.click(
      screen.getByRole('button', { name: 'Previous page' }),
    );
    await screen.findByText('1–25 of 60');
    expect(listRequests().at(-1)!.searchParams.get('cursor')).toBeNull();
  });

  it('sorts and filters through the API, resetting the page', async () => {
    await renderOps(<OpsComplianceContent />);
    await screen.findByText('1–25 of 60');
    await userEvent.click(screen.getByRole('button', { name: 'Owner' }));
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.get('sort')).toBe('owner'),
    );
    expect(listRequests().at(-1)!.searchParams.get('order')).toBe('asc');

    await userEvent.type(screen.getByTestId('ops-filter-search'), 'service');
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.get('q')).toBe('service'),
    );

    // Filter by owner from the roll-up.
    await userEvent.click(
      screen.getByRole('button', { name: 'Show only group:default/team-1' }),
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.getAll('owner')).toEqual([
        'group:default/team-1',
      ]),
    );
    await screen.findByText(/of 9$/);
    expect(
      ops.requests
        .filter(u => u.pathname.endsWith('/trend'))
        .at(-1)!
        .searchParams.get('owner'),
    ).toBe('group:default/team-1');
  });

  it('shows each row’s worst production budget, sorts by it and filters to budgets below a share', async () => {
    await renderOps(<OpsComplianceContent />);
    const table = await screen.findByRole('table', {
      name: /compliance/i,
    });
    const rows = within(table).getAllByRole('row');
    // service-00000 has 80 % left, -00001 pages at 20 %, -00002 has spent its budget, -00003 has no SLI.
    expect(rows[1]).toHaveTextContent('80 % left');
    expect(rows[2]).toHaveTextContent('20 % left · paging');
    expect(rows[3]).toHaveTextContent('spent (30 % over)');
    expect(within(rows[4]).getAllByRole('cell').at(-2)).toHaveTextContent('—');

    await userEvent.click(
      within(table).getByRole('button', { name: 'Error budget' }),
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.get('sort')).toBe('budget'),
    );

    await userEvent.click(
      within(
        screen.getByRole('search', { name: 'Filter the compliance list' }),
      ).getByRole('button', { name: /^Error budget/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Below 25 %' }),
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.get('budgetBelow')).toBe('25'),
    );
    await screen.findByText('1–25 of 30');
  });

  it("filters to a team and the teams under it from the roll-up, or to a domain, kept in the URL's filter fields", async () => {
    await renderOps(<OpsComplianceContent />);
    await screen.findByText('1–25 of 60');
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Show group:default/team-1 and the teams under it',
      }),
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.getAll('group')).toEqual([
        'group:default/team-1',
      ]),
    );
    expect(listRequests().at(-1)!.searchParams.getAll('owner')).toEqual([]);
    await screen.findByText(/of 9$/);
    expect(screen.getByTestId('ops-filter-team-and-sub-teams')).toHaveValue(
      'group:default/team-1',
    );
    await userEvent.type(
      screen.getByTestId('ops-filter-domain'),
      'shop{Enter}',
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.getAll('domain')).toEqual([
        'shop',
      ]),
    );
    expect(
      ops.requests
        .filter(u => u.pathname.endsWith('/summary'))
        .at(-1)!
        .searchParams.getAll('domain'),
    ).toEqual(['shop']);
  });

  it('filters by type, lifecycle and system on Enter', async () => {
    await renderOps(<OpsComplianceContent />);
    await screen.findByText('1–25 of 60');
    await userEvent.type(
      screen.getByTestId('ops-filter-type'),
      'service{Enter}',
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.getAll('type')).toEqual([
        'service',
      ]),
    );
    await userEvent.type(
      screen.getByTestId('ops-filter-lifecycle'),
      'production{Enter}',
    );
    await userEvent.type(
      screen.getByTestId('ops-filter-system'),
      'system:default/commerce{Enter}',
    );
    await waitFor(() =>
      expect(listRequests().at(-1)!.searchParams.getAll('system')).toEqual([
        'system:default/commerce',
      ]),
    );
    const url = listRequests().at(-1)!;
    expect(url.searchParams.getAll('lifecycle')).toEqual(['production']);
    expect(url.searchParams.getAll('type')).toEqual(['service']);
    // The summary follows the same filters.
    expect(
      ops.requests
        .filter(u => u.pathname.endsWith('/summary'))
        .at(-1)!
        .searchParams.getAll('system'),
    ).toEqual(['system:default/commerce']);
  });

  it('restores a shared view from the URL', async () => {
    await renderOps(<OpsComplianceContent />, {
      route: '/ops?tier=tier-2&sort=errorCount&order=desc&limit=50',
    });
    // A quarter of the fake's 60 rows are tier-2.
    await screen.findByText(/of 15$/);
    const url = listRequests().at(-1)!;
    expect(url.searchParams.getAll('tier')).toEqual(['tier-2']);
    expect(url.searchParams.get('sort')).toBe('errorCount');
    expect(url.searchParams.get('order')).toBe('desc');
    expect(url.searchParams.get('limit')).toBe('50');
  });

  it('names failing checks by title, and keeps long names on one line with the full name on hover', async () => {
    await renderOps(<OpsComplianceContent />);
    const table = await screen.findByTestId('ops-compliance-table');
    await waitFor(() =>
      expect(
        within(table).getAllByText('1: Required SLOs with alerts').length,
      ).toBeGreaterThan(0),
    );
    expect(within(table).queryByText(/slo-indicators/)).toBeNull();
    const firstRow = within(table).getAllByRole('row')[1];
    const entityCell = within(firstRow).getAllByRole('cell')[0];
    expect(entityCell.firstElementChild).toHaveStyle({
      whiteSpace: 'nowrap',
      textOverflow: 'ellipsis',
    });
    expect(entityCell.firstElementChild).toHaveAttribute('title');
  });

  it('lists pending waiver requests for approvers and denies one with a comment', async () => {
    ops.waivers.push({
      id: '6f1c1b7e-0000-4000-8000-0000000000aa',
      entityRef: 'component:default/payments-api',
      checkId: 'recovery-tested',
      reason: 'restore drill booked',
      expiresAt: new Date(Date.now() + 7 * 86_400_000).toISOString(),
      by: 'user:default/jane',
      createdAt: new Date().toISOString(),
      status: 'pending',
      active: false,
    });
    await renderOps(<OpsComplianceContent />, { allow: true });
    const queue = await screen.findByRole('table', {
      name: 'Pending waiver requests',
    });
    expect(queue).toHaveTextContent('restore drill booked');
    await userEvent.click(
      within(queue).getByRole('button', {
        name: 'Deny waiver of recovery-tested for component:default/payments-api',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Deny the waiver of recovery-tested',
    });
    await userEvent.type(
      within(dialog).getByLabelText(/Comment/),
      'book the drill first',
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Deny' }));
    // Decided: the queue empties and hides.
    await waitFor(() =>
      expect(
        screen.queryByRole('table', { name: 'Pending waiver requests' }),
      ).not.toBeInTheDocument(),
    );
    expect(ops.waivers[0]).toMatchObject({
      status: 'denied',
      decisionComment: 'book the drill first',
    });
    ops.waivers.length = 0;
  });

  it('changes the page size from a select its label names', async () => {
    await renderOps(<OpsComplianceContent />);
    await screen.findByText('1–25 of 60');
    await userEvent.click(screen.getByRole('button', { name: 'Rows 25' }));
    await userEvent.click(await screen.findByRole('option', { name: '50' }));
    await screen.findByText('1–50 of 60');
    expect(listRequests().at(-1)!.searchParams.get('limit')).toBe('50');
  });

  it('warns when the evaluation is stale and offers refresh to permitted users', async () => {
    await renderOps(<OpsComplianceContent />, { allow: true });
    expect(
      await screen.findByText(/last evaluated 30 h ago/),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() =>
      expect(ops.requests.some(u => u.pathname.endsWith('/refresh'))).toBe(
        true,
      ),
    );
  });

  it('says an interrupted evaluation is being retried, without asking for a refresh', async () => {
    ops.setStale(
      'evaluation interrupted, retrying: the run started at 2026-12-01T10:00:00.000Z stopped before it finished; showing the previous one',
      { retrying: true },
    );
    await renderOps(<OpsComplianceContent />, { allow: true });
    const alert = await screen.findByText(/evaluation interrupted, retrying/);
    expect(alert).toHaveTextContent(
      'These results may be out of date: evaluation interrupted, retrying: the run started at 2026-12-01T10:00:00.000Z stopped before it finished; showing the previous one.',
    );
    expect(alert).not.toHaveTextContent('Refresh');
  });

  it('says when an evaluation is already running', async () => {
    await renderOps(<OpsComplianceContent />, { allow: true });
    alerts.length = 0;
    // The fake starts one evaluation; every later refresh is a 409.
    for (let i = 0; i < 2; i++) {
      await userEvent.click(
        await screen.findByRole('button', { name: 'Refresh' }),
      );
      await waitFor(() => expect(alerts).toHaveLength(i + 1));
    }
    expect(alerts.at(-1)).toBe('An evaluation is already running.');
  });

  it('hides refresh without the ops.compliance.refresh permission', async () => {
    await renderOps(<OpsComplianceContent />, { allow: false });
    await screen.findByText('1–25 of 60');
    expect(
      screen.queryByRole('button', { name: 'Refresh' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export CSV' }),
    ).toBeInTheDocument();
  });

  it('exports the filtered list as CSV and JSON downloads', async () => {
    const created: Blob[] = [];
    URL.createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:test';
    });
    URL.revokeObjectURL = jest.fn();
    await renderOps(<OpsComplianceContent />, { route: '/ops?level=gold' });
    await screen.findByText(/of 15$/);
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() => expect(created).toHaveLength(1));
    const url = ops.requests
      .filter(u => u.pathname.endsWith('/export'))
      .at(-1)!;
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.getAll('level')).toEqual(['gold']);
    await userEvent.click(screen.getByRole('button', { name: 'Export JSON' }));
    await waitFor(() => expect(created).toHaveLength(2));
    // The download is the API's export as it came: the gold ones, in the spec's shape.
    const exported = JSON.parse(await created[1].text());
    expect(exported.items).toHaveLength(15);
    expect(new Set(exported.items.map((r: any) => r.level))).toEqual(
      new Set(['gold']),
    );
  });
});
