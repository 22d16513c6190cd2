import { opsComplianceReadPermission } from '@opskit/plugin-ops-common';
import { storedStaleness } from '../staleness';
import { READ_ONLY, type OpsActionsOptions } from './options';
import { requirePermission } from '../requirePermission';
import { entityReadScope, withinScope } from '../entityReadScope';

/** `get-compliance-summary`: the catalog's (or one owner's) readiness from the latest evaluation. */
export function createGetComplianceSummaryAction(options: OpsActionsOptions) {
  const { actionsRegistry, permissions, store, config, checks } = options;
  actionsRegistry.register({
    name: 'get-compliance-summary',
    title: 'Get the ops compliance summary',
    description:
      'Catalog-wide (or one owner’s) operational readiness from the latest evaluation: entity count, average score, how many entities are at each level, the most failed checks, per-owner averages, and whether the data is stale.',
    attributes: READ_ONLY,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .optional()
            .describe(
              'Owner ref, e.g. group:default/payments-team; omit for the whole catalog',
            ),
        }),
      output: z =>
        z.object({
          entityCount: z.number(),
          averageScore: z.number().nullable(),
          levelCounts: z.record(z.string(), z.number()),
          topFailingChecks: z.array(
            z.object({ id: z.string(), entities: z.number() }),
          ),
          owners: z.array(
            z.object({
              owner: z.string(),
              entityCount: z.number(),
              averageScore: z.number().nullable(),
            }),
          ),
          evaluatedAt: z.string().nullable(),
          stale: z.boolean(),
          staleReason: z.string().optional(),
        }),
    },
    examples: [
      {
        title: 'How ready is the payments team?',
        input: { owner: 'group:default/payments-team' },
      },
    ],
    async action({ input, credentials }) {
      await requirePermission({
        permissions,
        permission: opsComplianceReadPermission,
        credentials,
      });
      const scope = await entityReadScope(permissions, credentials);
      const filter = withinScope(
        input.owner ? { owner: [input.owner] } : {},
        scope,
      );
      const summary = await store.summary(
        filter,
        checks.checks.map(c => c.id),
      );
      const { status: state } = await storedStaleness(
        store,
        {
          staleAfterMs: config.staleAfterMs,
          leaseMs: config.evaluationLeaseMs,
        },
        summary.evaluation,
      );
      return {
        output: {
          entityCount: summary.entityCount,
          averageScore: summary.averageScore,
          levelCounts: summary.levelCounts,
          topFailingChecks: Object.entries(summary.failingCounts)
            .filter(([, count]) => count > 0)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 10)
            .map(([id, count]) => ({ id, entities: count })),
          owners: summary.owners.map(o => ({
            owner: o.owner,
            entityCount: o.entityCount,
            averageScore: o.averageScore,
          })),
          evaluatedAt: summary.evaluation?.finishedAt ?? null,
          stale: state.stale,
          ...(state.reason ? { staleReason: state.reason } : {}),
        },
      };
    },
  });
}
