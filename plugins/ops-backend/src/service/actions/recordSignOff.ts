import { opsComplianceReadPermission } from '@opskit/plugin-ops-common';
import { compoundRef, WRITES, type OpsActionsOptions } from './options';

/** `record-sign-off`: a checklist sign-off, as the Ops tab's Sign off records it (same permission, checks and audit). */
export function createRecordSignOffAction(options: OpsActionsOptions) {
  const { actionsRegistry, entities, writes } = options;
  actionsRegistry.register({
    name: 'record-sign-off',
    title: 'Record a checklist sign-off',
    description:
      "Signs off one item of an entity's deployment checklist, for a version and optionally an environment, as the caller (who needs ops.checklist.update on the entity, as on the Ops tab). The item must be on the entity's checklist; the answer is the stored sign-off.",
    attributes: WRITES,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity ref, e.g. component:default/payments-api'),
          itemId: z
            .string()
            .describe('The checklist item id, e.g. tests-passing'),
          version: z
            .string()
            .optional()
            .describe(
              'The version signed off; default the newest in its version history',
            ),
          environment: z.string().optional(),
          comment: z.string().optional(),
        }),
      output: z =>
        z.object({
          id: z.number(),
          entityRef: z.string(),
          itemId: z.string(),
          version: z.string().optional(),
          environment: z.string().optional(),
          by: z.string(),
          at: z.string(),
        }),
    },
    examples: [
      {
        title: 'Sign off the tests of payments-api 2.4.0',
        input: {
          entityRef: 'component:default/payments-api',
          itemId: 'tests-passing',
          version: '2.4.0',
        },
      },
    ],
    async action({ input, credentials }) {
      const { entityRef, ...body } = input;
      const loaded = await entities.entity(compoundRef(entityRef), credentials);
      const signOff = await writes.signOff(credentials, loaded, body);
      const { comment: _comment, ...output } = signOff;
      return { output };
    },
  });
}
