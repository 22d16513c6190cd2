import { durationToMs, formatDuration } from '../durations';
import type { Backup, Recovery } from '../descriptor/types';
import type { RuleContext } from './ruleContext';
import { lookupTable } from '../lookupTable';

const HOUR = 3_600_000;
const NAMED_INTERVALS: Record<string, number> = lookupTable({
  hourly: HOUR,
  daily: 24 * HOUR,
  weekly: 7 * 24 * HOUR,
  monthly: 31 * 24 * HOUR,
});

/**
 * The longest gap between two runs of a backup schedule. For cron this is an
 * estimate from which fields are fixed, which is enough to compare with a
 * retention period.
 *
 * @public
 */
export function backupIntervalMs(schedule: string): number | undefined {
  if (NAMED_INTERVALS[schedule]) return NAMED_INTERVALS[schedule];
  const fields = schedule.trim().split(/\s+/);
  if (fields.length !== 5) return undefined;
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields;
  const every = (f: string) => f === '*' || f.startsWith('*/');
  if (every(minute)) return 60_000;
  if (every(hour)) return HOUR;
  if (every(dayOfMonth) && every(month) && every(dayOfWeek)) return 24 * HOUR;
  if (!every(dayOfWeek)) return 7 * 24 * HOUR;
  if (every(month)) return NAMED_INTERVALS.monthly;
  return 366 * 24 * HOUR;
}

export function validateBackups(
  ctx: RuleContext,
  backups: Backup[] | undefined,
) {
  if (!backups) return;
  const seen = new Set<string>();
  backups.forEach((backup, i) => {
    if (seen.has(backup.data))
      ctx.warn(
        'backups',
        `[${i}].data`,
        `"${backup.data}" has two backup entries; merge them or name each store distinctly`,
      );
    seen.add(backup.data);
    const interval = backupIntervalMs(backup.schedule);
    const retention = durationToMs(backup.retention);
    if (
      interval !== undefined &&
      retention !== undefined &&
      retention < interval
    ) {
      ctx.error(
        'backups',
        `[${i}].retention`,
        `retention ${backup.retention} is shorter than the ${
          backup.schedule
        } backup interval (${formatDuration(
          interval,
        )}): each backup expires before the next one exists; keep at least ${formatDuration(
          interval,
        )}`,
      );
    }
    const rpo = durationToMs(backup.rpo);
    if (interval !== undefined && rpo !== undefined && rpo < interval) {
      ctx.warn(
        'backups',
        `[${i}].rpo`,
        `RPO ${backup.rpo} cannot be met by ${
          backup.schedule
        } backups: up to ${formatDuration(
          interval,
        )} of data can be lost; back up more often or raise the RPO`,
      );
    }
  });
}

export function validateRecovery(
  ctx: RuleContext,
  recovery: Recovery | undefined,
) {
  if (!recovery) return;
  if (recovery.lastTested) {
    const tested = Date.parse(recovery.lastTested);
    // A day of slack for time zones: "today" in Auckland is tomorrow in UTC.
    if (tested > ctx.now + 24 * HOUR) {
      ctx.error(
        'recovery',
        'lastTested',
        `${recovery.lastTested} is in the future; record the date the restore was actually tested`,
      );
    }
  }
  if (!recovery.steps || recovery.steps.length === 0) {
    ctx.warn(
      'recovery',
      'steps',
      'no recovery steps; write down how to restore from a backup',
    );
  }
}
