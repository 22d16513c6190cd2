import {
  ApiBlueprint,
  PageBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  type ExtensionDataRef,
  type OverridableExtensionDefinition,
  type OverridableFrontendPlugin,
} from '@backstage/frontend-plugin-api';
import type { RouteRef } from '@backstage/core-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import AssignmentTurnedInIcon from '@material-ui/icons/AssignmentTurnedIn';
import { isOpsAvailable } from '@opskit/plugin-ops-common';
import { OpsClient, opsApiRef } from './api';
import { rootRouteRef } from './routes';

// The exports are typed as far as every supported release of the frontend
// framework agrees (Backstage 1.55: frontend-plugin-api 0.18, catalog-react 3;
// 1.57: 1.0 and 4). Inferred, their published types would spell out the
// blueprints' internals of the release we build with (data refs, translation
// tuples, filter predicates), which an app on another release cannot check.
// The outputs tests and adopters read are named; the rest are any data ref.

/**
 * Outputs whose types differ between releases of the frontend framework.
 *
 * @alpha
 */
export type OpsOtherExtensionOutput = ExtensionDataRef<
  unknown,
  string,
  { optional?: true }
>;

/**
 * Whether the extension applies to an entity (ops data present).
 *
 * @alpha
 */
export type OpsEntityFilterOutput = ExtensionDataRef<
  (entity: Entity) => boolean,
  'catalog.entity-filter-function',
  { optional: true }
>;

/** @alpha */
export type OpsApiExtension = OverridableExtensionDefinition<{
  kind: 'api';
  name: undefined;
  output: OpsOtherExtensionOutput;
}>;

/** @alpha */
export type OpsCompliancePageExtension = OverridableExtensionDefinition<{
  kind: 'page';
  name: undefined;
  output:
    | ExtensionDataRef<string, 'core.routing.path', {}>
    | OpsOtherExtensionOutput;
}>;

/** @alpha */
export type EntityOpsContentExtension = OverridableExtensionDefinition<{
  kind: 'entity-content';
  name: undefined;
  output:
    | ExtensionDataRef<string, 'core.routing.path', {}>
    | ExtensionDataRef<
        string,
        'catalog.entity-content-group',
        { optional: true }
      >
    | OpsEntityFilterOutput
    | OpsOtherExtensionOutput;
}>;

/** @alpha */
export type EntityOpsCardExtension = OverridableExtensionDefinition<{
  kind: 'entity-card';
  name: undefined;
  output: OpsEntityFilterOutput | OpsOtherExtensionOutput;
}>;

/** @alpha */
export type EntityOpsRollupCardExtension = OverridableExtensionDefinition<{
  kind: 'entity-card';
  name: 'rollup';
  output: OpsEntityFilterOutput | OpsOtherExtensionOutput;
}>;

/**
 * The ops client, from the app's discovery and fetch APIs.
 *
 * @alpha
 */
export const opsApi: OpsApiExtension = ApiBlueprint.make({
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
export const opsCompliancePage: OpsCompliancePageExtension = PageBlueprint.make(
  {
    params: {
      path: '/ops',
      title: 'Ops compliance',
      icon: <AssignmentTurnedInIcon fontSize="inherit" />,
      routeRef: rootRouteRef,
      loader: () =>
        import('./components/OpsCompliancePage/OpsComplianceContent').then(
          m => (
            <Content>
              <m.OpsComplianceContent />
            </Content>
          ),
        ),
    },
  },
);

/**
 * The Ops tab, in the "operation" group, on entities that carry ops data.
 *
 * @alpha
 */
export const entityOpsContent: EntityOpsContentExtension =
  EntityContentBlueprint.make({
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
export const entityOpsCard: EntityOpsCardExtension = EntityCardBlueprint.make({
  params: {
    filter: entity => isOpsAvailable(entity),
    loader: () =>
      import('./components/EntityOpsCard/EntityOpsCard').then(m => (
        <m.EntityOpsCard />
      )),
  },
});

/**
 * The roll-up card on Group, System and Domain pages: what the team (with
 * the teams under it) owns, or what the system or domain contains.
 *
 * @alpha
 */
export const entityOpsRollupCard: EntityOpsRollupCardExtension =
  EntityCardBlueprint.make({
    name: 'rollup',
    params: {
      filter: entity =>
        ['group', 'system', 'domain'].includes(entity.kind.toLowerCase()),
      loader: () =>
        import('./components/EntityOpsRollupCard/EntityOpsRollupCard').then(
          m => <m.EntityOpsRollupCard />,
        ),
    },
  });

/**
 * The extensions of the ops plugin by id, for `getExtension(id).override(…)`.
 *
 * @alpha
 */
export type OpsPluginExtensions = {
  'api:ops': OpsApiExtension;
  'page:ops': OpsCompliancePageExtension;
  'entity-content:ops': EntityOpsContentExtension;
  'entity-card:ops': EntityOpsCardExtension;
  'entity-card:ops/rollup': EntityOpsRollupCardExtension;
};

/**
 * The ops plugin for the new frontend system.
 *
 * @alpha
 */
const opsPlugin: OverridableFrontendPlugin<
  { root: RouteRef<undefined> },
  {},
  OpsPluginExtensions
> = createFrontendPlugin({
  pluginId: 'ops',
  title: 'Ops',
  icon: <AssignmentTurnedInIcon fontSize="inherit" />,
  info: { packageJson: () => import('../package.json') },
  routes: { root: rootRouteRef },
  extensions: [
    opsApi,
    opsCompliancePage,
    entityOpsContent,
    entityOpsCard,
    entityOpsRollupCard,
  ],
});

export default opsPlugin;
