import { opsComplianceReadPermission } from '@opskit/plugin-ops-common';
import { compoundRef, WRITES, type OpsActionsOptions } from './options';

/** `request-waiver`: asks for a waiver as the caller, as the Ops tab's Request waiver does (pending until an approver decides). */
export function createRequestWaiverAction(options: OpsActionsOptions) {
  const { actionsRegistry, entities, writes } = options;
  actionsRegistry.register({
    name: 'request-waiver',
    title: 'Request a waiver of a failing check',
    description:
      "Asks for a waiver of one of an entity's checks until a date (at most ops.waivers.maxDuration ahead), with a reason. It is pending until someone with ops.waiver.manage approves it, unless the caller may approve it themselves or config approves that check or tier at once. The caller needs ops.waiver.request (or ops.waiver.manage) on the entity; one open request or waiver per check.",
    attributes: WRITES,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe('Entity ref, e.g. component:default/payments-api'),
          checkId: z
            .string()
            .describe('The check to waive, e.g. recovery-tested'),
          reason: z.string().describe('Why the check should not count for now'),
          expiresAt: z
            .string()
            .describe('ISO timestamp in the future when the waiver ends'),
        }),
      output: z =>
        z.object({
          id: z.string(),
          status: z
            .string()
            .describe('pending (waits for an approver) or approved'),
          checkId: z.string(),
          expiresAt: z.string(),
        }),
    },
    examples: [
      {
        title: 'Ask to waive the recovery test of payments-api for a month',
        input: {
          entityRef: 'component:default/payments-api',
          checkId: 'recovery-tested',
          reason: 'Restore drill booked for the next sprint',
          expiresAt: '2027-01-15T00:00:00Z',
        },
      },
    ],
    async action({ input, credentials }) {
      const { entityRef, ...body } = input;
      const loaded = await entities.entity(compoundRef(entityRef), credentials);
      const waiver = await writes.createWaiver(credentials, loaded, body);
      return {
        output: {
          id: waiver.id,
          status: waiver.status,
          checkId: waiver.checkId,
          expiresAt: waiver.expiresAt,
        },
      };
    },
  });
}
