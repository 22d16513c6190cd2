import { mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readOpsConfig } from '@opskit/plugin-ops-common';
import type { OpsStore } from '../database/OpsStore';
import {
  CatalogEvaluator,
  type CatalogEvaluatorOptions,
} from '../service/CatalogEvaluator';
import { builtInCheckSet } from '../service/checkSet';

/** A CatalogEvaluator over the given store and catalog with the defaults the tests share. */
export function testEvaluator(
  store: OpsStore,
  catalog: CatalogService,
  options: Partial<CatalogEvaluatorOptions> = {},
) {
  const ops = options.ops ?? readOpsConfig({});
  return new CatalogEvaluator({
    catalog,
    auth: mockServices.auth(),
    store,
    logger: mockServices.logger.mock(),
    ops,
    checks: builtInCheckSet(ops.scoring),
    kinds: ['Component'],
    historyRetentionMs: 90 * 86_400_000,
    ...options,
  });
}
