import { opsComplianceReadPermission } from '@opskit/plugin-ops-common';
import { READ_ONLY, type OpsActionsOptions } from './options';
import { requirePermission } from '../requirePermission';
import { entityReadScope, withinScope } from '../entityReadScope';

/** `list-failing-checks-for-owner`: an owning team's entities with failing checks, worst first. */
export function createListFailingChecksForOwnerAction(
  options: OpsActionsOptions,
) {
  const { actionsRegistry, permissions, store } = options;
  actionsRegistry.register({
    name: 'list-failing-checks-for-owner',
    title: "List an owner's failing ops checks",
    description:
      "For one owning team, every entity with failing ops checks (from the latest evaluation), worst score first, and how many of the team's entities fail each check.",
    attributes: READ_ONLY,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          owner: z
            .string()
            .describe('Owner ref, e.g. group:default/payments-team'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(500)
            .optional()
            .describe('Most entities to list (default 100)'),
        }),
      output: z =>
        z.object({
          owner: z.string(),
          entities: z.array(
            z.object({
              entityRef: z.string(),
              score: z.number().nullable(),
              level: z.string(),
              failingChecks: z.array(z.string()),
            }),
          ),
          checkCounts: z.record(z.string(), z.number()),
          truncated: z.boolean(),
        }),
    },
    examples: [
      {
        title: 'What is failing for the payments team?',
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
      const limit = input.limit ?? 100;
      const page = await store.listCompliance({
        filter: withinScope({ owner: [input.owner] }, scope),
        sort: { field: 'score', order: 'asc' },
        limit: 500,
      });
      const failing = page.items.filter(row => row.failingChecks.length > 0);
      const checkCounts: Record<string, number> = {};
      for (const row of failing)
        for (const id of row.failingChecks)
          checkCounts[id] = (checkCounts[id] ?? 0) + 1;
      return {
        output: {
          owner: input.owner,
          entities: failing.slice(0, limit).map(row => ({
            entityRef: row.entityRef,
            score: row.score,
            level: row.level,
            failingChecks: row.failingChecks,
          })),
          checkCounts,
          truncated: failing.length > limit || Boolean(page.nextCursor),
        },
      };
    },
  });
}
