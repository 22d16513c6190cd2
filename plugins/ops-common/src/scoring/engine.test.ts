import { exampleEntity, NOW } from '../__testUtils__/examples';
import { readOpsConfig } from '../config';
import { buildOpsProfile } from '../profile';
import { BUILT_IN_CHECKS } from './builtInChecks';
import { effectiveChecks, evaluateScorecards } from './engine';
import {
  DEFAULT_SCORING_CONFIG,
  type CheckStatus,
  type OpsCheck,
  type OpsFacts,
  type ScorecardResult,
} from './types';

const ALL_SIGNED: OpsFacts = {
  currentVersion: '2.4.0',
  signOffs: [
    'tests-passing',
    'code-reviewed',
    'migrations-ready',
    'rollback-plan',
  ].map(itemId => ({
    itemId,
    version: '2.4.0',
    by: 'user:default/jane',
    at: '2026-11-20T10:00:00Z',
  })),
  resolvedTargets: {
    'group:payments-oncall': true,
    'group:payments-leads': true,
    'group:eng-managers': true,
  },
};

function statuses(cards: ScorecardResult[]): Record<string, CheckStatus> {
  return Object.fromEntries(
    cards.flatMap(c => c.results.map(r => [r.checkId, r.status])),
  );
}
function messageOf(cards: ScorecardResult[], id: string) {
  return cards.flatMap(c => c.results).find(r => r.checkId === id)!.message;
}
const score = (
  service: string,
  facts: OpsFacts = {},
  config = readOpsConfig({}),
) =>
  evaluateScorecards(
    buildOpsProfile(exampleEntity(service), {
      now: NOW,
      defaults: config.defaults,
    }).profile,
    { facts, now: NOW, config: config.scoring, defaults: config.defaults },
  );

