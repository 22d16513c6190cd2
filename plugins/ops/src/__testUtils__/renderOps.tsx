import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { alertApiRef } from '@backstage/core-plugin-api';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
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

/** Permission requests the Ops UI made, with the entity they named. */
export const permissionRequests: Array<{ name: string; resourceRef?: string }> =
  [];
/** Messages the UI posted to the alert API. */
export const alerts: string[] = [];

/**
 * Renders an element in the legacy test app with the real client (talking to
 * msw) and a permission verdict: for everything, or per permission (and entity).
 */
export function renderOps(
  element: JSX.Element,
  options: {
    entity?: Entity;
    allow?: boolean | ((name: string, resourceRef?: string) => boolean);
    route?: string;
  } = {},
) {
  const allow = options.allow;
  const permissionApi = mockApis.permission({
    authorize: request => {
      const resourceRef = (request as { resourceRef?: string }).resourceRef;
      permissionRequests.push({ name: request.permission.name, resourceRef });
      const allowed =
        typeof allow === 'function'
          ? allow(request.permission.name, resourceRef)
          : allow !== false;
      return allowed ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    },
  });
  const alertApi = {
    post: (alert: { message: string }) => {
      alerts.push(alert.message);
    },
    alert$: () => ({
      subscribe: () => ({ unsubscribe() {}, closed: false }),
      [Symbol.observable]() {
        return this;
      },
    }),
  };
  // usePermission caches verdicts in SWR's global cache: a fresh cache per render keeps tests independent.
  return renderInTestApp(
    <SWRConfig value={{ provider: () => new Map() }}>
      <TestApiProvider
        apis={[
          [opsApiRef, opsClient()],
          [permissionApiRef, permissionApi],
          [alertApiRef, alertApi as any],
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
