import { coreExtensionData } from '@backstage/frontend-plugin-api';
import {
  createExtensionTester,
  mockApis,
  renderInTestApp,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import {
  EntityContentBlueprint,
  EntityCardBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import opsPlugin, {
  entityOpsCard,
  entityOpsContent,
  entityOpsRollupCard,
} from './alpha';
import { opsApiRef } from './api';
import { exampleEntity } from './__testUtils__/fixtures';
import { createOpsServer } from './__testUtils__/opsServer';
import { opsClient } from './__testUtils__/renderOps';

// Rendering MUI tables and typing with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

const payments = exampleEntity('payments-api');
const bare = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'bare' },
  spec: {},
};

describe('new frontend system', () => {
  const ops = createOpsServer({ entities: [payments] });
  registerMswTestHooks(ops.server);

  it('offers the Ops tab in the operation group, only on entities with ops data', () => {
    const tester = createExtensionTester(entityOpsContent);
    expect(tester.get(coreExtensionData.routePath)).toBe('ops');
    expect(tester.get(EntityContentBlueprint.dataRefs.group)).toBe('operation');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction)!;
    expect(filter(payments)).toBe(true);
    expect(filter(bare)).toBe(false);
  });

  it('renders the Ops tab extension for an entity', async () => {
    const tester = createExtensionTester(entityOpsContent);
    await renderInTestApp(
      <EntityProvider entity={payments}>
        {tester.reactElement()}
      </EntityProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
        apis: [
          [opsApiRef, opsClient()],
          [permissionApiRef, mockApis.permission({ authorize: 'ALLOW' })],
        ],
      },
    );
    expect(await screen.findByTestId('ops-content')).toBeInTheDocument();
    expect(
      screen.getByRole('list', { name: 'Deployment checklist' }),
    ).toBeInTheDocument();
  });

  it('shows the roll-up card on groups, systems and domains only', () => {
    const filter = createExtensionTester(entityOpsRollupCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    const of = (kind: string) => ({ ...bare, kind });
    expect(
      ['Group', 'System', 'Domain', 'Component', 'User'].map(k =>
        filter(of(k)),
      ),
    ).toEqual([true, true, true, false, false]);
  });

  it('shows the card only where ops data exists', () => {
    const filter = createExtensionTester(entityOpsCard).get(
      EntityCardBlueprint.dataRefs.filterFunction,
    )!;
    expect(filter(payments)).toBe(true);
    expect(filter(bare)).toBe(false);
  });

  it('mounts the compliance page at /ops with its API from the plugin, talking to the backend', async () => {
    renderTestApp({
      features: [opsPlugin],
      initialRouteEntries: ['/ops'],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      apis: [
        mockApis.discovery({ baseUrl: 'http://localhost:7007' }),
        [permissionApiRef, mockApis.permission({ authorize: 'DENY' })],
      ],
    });
    // The page is lazy-loaded and then fetches; on a loaded CI machine that takes seconds.
    const table = await screen.findByRole(
      'table',
      { name: 'Compliance of every entity' },
      { timeout: 15_000 },
    );
    await waitFor(
      () => expect(within(table).getAllByRole('row').length).toBe(26),
      { timeout: 10_000 },
    );
    expect(
      ops.requests.some(u =>
        u.href.startsWith('http://localhost:7007/api/ops/compliance'),
      ),
    ).toBe(true);
  });
});
