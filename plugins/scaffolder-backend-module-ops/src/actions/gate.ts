import type {
  AuthService,
  DiscoveryService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  CHECK_LEVELS,
  checkEntityRef,
  fetchEntityScorecards,
  gateReport,
  gateResult,
  type CheckLevel,
} from '@opskit/plugin-ops-common';
import { examples } from './gate.examples';

/** @public */
export const GATE_ID = 'ops:gate';

/**
 * The input of `ops:gate` (defaults applied).
 *
 * @public
 */
export type OpsGateInput = {
  entityRef: string;
  minLevel: CheckLevel;
  scorecards?: string[];
  failOnBlock: boolean;
};

/**
 * The output of `ops:gate`.
 *
 * @public
 */
export type OpsGateOutput = {
  passed: boolean;
  /** Each scorecard's level. */
  levels: Record<string, string>;
  /** The failing checks that keep the entity below the level. */
  blocking: Array<{
    scorecard: string;
    checkId: string;
    title: string;
    message: string;
    howToFix: string;
  }>;
};

/**
 * `ops:gate`: the release gate of `opskit gate` in a template. It asks
 * ops-backend for the entity's scorecards as the user running the template
 * (their permissions apply), and fails the step when a check blocks the level.
 *
 * @public
 */
export function createOpsGateAction(options: {
  discovery: DiscoveryService;
  auth: AuthService;
}): TemplateAction<OpsGateInput, OpsGateOutput, 'v2'> {
  return createTemplateAction({
    id: GATE_ID,
    description:
      'Checks that an entity reaches a level (bronze, silver, gold) on its ops scorecards, as ops-backend scores it; fails the step with the blocking checks and how to fix them, unless failOnBlock is false.',
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .describe(
              'The entity to gate, e.g. component:default/payments-api',
            ),
        minLevel: z =>
          z.enum(CHECK_LEVELS).describe('The level every scorecard must reach'),
        scorecards: z =>
          z
            .array(z.string())
            .optional()
            .describe('Scorecard ids to hold to the level; default all'),
        failOnBlock: z =>
          z
            .boolean()
            .default(true)
            .describe('Fail the step when the level is not reached'),
      },
      output: {
        passed: z => z.boolean().describe('Whether the level is reached'),
        levels: z =>
          z.record(z.string(), z.string()).describe("Each scorecard's level"),
        blocking: z =>
          z
            .array(
              z.object({
                scorecard: z.string(),
                checkId: z.string(),
                title: z.string(),
                message: z.string(),
                howToFix: z.string(),
              }),
            )
            .describe(
              'The failing checks that keep the entity below the level',
            ),
      },
    },
    async handler(ctx) {
      const { minLevel, scorecards } = ctx.input;
      const checked = checkEntityRef(ctx.input.entityRef, {
        defaultKind: 'component',
      });
      if ('error' in checked)
        throw new InputError(`entityRef: ${checked.error}`);
      const entityRef = checked.ref;
      const { token } = await options.auth.getPluginRequestToken({
        onBehalfOf: await ctx.getInitiatorCredentials(),
        targetPluginId: 'ops',
      });
      const cards = await fetchEntityScorecards({
        opsApiUrl: await options.discovery.getBaseUrl('ops'),
        entityRef,
        token,
      });
      if (typeof cards === 'string')
        throw new InputError(`ops:gate cannot tell: ${cards}`);
      const result = gateResult(cards, { minLevel, scorecards });
      for (const line of gateReport(entityRef, result)) ctx.logger.info(line);
      ctx.output('passed', result.passed);
      ctx.output(
        'levels',
        Object.fromEntries(result.scorecards.map(c => [c.scorecard, c.level])),
      );
      const blocking = result.scorecards.flatMap(card =>
        card.passed
          ? []
          : card.blocking.map(({ checkId, title, message, howToFix }) => ({
              scorecard: card.scorecard,
              checkId,
              title,
              message,
              howToFix,
            })),
      );
      ctx.output('blocking', blocking);
      if (!result.passed && (ctx.input.failOnBlock ?? true))
        throw new NotAllowedError(
          `${entityRef} does not reach ${minLevel}: ${
            result.unknownScorecards.length
              ? `no scorecard ${result.unknownScorecards.join(', ')}; `
              : ''
          }${blocking.map(b => `${b.title} (${b.message})`).join('; ')}`,
        );
    },
  });
}
