import { InputError, NotFoundError } from '@backstage/errors';
import { opsComplianceReadPermission } from '@opskit/plugin-ops-common';
import { entityReadScope } from '../entityReadScope';
import { requirePermission } from '../requirePermission';
import { READ_ONLY, type OpsActionsOptions } from './options';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `list-campaign-remaining`: a campaign's entities not done yet, closest to
 * done first, with the checks each still fails (ids and titles): what an
 * assistant needs to answer "what is left for the SLO campaign, and who has
 * to do it?". Reading follows the API's GET /campaigns/{id}:
 * ops.compliance.read, within the entities the caller may read.
 */
export function createListCampaignRemainingAction(options: OpsActionsOptions) {
  const { actionsRegistry, permissions, store, campaignProgress, checks } =
    options;
  const titles = new Map(checks.checks.map(c => [c.id, c.title]));
  actionsRegistry.register({
    name: 'list-campaign-remaining',
    title: "List a campaign's remaining entities",
    description:
      'For one campaign (by id, or by its exact title), the entities in its scope that have not reached its target yet, closest to done first, with their owners and the checks each still fails; and the counts of entities in scope, done, waived and not done.',
    attributes: READ_ONLY,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          campaign: z
            .string()
            .min(1)
            .max(200)
            .describe('The campaign id, or its title (case does not matter)'),
          limit: z
            .number()
            .int()
            .min(1)
            .max(1000)
            .optional()
            .describe('Most entities to list (default 100)'),
        }),
      output: z =>
        z.object({
          campaign: z.object({
            id: z.string(),
            title: z.string(),
            state: z.string(),
            deadline: z.string(),
            target: z.string(),
          }),
          progress: z.object({
            inScope: z.number(),
            done: z.number(),
            waived: z.number(),
            notDone: z.number(),
          }),
          remaining: z.array(
            z.object({
              entityRef: z.string(),
              owner: z.string().optional(),
              failingChecks: z.array(
                z.object({ id: z.string(), title: z.string() }),
              ),
            }),
          ),
          truncated: z.boolean(),
        }),
    },
    examples: [
      {
        title: 'What is left for the SLO campaign?',
        input: { campaign: 'SLOs for tier 1' },
      },
    ],
    async action({ input, credentials }) {
      await requirePermission({
        permissions,
        permission: opsComplianceReadPermission,
        credentials,
      });
      const wanted = input.campaign.trim();
      const campaign = UUID.test(wanted)
        ? await store.campaigns.get(wanted.toLowerCase())
        : (await store.campaigns.list()).find(
            c => c.title.toLowerCase() === wanted.toLowerCase(),
          );
      if (!campaign && UUID.test(wanted))
        throw new NotFoundError(`no campaign ${wanted}`);
      if (!campaign) {
        const known = (await store.campaigns.list()).map(c => `"${c.title}"`);
        throw new InputError(
          `campaign: no campaign is titled "${wanted}"${
            known.length ? `; there are ${known.join(', ')}` : ''
          }`,
        );
      }
      const scope = await entityReadScope(permissions, credentials);
      const limit = input.limit ?? 100;
      const [measure] = await campaignProgress.measure(
        [campaign],
        scope,
        limit,
      );
      const { target } = campaign;
      return {
        output: {
          campaign: {
            id: campaign.id,
            title: campaign.title,
            state: campaign.state,
            deadline: campaign.deadline,
            target: target.checks
              ? `checks: ${target.checks.join(', ')}`
              : `${target.level} on ${target.scorecard}`,
          },
          progress: measure.counts,
          remaining: measure.remaining.map(entity => ({
            entityRef: entity.entityRef,
            ...(entity.owner ? { owner: entity.owner } : {}),
            failingChecks: entity.failing.map(id => ({
              id,
              title: titles.get(id) ?? id,
            })),
          })),
          truncated: measure.counts.notDone > measure.remaining.length,
        },
      };
    },
  });
}
