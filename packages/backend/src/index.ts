/*
 * The example OpsKit backend: the Backstage core plugins the ops plugins need,
 * plus the ops plugins themselves as they land.
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// scaffolder plugin
backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(
  import('@backstage/plugin-scaffolder-backend-module-notifications'),
);
// OpsKit: ops:descriptor:create and ops:runbook:create
backend.add(import('@opskit/plugin-scaffolder-backend-module-ops'));

// auth plugin with guest sign-in (development only)
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

// catalog plugin
backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));
// OpsKit: ops-ref → the entity's annotations
backend.add(import('@opskit/plugin-catalog-backend-module-ops'));

// permission plugin: allow-all for the demo, or the README's owner-only sign-off policy
backend.add(import('@backstage/plugin-permission-backend'));
if (process.env.OPSKIT_EXAMPLE_POLICY === 'owner-signoffs')
  backend.add(import('./ownerSignOffPolicy'));
else
  backend.add(
    import('@backstage/plugin-permission-backend-module-allow-all-policy'),
  );

// user settings and notifications
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
// signals: live updates for notifications and user settings (the app's storage API needs it)
backend.add(import('@backstage/plugin-signals-backend'));

// TechDocs, built locally with mkdocs: the runbooks OpsKit reads and writes are read here too
backend.add(import('@backstage/plugin-techdocs-backend'));

// mcp actions plugin
backend.add(import('@backstage/plugin-mcp-actions-backend'));

// OpsKit: the ops API, store and catalog-wide evaluation
backend.add(import('@opskit/plugin-ops-backend'));
// OpsKit: SLO queries measured against Prometheus (configure ops.prometheus)
backend.add(import('@opskit/plugin-ops-backend-module-prometheus'));

backend.start();