describe('built-in scorecards', () => {
  it('gives the compliant example gold on both scorecards once signed off and resolved', () => {
    const cards = score('payments-api', ALL_SIGNED);
    expect(cards.map(c => [c.scorecard, c.score, c.level])).toEqual([
      ['deployment', 100, 'gold'],
      ['monitoring', 100, 'gold'],
    ]);
  });

  it('names the missing sign-offs for the current version', () => {
    const cards = score('payments-api', {
      ...ALL_SIGNED,
      signOffs: ALL_SIGNED.signOffs!.slice(0, 2),
    });
    expect(messageOf(cards, 'checklist-signed-off')).toBe(
      'not signed off for version 2.4.0: migrations-ready and rollback-plan',
    );
    expect(cards[0].level).toBe('bronze');
    const oldVersion = score('payments-api', {
      ...ALL_SIGNED,
      currentVersion: '2.5.0',
    });
    expect(statuses(oldVersion)['checklist-signed-off']).toBe('fail');
  });

  it('warns when escalation targets were not checked and fails when one is missing', () => {
    expect(
      statuses(
        score('payments-api', { ...ALL_SIGNED, resolvedTargets: undefined }),
      )['escalation-path'],
    ).toBe('warn');
    const cards = score('payments-api', {
      ...ALL_SIGNED,
      resolvedTargets: { 'group:payments-oncall': true },
    });
    expect(messageOf(cards, 'escalation-path')).toBe(
      'not found in the catalog: group:payments-leads and group:eng-managers',
    );
  });

  it('scores the partial example with a message per gap', () => {
    const cards = score('notifications-worker');
    expect(statuses(cards)).toEqual({
      'production-environment': 'pass',
      'deployment-process': 'fail',
      'rollback-plan': 'fail',
      'checklist-signed-off': 'fail',
      'backups-scheduled': 'not-applicable',
      'recovery-tested': 'not-applicable',
      'runbook-published': 'fail',
      'slo-indicators': 'fail',
      'monitoring-tools': 'fail',
      'production-dashboards': 'fail',
      'alert-routing': 'fail',
      'structured-logging': 'fail',
      'severities-ordered': 'pass',
      'escalation-path': 'fail',
      'slos-met-in-production': 'not-applicable',
      'error-budget-left': 'not-applicable',
      'burn-rate-alerts': 'not-applicable',
      'alerts-deployed': 'not-applicable',
      'backups-fresh': 'not-applicable',
    });
    expect(messageOf(cards, 'deployment-process')).toBe(
      'no deployment steps for staging',
    );
    expect(messageOf(cards, 'slo-indicators')).toBe(
      'no usable alert threshold for availability (tier-3 requires error-rate and availability)',
    );
    expect(messageOf(cards, 'monitoring-tools')).toBe(
      'nothing covers visualization and alerting',
    );
    expect(messageOf(cards, 'structured-logging')).toBe(
      'format is text, not json',
    );
    expect(messageOf(cards, 'escalation-path')).toBe(
      '1 escalation level(s); tier-3 needs at least 2',
    );
    expect(cards[0].score).toBe(27.3); // 3 of 11 applicable weight
  });

  it('scores the annotation-only example from its annotations and reused tool annotations', () => {
    const cards = score('inventory-service', {
      resolvedTargets: {
        'group:inventory-oncall': true,
        'group:eng-managers': true,
      },
    });
    const s = statuses(cards);
    expect(s['alert-routing']).toBe('pass');
    expect(messageOf(cards, 'alert-routing')).toBe('Opsgenie');
    expect(s['production-dashboards']).toBe('pass');
    expect(s['monitoring-tools']).toBe('pass');
    expect(s['backups-scheduled']).toBe('pass');
    expect(messageOf(cards, 'recovery-tested')).toBe('tested on 2026-08-20');
  });

  it('fails backups below the tier minimum and stores without backups', () => {
    const cards = score('legacy-billing');
    expect(messageOf(cards, 'backups-scheduled')).toBe(
      'no backup for resource:billing-db',
    );
    expect(messageOf(cards, 'recovery-tested')).toBe(
      'lastTested 2031-01-01 is in the future',
    );
  });

  it('fails a recovery test that is too old for the tier', () => {
    const entity = exampleEntity('payments-api');
    const { profile } = buildOpsProfile(entity, { now: NOW });
    const cards = evaluateScorecards(
      {
        ...profile,
        recovery: { ...profile.recovery, lastTested: '2026-01-01' },
      },
      { now: NOW, facts: ALL_SIGNED },
    );
    expect(messageOf(cards, 'recovery-tested')).toBe(
      'last tested 330 days ago (2026-01-01); tier-1 requires a test within 13w',
    );
  });
});

