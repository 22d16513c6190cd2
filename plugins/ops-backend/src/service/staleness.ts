import type { EvaluationRun, Staleness } from '@opskit/plugin-ops-common';
import type { OpsStore } from '../database/OpsStore';

/** How an interrupted run's error begins: what marks it, and what staleness recognises. */
export const INTERRUPTED = 'interrupted';

const RETRYING = 'evaluation interrupted, retrying';

/**
 * Whether the served evaluation should be trusted: a later run failed or was
 * interrupted (its backend stopped mid-run), or it is simply old.
 */
export function staleness(
  latest: EvaluationRun | undefined,
  lastRun: EvaluationRun | undefined,
  now: number,
  staleAfterMs: number,
  current?: { run: EvaluationRun | undefined; leaseMs: number },
): Staleness {
  const newer = (run: EvaluationRun) => !latest || run.id > latest.id;
  const previous = latest ? '; showing the previous one' : '';
  const running = current?.run;
  // Still `running` past its lease: its backend stopped, and the scheduler hands the task on.
  if (
    running?.status === 'running' &&
    newer(running) &&
    now - Date.parse(running.startedAt) > current!.leaseMs
  )
    return {
      stale: Boolean(latest),
      reason: `${RETRYING}: the run started at ${running.startedAt} stopped before it finished${previous}`,
      retrying: true,
    };
  if (lastRun?.status === 'failed' && newer(lastRun)) {
    const error = lastRun.error ?? 'unknown error';
    if (error.startsWith(INTERRUPTED))
      return {
        stale: Boolean(latest),
        reason: `${RETRYING}: the run started at ${lastRun.startedAt} stopped before it finished${previous}`,
        retrying: true,
      };
    return {
      stale: Boolean(latest),
      reason: `the evaluation at ${
        lastRun.finishedAt ?? lastRun.startedAt
      } failed: ${error}${previous}`,
    };
  }
  if (!latest)
    return { stale: false, reason: 'no evaluation has finished yet' };
  const age = now - Date.parse(latest.finishedAt ?? latest.startedAt);
  if (age > staleAfterMs)
    return {
      stale: true,
      reason: `last evaluated ${Math.round(age / 3_600_000)} h ago`,
    };
  return { stale: false };
}

/** Staleness from the store's runs, as every route and action reports it. */
export async function storedStaleness(
  store: OpsStore,
  options: { staleAfterMs: number; leaseMs: number },
  latest?: EvaluationRun,
): Promise<{ status: Staleness; lastRun: EvaluationRun | undefined }> {
  const [served, lastRun, run] = await Promise.all([
    latest ?? store.latestEvaluation(),
    store.lastRun(),
    store.currentRun(),
  ]);
  return {
    lastRun,
    status: staleness(served, lastRun, Date.now(), options.staleAfterMs, {
      run,
      leaseMs: options.leaseMs,
    }),
  };
}
