import { exampleEntity, NOW } from '../__testUtils__/examples';
import { readOpsConfig } from '../config';
import { evaluateEntity } from '../evaluateEntity';
import { BUILT_IN_CHECKS } from './builtInChecks';
import { readCustomChecks } from './customCheckConfig';
import { customChecks } from './customChecks';
import { effectiveChecks } from './engine';
import type { ScorecardResult } from './types';

/** legacy-billing fails rollback-plan (bronze) among others. */
function scoreWith(checks: object, now = NOW) {
  const scoring = readOpsConfig({ scoring: { checks } }).scoring;
  return evaluateEntity(exampleEntity('legacy-billing'), {
    now,
    config: scoring,
  }).scorecards;
}

const deployment = (cards: ScorecardResult[]) =>
  cards.find(card => card.scorecard === 'deployment')!;
const result = (cards: ScorecardResult[], id: string) =>
  cards.flatMap(card => card.results).find(r => r.checkId === id)!;

describe('checks announced with countsFrom', () => {
  it('shows what the check finds but changes no score or level until the date', () => {
    const announced = scoreWith({
      'rollback-plan': { countsFrom: '2027-01-01' },
    });
    const without = scoreWith({ 'rollback-plan': { enabled: false } });
    expect(result(announced, 'rollback-plan')).toMatchObject({
      status: 'not-applicable',
      countsFrom: '2027-01-01',
    });
    expect(result(announced, 'rollback-plan').message).toMatch(
      /^counts from 2027-01-01; today it would be fail: /,
    );
    expect(deployment(announced).score).toBe(deployment(without).score);
    expect(deployment(announced).level).toBe(deployment(without).level);
  });

  it('counts like any check from that day on (UTC)', () => {
    const counted = scoreWith(
      { 'rollback-plan': { countsFrom: '2026-11-27' } },
      Date.parse('2026-11-27T00:00:00Z'),
    );
    expect(result(counted, 'rollback-plan')).toMatchObject({ status: 'fail' });
    expect(result(counted, 'rollback-plan').countsFrom).toBeUndefined();
  });

  it('refuses a date it cannot read, naming the key', () => {
    const { issues } = readOpsConfig({
      scoring: { checks: { 'rollback-plan': { countsFrom: 'next year' } } },
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'ops.scoring.checks.rollback-plan.countsFrom',
        severity: 'error',
        message: expect.stringContaining('must be a date such as 2027-01-01'),
      }),
    );
  });

  it('announces a custom check the same way', () => {
    const read = readCustomChecks([
      {
        id: 'two-environments',
        scorecard: 'deployment',
        title: 'Two environments',
        description: 'Staging and production at least.',
        howToFix: 'Add an environment.',
        level: 'bronze',
        countsFrom: '2027-02-01',
        rule: { path: 'profile.environments', count: { atLeast: 5 } },
      },
      {
        ...{
          id: 'x',
          scorecard: 'deployment',
          title: 't',
          description: 'd',
          howToFix: 'h',
          level: 'bronze',
        },
        countsFrom: '2027-02-30',
        rule: { exists: true },
      },
    ]);
    expect(read.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'ops.checks.custom[1].countsFrom: must be a date such as 2027-01-01',
    ]);
    const valid = readCustomChecks([
      {
        id: 'two-environments',
        scorecard: 'deployment',
        title: 'Two environments',
        description: 'Staging and production at least.',
        howToFix: 'Add an environment.',
        level: 'bronze',
        countsFrom: '2027-02-01',
        rule: { path: 'profile.environments', count: { atLeast: 5 } },
      },
    ]).checks;
    const cards = evaluateEntity(exampleEntity('payments-api'), {
      now: NOW,
      checks: effectiveChecks(
        [...BUILT_IN_CHECKS, ...customChecks(valid)],
        readOpsConfig({}).scoring,
      ),
    }).scorecards;
    expect(result(cards, 'two-environments')).toMatchObject({
      status: 'not-applicable',
      countsFrom: '2027-02-01',
    });
  });
});
