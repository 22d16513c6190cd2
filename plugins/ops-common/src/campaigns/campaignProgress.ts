import type { ComplianceRow, OpsApiSchemas } from '../api/types';
import { levelRank } from '../scoring/complianceRecord';
import type { Campaign, CampaignScope } from './campaignInput';

/** @public */
export type CampaignCounts = OpsApiSchemas['CampaignCounts'];
/** @public */
export type CampaignEntity = OpsApiSchemas['CampaignEntity'];
/** @public */
export type CampaignOwnerProgress = OpsApiSchemas['CampaignOwnerProgress'];

/**
 * The scope's filters as a compliance filter (the entity list is applied apart).
 *
 * @public
 */
export function campaignFilter(scope: CampaignScope) {
  const { entities: _entities, ...filters } = scope;
  return filters;
}

/**
 * Whether a compliance row is in a campaign's scope: it matches every
 * filter given (case-insensitive, as the compliance list filters) and, when
 * entities are listed, is one of them.
 *
 * @public
 */
export function inCampaignScope(
  scope: CampaignScope,
  row: ComplianceRow,
): boolean {
  const matches = (values: string[] | undefined, value: string | undefined) =>
    !values?.length ||
    (value !== undefined &&
      values.some(v => v.toLowerCase() === value.toLowerCase()));
  return (
    matches(scope.tier, row.tier) &&
    matches(scope.owner, row.owner) &&
    matches(scope.kind, row.kind) &&
    matches(scope.type, row.type) &&
    matches(scope.lifecycle, row.lifecycle) &&
    matches(scope.system, row.system) &&
    (!scope.entities?.length ||
      scope.entities.includes(row.entityRef.toLowerCase()))
  );
}

/**
 * Which scorecard a check belongs to, for a level target's failing checks.
 *
 * @public
 */
export type CheckScorecards = ReadonlyMap<string, string>;

/**
 * Where one entity stands on a campaign's target. A check target is reached
 * when none of its checks fails; a level target when the entity's level on
 * that scorecard is at least the one asked for. Reached with an approved
 * waiver on one of the checks that count is `waived`, shown apart from done.
 *
 * @public
 */
export function campaignEntityState(
  campaign: Pick<Campaign, 'target'>,
  row: ComplianceRow,
  waivedChecks: ReadonlySet<string>,
  checkScorecards: CheckScorecards,
): CampaignEntity {
  const { target } = campaign;
  const counts = target.checks
    ? (check: string) => target.checks!.includes(check)
    : (check: string) => checkScorecards.get(check) === target.scorecard;
  const failing = row.failingChecks.filter(counts);
  const level = target.scorecard
    ? row.scorecards[target.scorecard]?.level ?? 'none'
    : undefined;
  const reached = target.checks
    ? failing.length === 0
    : levelRank(level ?? 'none') >= levelRank(target.level ?? 'gold');
  let state: CampaignEntity['state'] = 'not-done';
  if (reached) state = [...waivedChecks].some(counts) ? 'waived' : 'done';
  return {
    entityRef: row.entityRef,
    ...(row.title ? { title: row.title } : {}),
    ...(row.owner ? { owner: row.owner } : {}),
    state,
    ...(level ? { level } : {}),
    failing,
  };
}

/**
 * Counts of entity states, added up one entity at a time: overall, per
 * owner, and the entities left.
 *
 * @public
 */
export class CampaignTally {
  readonly total: CampaignCounts = emptyCounts();
  private readonly owners = new Map<string, CampaignCounts>();
  private readonly left: CampaignEntity[] = [];

  constructor(private readonly keep: number) {}

  add(entity: CampaignEntity): void {
    const owner = entity.owner ?? '';
    let counts = this.owners.get(owner);
    if (!counts) this.owners.set(owner, (counts = emptyCounts()));
    for (const c of [this.total, counts]) {
      c.inScope++;
      if (entity.state === 'done') c.done++;
      else if (entity.state === 'waived') c.waived++;
      else c.notDone++;
    }
    if (entity.state === 'not-done') this.left.push(entity);
  }

  /** Owners with most entities not done first, then by name. */
  ownerProgress(): CampaignOwnerProgress[] {
    return [...this.owners]
      .map(([owner, counts]) => ({ owner, ...counts }))
      .sort((a, b) => b.notDone - a.notDone || a.owner.localeCompare(b.owner));
  }

  /** Entities left, closest to done first (fewest failing checks), at most `keep`. */
  remaining(): CampaignEntity[] {
    return [...this.left]
      .sort(
        (a, b) =>
          a.failing.length - b.failing.length ||
          a.entityRef.localeCompare(b.entityRef),
      )
      .slice(0, this.keep);
  }
}

function emptyCounts(): CampaignCounts {
  return { inScope: 0, done: 0, waived: 0, notDone: 0 };
}

/**
 * The burn-up chart's ideal line: from nothing done on the start day to
 * everything in scope done at the end of the deadline day.
 *
 * @public
 */
export function idealDone(
  startMs: number,
  endMs: number,
  atMs: number,
  inScope: number,
): number {
  if (endMs <= startMs) return atMs >= endMs ? inScope : 0;
  const share = Math.min(1, Math.max(0, (atMs - startMs) / (endMs - startMs)));
  return share * inScope;
}
