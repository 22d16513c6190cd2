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
import type { EntityOpsCardProps } from './components/EntityOpsCard/EntityOpsCard';
import type { EntityOpsRollupCardProps } from './components/EntityOpsRollupCard/EntityOpsRollupCard';

/**
 * The ops plugin for the legacy frontend system.
 *
 * @public
 */
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

/**
 * The compliance page; mount it at `/ops`.
 *
 * @public
 */
export const OpsCompliancePage: (props: { title?: string }) => JSX.Element =
  opsPlugin.provide(
    createRoutableExtension({
      name: 'OpsCompliancePage',
      component: () =>
        import('./components/OpsCompliancePage/OpsCompliancePage').then(
          m => m.OpsCompliancePage,
        ),
      mountPoint: rootRouteRef,
    }),
  );

/**
 * The Ops tab of an entity page.
 *
 * @public
 */
export const EntityOpsContent: () => JSX.Element = opsPlugin.provide(
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

/**
 * The readiness card of an entity's overview.
 *
 * @public
 */
export const EntityOpsCard: (props: EntityOpsCardProps) => JSX.Element =
  opsPlugin.provide(
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

/**
 * The roll-up card for Group, System and Domain pages: the readiness of what
 * the team and the teams under it own, or of what the system or domain contains.
 *
 * @public
 */
export const EntityOpsRollupCard: (
  props: EntityOpsRollupCardProps,
) => JSX.Element = opsPlugin.provide(
  createComponentExtension({
    name: 'EntityOpsRollupCard',
    component: {
      lazy: () =>
        import('./components/EntityOpsRollupCard/EntityOpsRollupCard').then(
          m => m.EntityOpsRollupCard,
        ),
    },
  }),
);
