import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { OpsClient, opsApiRef } from './api';
import { rootRouteRef } from './routes';

/** The ops plugin for the legacy frontend system. */
export const opsPlugin = createPlugin({
  id: 'ops',
  apis: [
    createApiFactory({
      api: opsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsClient({ discoveryApi, fetchApi }),
    }),
  ],
  routes: { root: rootRouteRef },
});

/** The compliance page; mount it at `/ops`. */
export const OpsCompliancePage = opsPlugin.provide(
  createRoutableExtension({
    name: 'OpsCompliancePage',
    component: () =>
      import('./components/OpsCompliancePage/OpsCompliancePage').then(
        m => m.OpsCompliancePage,
      ),
    mountPoint: rootRouteRef,
  }),
);

/** The Ops tab of an entity page. */
export const EntityOpsContent = opsPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsContent',
    component: {
      lazy: () =>
        import('./components/EntityOpsContent/EntityOpsContent').then(
          m => m.EntityOpsContent,
        ),
    },
  }),
);

/** The readiness card of an entity's overview. */
export const EntityOpsCard = opsPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsCard',
    component: {
      lazy: () =>
        import('./components/EntityOpsCard/EntityOpsCard').then(
          m => m.EntityOpsCard,
        ),
    },
  }),
);
