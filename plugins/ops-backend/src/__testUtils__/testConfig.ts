import { mockServices } from '@backstage/backend-test-utils';

/**
 * The root config for a test backend running ops-backend: `ops` as given,
 * scored in the main thread (`ops.evaluation.workers: 0`) unless the test says
 * otherwise, since jest cannot load TypeScript inside worker threads.
 */
export function opsTestConfig(ops: object = {}) {
  const { evaluation } = ops as { evaluation?: object };
  return mockServices.rootConfig.factory({
    data: { ops: { ...ops, evaluation: { workers: 0, ...evaluation } } },
  });
}
