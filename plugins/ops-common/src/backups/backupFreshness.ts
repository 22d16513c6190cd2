import type { Backup, OpsProfile } from '../descriptor/types';
import { expandQuery, queryVariables } from '../facts/sloFacts';
import { productionEnvironment } from '../scoring/profileFacts';
import { backupIntervalMs } from '../validation/dataRules';

/**
 * The fact a backup's freshness is stored as.
 *
 * @public
 */
export function backupFactName(data: string): string {
  return `backup/${data}`;
}

/**
 * One backup with a `freshness` query, asked in production's Prometheus
 * (backups are of production data).
 *
 * @public
 */
export interface BackupQuery {
  backup: Backup;
  index: number;
  environment: string;
  factName: string;
  /** The schedule's interval; the backup is stale past twice it. */
  intervalMs?: number;
  query?: string;
  error?: string;
}

/** @public */
export function backupQueries(profile: OpsProfile): BackupQuery[] {
  const environment = productionEnvironment(profile)?.name ?? 'production';
  return (profile.backups ?? []).flatMap((backup, index) => {
    if (!backup.freshness) return [];
    const expanded = expandQuery(
      backup.freshness,
      queryVariables(profile, environment),
    );
    return [
      {
        backup,
        index,
        environment,
        factName: backupFactName(backup.data),
        intervalMs: backupIntervalMs(backup.schedule),
        ...expanded,
      },
    ];
  });
}

/** Above this a value is a Unix time (2001-09-09), below it an age in seconds (31 years). */
const TIMESTAMP_FROM = 1e9;

/**
 * How old the last successful backup is, from what the freshness query
 * returned at `observedAt`: a Unix time or an age in seconds.
 *
 * @public
 */
export interface BackupFreshness {
  data: string;
  ageSeconds: number;
  /** When the last backup succeeded. */
  lastSuccessAt: string;
  /** Twice the schedule's interval, in seconds: older is stale. */
  maxAgeSeconds?: number;
  fresh: boolean;
}

/** @public */
export function observeBackup(
  query: BackupQuery,
  value: number,
  observedAt: Date,
): BackupFreshness {
  const ageSeconds = Math.max(
    0,
    value > TIMESTAMP_FROM ? observedAt.getTime() / 1000 - value : value,
  );
  const maxAgeSeconds =
    query.intervalMs !== undefined ? (2 * query.intervalMs) / 1000 : undefined;
  return {
    data: query.backup.data,
    ageSeconds: Math.round(ageSeconds),
    lastSuccessAt: new Date(
      observedAt.getTime() - ageSeconds * 1000,
    ).toISOString(),
    ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
    fresh: maxAgeSeconds === undefined || ageSeconds <= maxAgeSeconds,
  };
}
