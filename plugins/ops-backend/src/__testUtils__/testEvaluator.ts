import { mockServices } from '@backstage/backend-test-utils';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { readOpsConfig } from '@opskit/plugin-ops-common';
import type { OpsStore } from '../database/OpsStore';
import {
  CatalogEvaluator,
  type CatalogEvaluatorOptions,
} from '../service/CatalogEvaluator';
import { builtInCheckSet } from '../service/checkSet';
import { EntityRescorer } from '../service/rescoring/EntityRescorer';

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

/** An EntityRescorer over the given store and catalog (Components, built-in checks, no known principals). */
export function testRescorer(store: OpsStore, catalog: CatalogService) {
  const ops = readOpsConfig({});
  return new EntityRescorer({
    catalog,
    auth: mockServices.auth(),
    store,
    logger: mockServices.logger.mock(),
    ops,
    kinds: ['Component'],
    checks: builtInCheckSet(ops.scoring),
    knownPrincipals: async () => new Set(),
  });
}
