import { availableParallelism } from 'node:os';
import {
  readSchedulerServiceTaskScheduleDefinitionFromConfig,
  type RootConfigService,
  type SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import {
  durationToMs,
  readCustomChecks,
  readOpsConfig,
  type CustomCheckDefinition,
  type OpsConfig,
} from '@opskit/plugin-ops-common';
import { evaluationLeaseMs } from './scheduleTiming';

/** @public */
export interface OpsBackendConfig {
  ops: OpsConfig;
  /** `ops.checks.custom`, validated: a broken one stops the backend at start. */
  customChecks: CustomCheckDefinition[];
  schedule: SchedulerServiceTaskScheduleDefinition;
  /** How long a run may stay `running` before it counts as interrupted: the schedule's timeout. */
  evaluationLeaseMs: number;
  /** Entity kinds the catalog-wide evaluation covers. */
  kinds: string[];
  historyRetentionMs: number;
  /** After this long without a successful run, the compliance data is flagged stale. */
  staleAfterMs: number;
  /** Worker threads scoring entities during an evaluation; 0 = the main thread. */
  workers: number;
  /** Waiver requests: how far ahead they may expire, what is approved at once, who approves. */
  waivers: {
    maxDurationMs: number;
    autoApprove: { checks: string[]; tiers: string[] };
    /** Entity refs (groups, users) told of every new request. */
    approvers: string[];
  };
  /** Regression notifications to owners (when the notifications plugin is installed). */
  notifications: { enabled: boolean; optOut: string[] };
  /** Campaign notices: at the start, a reminder this long before the deadline, a summary at it. */
  campaigns: { notify: boolean; reminderLeadMs: number };
  /** Fact providers' collection run (only scheduled when a module adds a provider). */
  facts: {
    schedule: SchedulerServiceTaskScheduleDefinition;
    timeoutMs: number;
    concurrency: number;
  };
}

/**
 * One core for the main thread (fetching, writing, serving), the rest score.
 *
 * @public
 */
export function defaultScoringWorkers(): number {
  return Math.max(1, availableParallelism() - 1);
}

/**
 * Timeouts well under the frequency: a run that dies with its backend holds
 * the scheduler's lock until its timeout (plus the scheduler's one-minute
 * lock check), so the next run starts at most one interval later. A run of
 * 100,000 entities takes under a minute, far inside 10.
 */
export const DEFAULT_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 30 },
  timeout: { minutes: 10 },
  initialDelay: { seconds: 10 },
};

export const DEFAULT_FACTS_SCHEDULE: SchedulerServiceTaskScheduleDefinition = {
  frequency: { minutes: 5 },
  timeout: { minutes: 3 },
  initialDelay: { seconds: 5 },
};

function duration(
  config: RootConfigService,
  key: string,
  fallback: string,
): number {
  const text = config.getOptionalString(key) ?? fallback;
  const ms = durationToMs(text);
  if (ms === undefined)
    throw new Error(
      `${key}: "${text}" is not a duration; use e.g. 90d, 12h or P90D`,
    );
  return ms;
}

function positive(
  config: RootConfigService,
  key: string,
  fallback: number,
): number {
  const value = config.getOptionalNumber(key) ?? fallback;
  if (!Number.isInteger(value) || value < 1)
    throw new Error(
      `${key}: must be a whole number of at least 1, got ${value}`,
    );
  return value;
}

/**
 * Reads `ops.*`. Invalid domain config (defaults, scoring) is reported by ops-common and ignored; invalid wiring fails start.
 *
 * @public
 */
export function readBackendConfig(config: RootConfigService): OpsBackendConfig {
  const schedule = config.has('ops.schedule')
    ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
        config.getConfig('ops.schedule'),
      )
    : DEFAULT_SCHEDULE;
  const custom = readCustomChecks(config.getOptional('ops.checks.custom'));
  if (custom.issues.length)
    throw new Error(
      `ops.checks.custom is invalid, so no check would score right:\n${custom.issues
        .map(issue => `  - ${issue.path}: ${issue.message}`)
        .join('\n')}`,
    );
  return {
    ops: readOpsConfig(config.getOptional('ops')),
    customChecks: custom.checks,
    schedule,
    evaluationLeaseMs: evaluationLeaseMs(schedule),
    kinds: config.getOptionalStringArray('ops.evaluation.kinds') ?? [
      'Component',
    ],
    historyRetentionMs: duration(config, 'ops.retention.history', '90d'),
    staleAfterMs: duration(config, 'ops.evaluation.staleAfter', '24h'),
    workers:
      config.getOptionalNumber('ops.evaluation.workers') ??
      defaultScoringWorkers(),
    waivers: {
      maxDurationMs: duration(config, 'ops.waivers.maxDuration', '90d'),
      autoApprove: {
        checks:
          config.getOptionalStringArray('ops.waivers.autoApprove.checks') ?? [],
        tiers:
          config.getOptionalStringArray('ops.waivers.autoApprove.tiers') ?? [],
      },
      approvers: config.getOptionalStringArray('ops.waivers.approvers') ?? [],
    },
    notifications: {
      enabled: config.getOptionalBoolean('ops.notifications.enabled') ?? true,
      optOut: config.getOptionalStringArray('ops.notifications.optOut') ?? [],
    },
    campaigns: {
      notify:
        (config.getOptionalBoolean('ops.notifications.enabled') ?? true) &&
        (config.getOptionalBoolean('ops.campaigns.notifications') ?? true),
      reminderLeadMs: duration(config, 'ops.campaigns.reminderLeadTime', '7d'),
    },
    facts: {
      schedule: config.has('ops.facts.schedule')
        ? readSchedulerServiceTaskScheduleDefinitionFromConfig(
            config.getConfig('ops.facts.schedule'),
          )
        : DEFAULT_FACTS_SCHEDULE,
      timeoutMs: duration(config, 'ops.facts.timeout', '10s'),
      concurrency: positive(config, 'ops.facts.concurrency', 8),
    },
  };
}
