import { EntityProvider } from '@backstage/plugin-catalog-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import { createOpsServer } from '../../__testUtils__/opsServer';
import { renderOps } from '../../__testUtils__/renderOps';
import { EntityOpsRollupCard } from './EntityOpsRollupCard';

const team = (name: string) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

describe('EntityOpsRollupCard', () => {
  const ops = createOpsServer();
  registerMswTestHooks(ops.server);

  it("shows a team's average, levels, lowest scores and most common failing checks by title", async () => {
    await renderOps(
      <EntityProvider entity={team('team-3')}>
        <EntityOpsRollupCard limit={3} />
      </EntityProvider>,
    );
    const card = await screen.findByTestId('ops-rollup-card');
    // 60 fake rows, every seventh owned by team-3.
    expect(card).toHaveTextContent(
      'average of 9 entities owned by this team and the teams under it',
    );
    const lowest = within(card).getByRole('list', { name: 'Lowest scores' });
    expect(within(lowest).getAllByRole('listitem')).toHaveLength(3);
    expect(
      within(card).getByRole('list', { name: 'Most common failing checks' }),
    ).toHaveTextContent(/^Required SLOs with alerts: \d+ entities$/);
    expect(
      ops.requests.some(
        u =>
          u.pathname.endsWith('/rollups/group/default/team-3') &&
          u.searchParams.get('limit') === '3',
      ),
    ).toBe(true);
  });

  it('says when nothing is evaluated yet', async () => {
    await renderOps(
      <EntityProvider entity={team('nobody')}>
        <EntityOpsRollupCard />
      </EntityProvider>,
    );
    expect(
      await screen.findByText(
        'No evaluated entities owned by this team and the teams under it yet.',
      ),
    ).toBeInTheDocument();
  });
});
