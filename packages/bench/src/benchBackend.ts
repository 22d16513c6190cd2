/*
 * The evaluation benchmark's backend: Backstage's default services with the
 * ops plugin and its Prometheus module, nothing else (no catalog, no
 * permission backend). evaluation.bench.ts starts it as its own process
 * (through backend/src/testing/backendProcess) with config that disables
 * permissions, points discovery's `catalog` and `ops.prometheus` at
 * catalogServer.ts and sets the database.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs src/benchBackend.ts --config <file> ...
 */
import { createBackend } from '@backstage/backend-defaults';

const backend = createBackend();
backend.add(import('@opskit/plugin-ops-backend'));
backend.add(import('@opskit/plugin-ops-backend-module-prometheus'));
backend.start();
