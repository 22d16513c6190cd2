import { registerMswTestHooks } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { entityResponse, exampleEntity } from '../../__testUtils__/fixtures';
import { createOpsServer } from '../../__testUtils__/opsServer';
import { renderOps } from '../../__testUtils__/renderOps';
import { EntityOpsCard } from './EntityOpsCard';

// Rendering MUI tables and typing with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

const payments = exampleEntity('payments-api');
const partial = exampleEntity('notifications-worker');

describe('EntityOpsCard', () => {
  const ops = createOpsServer({ entities: [payments, partial] });
  registerMswTestHooks(ops.server);

  it('shows both scores with their level and links to the Ops tab', async () => {
    await renderOps(<EntityOpsCard />, { entity: payments });
    const expected = entityResponse(payments).scorecards;
    for (const card of expected)
      expect(await screen.findByText(card.title)).toBeInTheDocument();
    expect(screen.getByText(`${expected[0].score}%`)).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: /Open the Ops tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/payments-api/ops');
  });

  it('lists the top failing checks with how to fix them', async () => {
    const failing = entityResponse(partial)
      .scorecards.flatMap(c => c.results)
      .filter(r => r.status === 'fail')
      .sort((a, b) => b.weight - a.weight);
    expect(failing.length).toBeGreaterThan(0);
    await renderOps(<EntityOpsCard maxChecks={2} />, { entity: partial });
    const list = await screen.findByRole('list', {
      name: 'Top failing checks',
    });
    expect(list.querySelectorAll('li')).toHaveLength(
      Math.min(2, failing.length),
    );
    expect(screen.getByText(failing[0].howToFix)).toBeInTheDocument();
  });
});
