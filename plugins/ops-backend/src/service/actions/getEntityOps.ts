import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  describeThreshold,
  liveSlos,
  opsComplianceReadPermission,
  opsEntityReadPermission,
} from '@opskit/plugin-ops-common';
import { compoundRef, READ_ONLY, type OpsActionsOptions } from './options';
import { requirePermission } from '../requirePermission';

/** `get-entity-ops`: one entity's readiness, evaluated now (what the Ops tab shows). */
export function createGetEntityOpsAction(options: OpsActionsOptions) {
  const { actionsRegistry, permissions, entities } = options;
  actionsRegistry.register({
    name: 'get-entity-ops',
    title: 'Get ops readiness of an entity',
    description:
      "An entity's operational readiness, evaluated now: both scorecards (score and level), the failing checks with how to fix them, validation errors in its ops data, its tier, environments, SLOs (with their live values where measured) and escalation path. Use it to answer whether a service is production-ready.",
    attributes: READ_ONLY,
    visibilityPermission: opsComplianceReadPermission,
    schema: {
      input: z =>
        z.object({
          entityRef: z
            .string()
            .describe(
              'Entity ref, e.g. component:default/payments-api (kind and namespace default to component and default)',
            ),
        }),
      output: z =>
        z.object({
          entityRef: z.string(),
          productionReady: z
            .boolean()
            .describe(
              'Every applicable scorecard at bronze or better, and no validation error',
            ),
          tier: z.string(),
          scorecards: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              score: z.number().nullable(),
              level: z.string(),
            }),
          ),
          failingChecks: z.array(
            z.object({
              id: z.string(),
              title: z.string(),
              scorecard: z.string(),
              howToFix: z.string(),
            }),
          ),
          validationErrors: z.array(
            z.object({ path: z.string(), message: z.string() }),
          ),
          environments: z.array(z.string()),
          slos: z.array(
            z.object({
              name: z.string(),
              indicator: z.string(),
              objective: z.string(),
              live: z
                .array(
                  z.object({
                    environment: z.string(),
                    value: z.number().nullable(),
                    state: z.string(),
                    observedAt: z.string().nullable(),
                  }),
                )
                .describe(
                  'Measured by a fact provider (Prometheus): met, breached, alerting, stale, error or unmeasured',
                ),
            }),
          ),
          escalation: z.array(z.array(z.string())),
        }),
    },
    examples: [
      {
        title: 'Is payments-api production-ready?',
        input: { entityRef: 'component:default/payments-api' },
      },
    ],
    async action({ input, credentials }) {
      const ref = compoundRef(input.entityRef);
      const authorized = requirePermission({
        permissions,
        permission: opsEntityReadPermission,
        credentials,
        resourceRef: stringifyEntityRef(ref).toLowerCase(),
      });
      authorized.catch(() => undefined);
      const data = await entities.read(ref, credentials, authorized);
      const errors = data.issues.filter(issue => issue.severity === 'error');
      const applicable = data.scorecards.filter(card => card.score !== null);
      const live = liveSlos(data.profile, data.facts);
      return {
        output: {
          entityRef: data.entityRef,
          productionReady:
            errors.length === 0 &&
            applicable.length > 0 &&
            applicable.every(card => card.level !== 'none'),
          tier: data.profile.tier ?? data.profile.effectiveTier,
          scorecards: data.scorecards.map(card => ({
            id: card.scorecard,
            title: card.title,
            score: card.score,
            level: card.level,
          })),
          failingChecks: data.scorecards.flatMap(card =>
            card.results
              .filter(r => r.status === 'fail')
              .map(r => ({
                id: r.checkId,
                title: r.title,
                scorecard: card.scorecard,
                howToFix: r.howToFix,
              })),
          ),
          validationErrors: errors.map(e => ({
            path: e.path,
            message: e.message,
          })),
          environments: (data.profile.environments ?? []).map(e => e.name),
          slos: (data.profile.slos ?? []).map((s, index) => ({
            name: s.name,
            indicator: s.indicator,
            objective: describeThreshold(s.objective, s.unit),
            live: live
              .filter(l => l.index === index)
              .map(({ environment, value, state, observedAt }) => ({
                environment,
                value,
                state,
                observedAt,
              })),
          })),
          escalation: (data.profile.escalation ?? []).map(
            level => level.targets,
          ),
        },
      };
    },
  });
}