describe('the engine', () => {
  const profile = buildOpsProfile(exampleEntity('notifications-worker'), {
    now: NOW,
  }).profile;

  it('turns a fail into waived while the waiver lasts, and says so', () => {
    const waiver = {
      checkId: 'rollback-plan',
      reason: 'rewrite in Q1',
      expiresAt: '2027-01-31T00:00:00Z',
      by: 'user:default/lee',
    };
    const cards = evaluateScorecards(profile, {
      now: NOW,
      facts: { waivers: [waiver] },
    });
    const result = cards[0].results.find(r => r.checkId === 'rollback-plan')!;
    expect(result).toMatchObject({
      status: 'waived',
      waiver,
      message:
        'no rollback plan — waived by user:default/lee until 2027-01-31: rewrite in Q1',
    });
    const expired = evaluateScorecards(profile, {
      now: Date.parse('2027-02-01'),
      facts: { waivers: [waiver] },
    });
    expect(
      expired[0].results.find(r => r.checkId === 'rollback-plan')!.status,
    ).toBe('fail');
  });

  it('applies config: disable, weight, level, applicability', () => {
    const { scoring } = readOpsConfig({
      scoring: {
        checks: {
          'deployment-process': { enabled: false },
          'rollback-plan': { weight: 10, level: 'gold' },
          'runbook-published': { appliesTo: { types: ['website'] } },
        },
      },
    });
    const card = evaluateScorecards(profile, { now: NOW, config: scoring })[0];
    expect(card.results.map(r => r.checkId)).not.toContain(
      'deployment-process',
    );
    expect(card.results.find(r => r.checkId === 'rollback-plan')).toMatchObject(
      { weight: 10, level: 'gold' },
    );
    expect(
      card.results.find(r => r.checkId === 'runbook-published')!.status,
    ).toBe('not-applicable');
  });

  it('runs given checks as they are: config overrides apply to the default checks only', () => {
    const { scoring } = readOpsConfig({
      scoring: { checks: { 'rollback-plan': { weight: 10 } } },
    });
    const given = effectiveChecks(BUILT_IN_CHECKS, DEFAULT_SCORING_CONFIG);
    const card = evaluateScorecards(profile, {
      now: NOW,
      config: scoring,
      checks: given,
    })[0];
    expect(card.results.find(r => r.checkId === 'rollback-plan')!.weight).toBe(
      given.find(c => c.id === 'rollback-plan')!.weight,
    );
    expect(
      evaluateScorecards(profile, {
        now: NOW,
        config: scoring,
      })[0].results.find(r => r.checkId === 'rollback-plan')!.weight,
    ).toBe(10);
  });

  it('runs custom checks and isolates one that throws', () => {
    const custom: OpsCheck[] = [
      {
        id: 'owner-set',
        scorecard: 'custom',
        title: 'Owner set',
        description: '',
        howToFix: '',
        level: 'bronze',
        weight: 1,
        evaluate: ({ profile: p }) =>
          p.owner
            ? { status: 'pass', message: p.owner }
            : { status: 'fail', message: 'no owner' },
      },
      {
        id: 'boom',
        scorecard: 'custom',
        title: 'Boom',
        description: '',
        howToFix: '',
        level: 'gold',
        weight: 1,
        evaluate: () => {
          throw new Error('kaput');
        },
      },
    ];
    const [card] = evaluateScorecards(profile, {
      now: NOW,
      checks: custom,
      scorecards: [{ id: 'custom', title: 'Custom', description: '' }],
    });
    expect(card.results.map(r => [r.checkId, r.status, r.message])).toEqual([
      ['owner-set', 'pass', 'group:platform-team'],
      ['boom', 'warn', 'check could not run: kaput'],
    ]);
    expect(card).toMatchObject({ score: 75, level: 'gold' });
  });

  it('computes the level as the highest level whose checks all pass', () => {
    const mk = (
      level: 'bronze' | 'silver' | 'gold',
      status: 'pass' | 'fail',
    ): OpsCheck => ({
      id: `${level}-${status}`,
      scorecard: 'c',
      title: '',
      description: '',
      howToFix: '',
      level,
      weight: 1,
      evaluate: () => ({ status, message: '' }),
    });
    const level = (checks: OpsCheck[]) =>
      evaluateScorecards(profile, {
        checks,
        scorecards: [{ id: 'c', title: '', description: '' }],
      })[0].level;
    expect(level([mk('bronze', 'fail'), mk('gold', 'pass')])).toBe('none');
    expect(
      level([mk('bronze', 'pass'), mk('silver', 'fail'), mk('gold', 'pass')]),
    ).toBe('bronze');
    expect(
      level([mk('bronze', 'pass'), mk('silver', 'pass'), mk('gold', 'fail')]),
    ).toBe('silver');
    expect(level([mk('bronze', 'pass'), mk('gold', 'pass')])).toBe('gold');
    expect(
      evaluateScorecards(profile, {
        checks: [],
        scorecards: [{ id: 'c', title: '', description: '' }],
      })[0].score,
    ).toBeNull();
  });

  it('marks checks for other kinds not applicable', () => {
    const api = buildOpsProfile({
      kind: 'API',
      metadata: { name: 'x', annotations: { 'opskit.io/tier': 'tier-1' } },
    }).profile;
    const cards = evaluateScorecards(api, { now: NOW });
    expect(
      cards.every(
        c =>
          c.score === null && c.counts['not-applicable'] === c.results.length,
      ),
    ).toBe(true);
  });
});
