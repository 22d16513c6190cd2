import {
  backupQueries,
  type BackupFreshness,
} from '../backups/backupFreshness';
import { formatDuration } from '../durations';
import { DEPLOYMENT_SCORECARD } from './deploymentChecks';
import { listOf } from './profileFacts';
import { COMPONENTS, type OpsCheck } from './types';

/** "5h", "3d": an age rounded to what a person reads. */
function age(seconds: number): string {
  if (seconds < 3600) return `${Math.max(1, Math.round(seconds / 60))}m`;
  if (seconds < 2 * 86_400) return `${Math.round(seconds / 3600)}h`;
  return `${Math.round(seconds / 86_400)}d`;
}

/**
 * What the runbook says about backups, checked against what happened: each
 * backup with a `freshness` query (the age or the time of its last success,
 * from the backup tool's exporter) succeeded within twice its schedule's
 * interval. A measurement that is stale or failed warns.
 *
 * @public
 */
export const backupsFreshCheck: OpsCheck = {
  id: 'backups-fresh',
  scorecard: DEPLOYMENT_SCORECARD,
  title: 'Backups are fresh',
  description:
    'Each backup with a `freshness` query last succeeded within twice its schedule.',
  howToFix:
    'Find why the backup job stopped succeeding (its logs, credentials, storage), run it, and alert on its freshness.',
  level: 'silver',
  weight: 2,
  appliesTo: COMPONENTS,
  evaluate({ profile, facts }) {
    const queries = backupQueries(profile);
    if (queries.length === 0)
      return {
        status: 'not-applicable',
        message: 'no backup has a freshness query',
      };
    const byName = new Map((facts.live ?? []).map(f => [f.name, f]));
    const old: string[] = [];
    const unknown: string[] = [];
    const fresh: string[] = [];
    let measured = 0;
    for (const query of queries) {
      const fact = byName.get(query.factName);
      const data = query.backup.data;
      if (!fact) continue;
      measured++;
      const seen = fact.value as unknown as BackupFreshness | null;
      if (fact.stale || !seen || typeof seen !== 'object') {
        unknown.push(
          `${data} (${fact.stale ? 'stale: ' : ''}${fact.error ?? 'no value'})`,
        );
        continue;
      }
      if (!seen.fresh)
        old.push(
          `${data} last succeeded ${age(
            seen.ageSeconds,
          )} ago, more than twice its ${
            query.backup.schedule
          } schedule (${formatDuration(seen.maxAgeSeconds! * 1000)})`,
        );
      else fresh.push(`${data} ${age(seen.ageSeconds)} ago`);
    }
    if (measured === 0)
      return {
        status: 'not-applicable',
        message: `not measured yet: ${listOf(queries.map(q => q.backup.data))}`,
      };
    if (old.length) return { status: 'fail', message: listOf(old) };
    if (unknown.length)
      return { status: 'warn', message: `unknown: ${listOf(unknown)}` };
    return { status: 'pass', message: `last backups: ${listOf(fresh)}` };
  },
};
