import type {
  CampaignCounts,
  CampaignTarget,
  ChecksResponse,
} from '@opskit/plugin-ops-common';

/** Check and scorecard titles by id, for text a person reads. */
export interface Titles {
  checks: Map<string, string>;
  scorecards: Map<string, string>;
}

export function titlesOf(checks: ChecksResponse | undefined): Titles {
  return {
    checks: new Map((checks?.checks ?? []).map(c => [c.id, c.title])),
    scorecards: new Map((checks?.scorecards ?? []).map(s => [s.id, s.title])),
  };
}

/** "silver on Operational readiness", or "3 checks: Runbook, On-call, …". */
export function describeTarget(target: CampaignTarget, titles: Titles): string {
  if (target.checks) {
    const names = target.checks.map(id => titles.checks.get(id) ?? id);
    const shown = names.slice(0, 3).join(', ');
    const more = names.length > 3 ? `, and ${names.length - 3} more` : '';
    return names.length === 1
      ? `the check "${shown}"`
      : `${names.length} checks: ${shown}${more}`;
  }
  const scorecard =
    titles.scorecards.get(target.scorecard ?? '') ?? target.scorecard ?? '';
  return `${target.level} on ${scorecard}`;
}

/** Entities that reached the target (with or without a waiver) as a share of those in scope. */
export function reachedShare(counts: CampaignCounts): number {
  return counts.inScope ? (counts.done + counts.waived) / counts.inScope : 0;
}

/** A whole percentage, floored so that 99.6 % does not read as done. */
export function formatShare(share: number): string {
  return `${Math.floor(share * 100)}%`;
}
