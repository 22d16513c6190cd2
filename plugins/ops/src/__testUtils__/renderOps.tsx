import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { SWRConfig } from 'swr';
import { OpsClient, opsApiRef } from '../api';
import { rootRouteRef } from '../routes';
import { BASE_URL } from './fixtures';

export function opsClient() {
  return new OpsClient({
    discoveryApi: { getBaseUrl: async () => BASE_URL },
    fetchApi: { fetch: (input, init) => fetch(input, init) },
  });
}

/** Renders an element in the legacy test app with the real client (talking to msw) and a permission verdict. */
export function renderOps(
  element: JSX.Element,
  options: { entity?: Entity; allow?: boolean; route?: string } = {},
) {
  const permissionApi = mockApis.permission({
    authorize: options.allow === false ? 'DENY' : 'ALLOW',
  });
  // usePermission caches verdicts in SWR's global cache: a fresh cache per render keeps tests independent.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [opsApiRef, opsClient()],
          [permissionApiRef, permissionApi],
        ]}
      >
        {options.entity ? (
          <EntityProvider entity={options.entity}>{element}</EntityProvider>
        ) : (
          element
        )}
      </TestApiProvider>
    </SWRConfig>,
    {
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': entityRouteRef,
        '/ops': rootRouteRef,
      },
      routeEntries: options.route ? [options.route] : undefined,
    },
  );
}
