import type { EvaluationRun, Staleness } from '@opskit/plugin-ops-common';

/** Whether the served evaluation should be trusted: a later run failed, or it is simply old. */
export function staleness(
  latest: EvaluationRun | undefined,
  lastRun: EvaluationRun | undefined,
  now: number,
  staleAfterMs: number,
): Staleness {
  if (lastRun?.status === 'failed' && (!latest || lastRun.id > latest.id)) {
    return {
      stale: Boolean(latest),
      reason: `the evaluation at ${
        lastRun.finishedAt ?? lastRun.startedAt
      } failed: ${lastRun.error ?? 'unknown error'}${
        latest ? '; showing the previous one' : ''
      }`,
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
