import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import { Content } from '@backstage/core-components';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { isOpsAvailable } from '@opskit/plugin-ops-common';
import { OpsClient, opsApiRef } from './api';
import { rootRouteRef } from './routes';

/**
 * The ops client, from the app's discovery and fetch APIs.
 *
 * @alpha
 */
export const opsApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: opsApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: ({ discoveryApi, fetchApi }) =>
        new OpsClient({ discoveryApi, fetchApi }),
    }),
});

/**
 * The compliance page at `/ops`, with a sidebar entry.
 *
 * @alpha
 */
export const opsCompliancePage = PageBlueprint.make({
  params: {
    path: '/ops',
    title: 'Ops compliance',
    icon: <AssignmentTurnedInIcon fontSize="inherit" />,
    routeRef: rootRouteRef,
    loader: () =>
      import('./components/OpsCompliancePage/OpsComplianceContent').then(m => (
        <Content>
          <m.OpsComplianceContent />
        </Content>
      )),
  },
});

/**
 * The Ops tab, in the "operation" group, on entities that carry ops data.
 *
 * @alpha
 */
export const entityOpsContent = EntityContentBlueprint.make({
  params: {
    path: 'ops',
    title: 'Ops',
    group: 'operation',
    filter: entity => isOpsAvailable(entity),
    loader: () =>
      import('./components/EntityOpsContent/EntityOpsContent').then(m => (
        <m.EntityOpsContent />
      )),
  },
});

/**
 * The readiness card on the overview of entities that carry ops data.
 *
 * @alpha
 */
export const entityOpsCard = EntityCardBlueprint.make({
  params: {
    filter: entity => isOpsAvailable(entity),
    loader: () =>
      import('./components/EntityOpsCard/EntityOpsCard').then(m => (
        <m.EntityOpsCard />
      )),
  },
});

/** The ops plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'ops',
  title: 'Ops',
  icon: <AssignmentTurnedInIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [opsApi, opsCompliancePage, entityOpsContent, entityOpsCard],
});
