import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  registerMswTestHooks,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  EntityOpsCard,
  EntityOpsContent,
  OpsCompliancePage,
  opsApiRef,
  opsPlugin,
} from './index';
import { exampleEntity } from './__testUtils__/fixtures';
import { createOpsServer } from './__testUtils__/opsServer';
import { opsClient } from './__testUtils__/renderOps';
import { rootRouteRef } from './routes';

// Rendering MUI tables and typing with user-event is slow on a busy 2-core CI machine.
jest.setTimeout(30_000);

const payments = exampleEntity('payments-api');

/** The legacy frontend system: the extensions exactly as an app's EntityPage and App.tsx use them. */
describe('legacy frontend system', () => {
  const ops = createOpsServer({ entities: [payments] });
  registerMswTestHooks(ops.server);
  const apis = [
    [opsApiRef, opsClient()],
    [permissionApiRef, mockApis.permission()],
  ] as const;

  it('provides the API factory and the routable page', () => {
    expect(opsPlugin.getId()).toBe('ops');
    expect([...opsPlugin.getApis()].map(factory => factory.api.id)).toEqual([
      'plugin.ops.service',
    ]);
    expect(opsPlugin.routes.root).toBe(rootRouteRef);
  });

  it('renders the compliance page extension with its header', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <Routes>
          <Route path="/ops" element={<OpsCompliancePage />} />
        </Routes>
      </TestApiProvider>,
      {
        routeEntries: ['/ops'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByRole('heading', { name: 'Ops compliance' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Compliance of every entity' }),
    ).toBeInTheDocument();
  });

  it('renders the entity tab and card extensions', async () => {
    await renderInTestApp(
      <TestApiProvider apis={apis}>
        <EntityProvider entity={payments}>
          <EntityOpsCard />
          <EntityOpsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('Ops readiness')).toBeInTheDocument();
    expect(await screen.findByTestId('ops-content')).toBeInTheDocument();
  });
});
