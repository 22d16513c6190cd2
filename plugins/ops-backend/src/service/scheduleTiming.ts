import type { SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import { durationToMilliseconds, type HumanDuration } from '@backstage/types';

/**
 * How often Backstage's scheduler frees the lock of a task whose run outlived
 * its timeout (its janitor; 1 minute in @backstage/backend-defaults). A
 * replica that dies mid-run holds the lock until then.
 */
export const SCHEDULER_JANITOR_MS = 60_000;

/** A schedule's duration in ms: a HumanDuration or a luxon Duration (ISO strings in config); undefined for cron or manual. */
export function durationMs(value: unknown): number | undefined {
  if (!value || typeof value !== 'object') return undefined;
  if (typeof (value as { toMillis?: unknown }).toMillis === 'function')
    return (value as { toMillis(): number }).toMillis();
  if ('cron' in value || 'trigger' in value) return undefined;
  return durationToMilliseconds(value as HumanDuration);
}

/**
 * How long a run may be `running` before it counts as interrupted: the
 * schedule's timeout, after which the scheduler gives the task to another
 * replica anyway.
 */
export function evaluationLeaseMs(
  schedule: SchedulerServiceTaskScheduleDefinition,
): number {
  return durationMs(schedule.timeout) ?? 15 * 60_000;
}

/**
 * Why a schedule would leave evaluations stopped for longer than one interval
 * after a replica dies mid-run (the timeout plus the janitor's minute passing
 * the frequency), or undefined when it recovers within one interval.
 */
export function slowRecovery(
  key: string,
  schedule: SchedulerServiceTaskScheduleDefinition,
): string | undefined {
  const frequency = durationMs(schedule.frequency);
  const timeout = durationMs(schedule.timeout);
  if (frequency === undefined || timeout === undefined) return undefined;
  if (timeout + SCHEDULER_JANITOR_MS <= frequency) return undefined;
  return `${key}.timeout (${timeout / 1000} s) plus the scheduler's ${
    SCHEDULER_JANITOR_MS / 1000
  } s lock check is longer than ${key}.frequency (${
    frequency / 1000
  } s): when a backend stops mid-run, the next run waits that long; give a timeout at least a minute shorter than the frequency`;
}
