import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import { parseEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  describeThreshold,
  liveSlos,
  opsComplianceReadPermission,
} from '@opskit/plugin-ops-common';
import type { OpsStore } from '../database/OpsStore';
import type { OpsBackendConfig } from './backendConfig';
import type { OpsCheckSet } from './checkSet';
import type { EntityOpsReader } from './entityOps';
import { requirePermission } from './requirePermission';
import { staleness } from './staleness';

/**
 * Read-only actions for AI assistants (Backstage's actions registry, exposed
 * over MCP by the mcp-actions plugin): enough to answer "is payments-api
 * production-ready?" or "what is failing for the payments team?" with the same
 * data and permissions as the Ops tab.
 */
export function registerOpsActions(options: {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  store: OpsStore;
  entities: EntityOpsReader;
  config: OpsBackendConfig;
  /** The checks in effect: the summary counts failures per check. */
  checks: OpsCheckSet;
}) {
  const { actionsRegistry, permissions, store, entities, config } = options;
  const attributes = { readOnly: true, destructive: false, idempotent: true };

  actionsRegistry.register({
    name: 'get-entity-ops',
    title: 'Get ops readiness of an entity',
    description:
      "An entity's operational readiness, evaluated now: both scorecards (score and level), the failing checks with how to fix them, validation errors in its ops data, its tier, environments, SLOs (with their live values where measured) and escalation path. Use it to answer whether a service is production-ready.",
    attributes,
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
      let ref;
      try {
        ref = parseEntityRef(input.entityRef, {
          defaultKind: 'component',
          defaultNamespace: 'default',
        });
      } catch (error) {
        throw new InputError(`entityRef: ${(error as Error).message}`);
      }
      await requirePermission({
        permissions,
        permission: opsComplianceReadPermission,
        credentials,
      });
      const data = await entities.read(ref, credentials);
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

  actionsRegistry.register({
    name: 'get-compliance-summary',
    title: 'Get the ops compliance summary',
    description:
      'Catalog-wide (or one owner’s) operational readiness from the latest evaluation: entity count, average score, how many entities are at each level, the most failed checks, per-owner averages, and whether the data is stale.',
    attributes,
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
      const filter = input.owner ? { owner: [input.owner] } : {};
      const [summary, lastRun] = await Promise.all([
        store.summary(
          filter,
          options.checks.checks.map(c => c.id),
        ),
        store.lastRun(),
      ]);
      const state = staleness(
        summary.evaluation,
        lastRun,
        Date.now(),
        config.staleAfterMs,
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

  actionsRegistry.register({
    name: 'list-failing-checks-for-owner',
    title: "List an owner's failing ops checks",
    description:
      "For one owning team, every entity with failing ops checks (from the latest evaluation), worst score first, and how many of the team's entities fail each check.",
    attributes,
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
      const limit = input.limit ?? 100;
      const page = await store.listCompliance({
        filter: { owner: [input.owner] },
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
