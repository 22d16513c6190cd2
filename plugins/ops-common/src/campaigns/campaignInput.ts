import type { OpsApiSchemas } from '../api/types';
import { dayStart } from '../durations';
import { checkEntityRef } from '../validation/entityRefs';
import { visibleText } from '../validation/freeText';

/** @public */
export type CampaignInput = OpsApiSchemas['CampaignInput'];
/** @public */
export type Campaign = OpsApiSchemas['Campaign'];
/** @public */
export type CampaignTarget = OpsApiSchemas['CampaignTarget'];
/** @public */
export type CampaignScope = OpsApiSchemas['CampaignScope'];

/**
 * One thing wrong with a campaign, at a path of its input (`target.level`).
 *
 * @public
 */
export interface CampaignInputIssue {
  path: string;
  message: string;
}

/**
 * What a campaign may name: the scorecards and checks in effect.
 *
 * @public
 */
export interface CampaignVocabulary {
  scorecards: string[];
  checks: string[];
}

/**
 * The end of a campaign's deadline day: it is due until midnight UTC.
 *
 * @public
 */
export function deadlineEnd(deadline: string): number {
  return dayStart(deadline) + 86_400_000;
}

/**
 * Checks what the spec cannot: the title is visible text, the owner a group
 * ref, the target either a level on a scorecard in effect or checks in
 * effect, entity refs valid, the deadline not before the start. Returns the
 * input normalised (trimmed title, lower-case refs, a state) and every issue.
 *
 * @public
 */
export function checkCampaignInput(
  input: CampaignInput,
  vocabulary: CampaignVocabulary,
): { campaign: CampaignInput; issues: CampaignInputIssue[] } {
  const issues: CampaignInputIssue[] = [];
  const issue = (path: string, message: string) =>
    issues.push({ path, message });

  const title = visibleText(input.title);
  if (!title) issue('title', 'give the campaign a title');
  const description = input.description
    ? visibleText(input.description)
    : undefined;

  const owner = checkEntityRef(input.owner, {
    kinds: ['group'],
    defaultKind: 'group',
  });
  if ('error' in owner) issue('owner', `"${input.owner}" ${owner.error}`);

  const { target } = input;
  const byLevel = target.scorecard !== undefined || target.level !== undefined;
  if (byLevel && target.checks)
    issue('target', 'ask for a level on a scorecard or for checks, not both');
  else if (byLevel) {
    if (!target.scorecard)
      issue('target.scorecard', 'name the scorecard whose level is asked for');
    else if (!vocabulary.scorecards.includes(target.scorecard))
      issue(
        'target.scorecard',
        `"${
          target.scorecard
        }" is not a scorecard; scorecards: ${vocabulary.scorecards.join(', ')}`,
      );
    if (!target.level)
      issue('target.level', 'name the level asked for: bronze, silver or gold');
  } else if (!target.checks)
    issue(
      'target',
      'ask for a level on a scorecard ({ scorecard, level }) or for checks ({ checks })',
    );
  for (const [i, check] of (target.checks ?? []).entries())
    if (!vocabulary.checks.includes(check))
      issue(`target.checks[${i}]`, `"${check}" is not a check in effect`);

  const scope: CampaignScope = {};
  for (const key of [
    'tier',
    'owner',
    'kind',
    'type',
    'lifecycle',
    'system',
  ] as const) {
    const values = input.scope[key];
    if (values?.length) scope[key] = values.map(v => v.trim());
  }
  if (input.scope.entities?.length) {
    const refs: string[] = [];
    for (const [i, text] of input.scope.entities.entries()) {
      const checked = checkEntityRef(text, { defaultKind: 'component' });
      if ('error' in checked)
        issue(`scope.entities[${i}]`, `"${text}" ${checked.error}`);
      else refs.push(checked.ref);
    }
    scope.entities = [...new Set(refs)];
  }

  const start = dayStart(input.startsOn);
  const end = dayStart(input.deadline);
  if (Number.isNaN(start))
    issue('startsOn', `"${input.startsOn}" is not a day (YYYY-MM-DD)`);
  if (Number.isNaN(end))
    issue('deadline', `"${input.deadline}" is not a day (YYYY-MM-DD)`);
  if (end < start)
    issue(
      'deadline',
      `${input.deadline} is before the start (${input.startsOn})`,
    );

  return {
    campaign: {
      title,
      ...(description ? { description } : {}),
      owner: 'ref' in owner ? owner.ref : input.owner,
      target: byLevel
        ? { scorecard: target.scorecard, level: target.level }
        : { checks: [...new Set(target.checks)] },
      scope,
      startsOn: input.startsOn,
      deadline: input.deadline,
      state: input.state ?? 'draft',
    },
    issues,
  };
}
