import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import type { Campaign } from '@opskit/plugin-ops-common';
import {
  campaignFixture,
  complianceRows,
  exampleEntity,
} from '../../../__testUtils__/fixtures';
import { createOpsServer } from '../../../__testUtils__/opsServer';
import { renderOps } from '../../../__testUtils__/renderOps';
import { EntityOpsContent } from '../EntityOpsContent';

jest.setTimeout(30_000);

const payments = exampleEntity('payments-api');
const PAYMENTS = 'component:default/payments-api';

const campaign = (over: Partial<Campaign>) =>
  campaignFixture({
    id: '0c1a2b3c-0000-4000-8000-000000000001',
    title: 'SLOs everywhere',
    scope: { entities: [PAYMENTS] },
    ...over,
  });

describe('Campaigns on the Ops tab', () => {
  const [row] = complianceRows(1);
  const ops = createOpsServer({
    entities: [payments],
    rows: [{ ...row, entityRef: PAYMENTS, failingChecks: ['slo-indicators'] }],
  });
  registerMswTestHooks(ops.server);
  afterEach(() => ops.campaigns.splice(0));

  it('says which active campaigns ask this service for what, by when, and what it still fails', async () => {
    ops.campaigns.push(
      campaign({}),
      campaign({
        id: '0c1a2b3c-0000-4000-8000-000000000002',
        title: 'Gold deployments',
        target: { scorecard: 'deployment', level: 'bronze' },
        deadline: '2027-01-15',
      }),
      // Neither a draft nor a campaign whose scope leaves the service out asks it.
      campaign({
        id: '0c1a2b3c-0000-4000-8000-000000000003',
        title: 'Draft',
        state: 'draft',
      }),
      campaign({
        id: '0c1a2b3c-0000-4000-8000-000000000004',
        title: 'Elsewhere',
        scope: { tier: ['tier-4'] },
      }),
    );
    await renderOps(<EntityOpsContent />, { entity: payments });
    const notices = await screen.findByTestId('ops-entity-campaigns');
    const alerts = within(notices).getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent(
      'Campaign SLOs everywhere asks this service for the check "Required SLOs with alerts", due 2026-12-31: still failing: Required SLOs with alerts.',
    );
    expect(
      within(alerts[0]).getByRole('link', { name: 'SLOs everywhere' }),
    ).toHaveAttribute(
      'href',
      '/ops?tab=campaigns&campaign=0c1a2b3c-0000-4000-8000-000000000001',
    );
    expect(alerts[1]).toHaveTextContent(
      'Campaign Gold deployments asks this service for bronze on Deployment checklist, due 2027-01-15: this service has reached it.',
    );
  });

  it('shows nothing when no campaign asks the service', async () => {
    await renderOps(<EntityOpsContent />, { entity: payments });
    await screen.findByTestId('ops-content');
    await waitFor(() =>
      expect(ops.requests.some(u => u.pathname.endsWith('/campaigns'))).toBe(
        true,
      ),
    );
    expect(
      screen.queryByTestId('ops-entity-campaigns'),
    ).not.toBeInTheDocument();
  });
});
