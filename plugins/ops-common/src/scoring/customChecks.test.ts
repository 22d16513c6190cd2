import { exampleEntity, NOW } from '../__testUtils__/examples';
import { evaluateEntity } from '../evaluateEntity';
import { BUILT_IN_CHECKS } from './builtInChecks';
import { readCustomChecks } from './customCheckConfig';
import { customCheck, customChecks } from './customChecks';
import { effectiveChecks } from './engine';
import { DEFAULT_SCORING_CONFIG, type CheckContext } from './types';

const base = {
  id: 'https-everywhere',
  scorecard: 'deployment',
  title: 'Every environment is served over HTTPS',
  description: 'Each environment URL starts with https://.',
  howToFix:
    'Serve every environment over HTTPS and update `environments[].url`.',
  level: 'silver',
};

/** The one check of a valid definition with this rule. */
function check(rule: unknown, extra: object = {}) {
  const read = readCustomChecks([{ ...base, ...extra, rule }]);
  expect(read.issues).toEqual([]);
  return customCheck(read.checks[0]);
}

function run(rule: unknown, profile: object, facts: object = {}) {
  return check(rule).evaluate({ profile, facts } as unknown as CheckContext);
}

describe('readCustomChecks', () => {
  it('reads a valid list with defaults for weight and onFail', () => {
    const read = readCustomChecks([
      { ...base, rule: { path: 'profile.tier', exists: true } },
    ]);
    expect(read.issues).toEqual([]);
    expect(read.checks).toEqual([
      {
        ...base,
        weight: 1,
        onFail: 'fail',
        rule: { path: 'profile.tier', exists: true },
      },
    ]);
    expect(readCustomChecks(undefined)).toEqual({ checks: [], issues: [] });
  });

  it('names every bad key, and returns no check when any is wrong', () => {
    const read = readCustomChecks([
      {
        ...base,
        id: 'Bad Id',
        scorecard: 'security',
        level: 'platinum',
        weight: -1,
        onFail: 'page',
        howToFx: 'typo',
        appliesTo: { tiers: ['tier-9'], owners: ['x'] },
        rule: {
          all: [
            { path: 'profile.tier', equals: 'tier-1', exists: true },
            { path: 'profile.runbook', matches: '(' },
            { path: 'profile.environments', count: { atLeast: 1.5 } },
            { path: 'profile..x', exists: true },
            { path: 'profile.x' },
            { any: [] },
            { not: 'x' },
            { path: 'profile.x', matchs: 'a' },
          ],
        },
      },
      { ...base, rule: { path: 'profile.tier', exists: true } },
      { ...base, rule: { path: 'profile.tier', exists: true } },
      { ...base, id: 'slo-indicators', rule: { exists: true } },
      'not a check',
    ]);
    expect(read.checks).toEqual([]);
    expect(read.issues.every(i => i.severity === 'error')).toBe(true);
    expect(read.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'ops.checks.custom[0].howToFx: unknown field; known fields: id, scorecard, title, description, howToFix, level, weight, appliesTo, countsFrom, onFail, passMessage, rule',
      'ops.checks.custom[0].id: must be a lower-case slug such as "cost-centre-declared"',
      'ops.checks.custom[0].scorecard: must be one of deployment, monitoring',
      'ops.checks.custom[0].level: must be one of bronze, silver, gold',
      'ops.checks.custom[0].weight: must be a number of at least 0',
      'ops.checks.custom[0].onFail: must be fail or warn',
      'ops.checks.custom[0].appliesTo.owners: unknown field; known fields: kinds, types, tiers, lifecycles',
      'ops.checks.custom[0].appliesTo.tiers: "tier-9" is not a tier; use tier-1, tier-2, tier-3, tier-4',
      'ops.checks.custom[0].rule.all[0]: has exists and equals: use one operator per condition, and all/any to combine them',
      'ops.checks.custom[0].rule.all[1].matches: is not a regular expression: Invalid regular expression: /(/u: Unterminated group',
      'ops.checks.custom[0].rule.all[2].count.atLeast: must be a whole number of at least 0',
      'ops.checks.custom[0].rule.all[3].path: must be a dot-separated path such as profile.environments or facts.currentVersion',
      'ops.checks.custom[0].rule.all[4]: needs one operator: exists, equals, oneOf, matches, atLeast, atMost, greaterThan, lessThan, count, every, some (or all/any/not)',
      'ops.checks.custom[0].rule.all[5].any: must be a non-empty list of rules',
      'ops.checks.custom[0].rule.all[6].not: must be an object: a condition, or all/any/not',
      'ops.checks.custom[0].rule.all[7].matchs: unknown field; known fields: path, exists, equals, oneOf, matches, atLeast, atMost, greaterThan, lessThan, count, every, some, all, any, not',
      'ops.checks.custom[0].rule.all[7]: needs one operator: exists, equals, oneOf, matches, atLeast, atMost, greaterThan, lessThan, count, every, some (or all/any/not)',
      'ops.checks.custom[2].id: "https-everywhere" is defined twice',
      'ops.checks.custom[3].id: "slo-indicators" is a built-in check; override it under ops.scoring.checks instead',
      'ops.checks.custom[4]: must be an object',
    ]);
  });

  it('requires the texts and a rule, and refuses a list that is not one', () => {
    const read = readCustomChecks([{ id: 'x', scorecard: 'monitoring' }]);
    expect(read.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'ops.checks.custom[0].title: is required',
      'ops.checks.custom[0].description: is required',
      'ops.checks.custom[0].howToFix: is required',
      'ops.checks.custom[0].level: must be one of bronze, silver, gold',
      'ops.checks.custom[0].rule: is required',
    ]);
    expect(readCustomChecks({ id: 'x' }).issues[0].message).toBe(
      'must be a list of checks',
    );
  });

  it('bounds how deep rules nest', () => {
    let rule: object = { path: 'profile.tier', exists: true };
    for (let i = 0; i < 20; i++) rule = { not: rule };
    expect(
      readCustomChecks([{ ...base, rule }]).issues.map(i => i.message),
    ).toEqual(['rules nest at most 16 levels deep']);
  });
});

describe('customCheck', () => {
  const profile = {
    tier: 'tier-1',
    runbook: 'https://docs.example.com/runbook',
    environments: [
      { name: 'staging', url: 'https://staging.example.com' },
      { name: 'production', url: 'http://example.com' },
    ],
    backups: [],
  };

  it('passes with what the rule asks, in words, or its own pass message', () => {
    expect(run({ path: 'profile.tier', equals: 'tier-1' }, profile)).toEqual({
      status: 'pass',
      message: 'profile.tier equals "tier-1"',
    });
    expect(
      check(
        { path: 'profile.tier', exists: true },
        { passMessage: 'Tier declared' },
      ).evaluate({ profile, facts: {} } as unknown as CheckContext),
    ).toEqual({ status: 'pass', message: 'Tier declared' });
  });

  it('fails naming each value that breaks the rule', () => {
    expect(
      run(
        {
          path: 'profile.environments',
          every: { path: 'url', matches: '^https://' },
        },
        profile,
      ),
    ).toEqual({
      status: 'fail',
      message:
        'expected profile.environments[1].url matches /^https:///, found "http://example.com"',
    });
    expect(
      run(
        {
          all: [
            { path: 'profile.backups', count: { atLeast: 1 } },
            { path: 'profile.tier', oneOf: ['tier-2', 'tier-3'] },
            { path: 'profile.owner', exists: true },
            { path: 'profile.environments', count: { atMost: 1 } },
          ],
        },
        profile,
      ).message,
    ).toBe(
      'expected profile.backups has at least 1 item, found a list of 0 items; ' +
        'expected profile.tier is one of "tier-2", "tier-3", found "tier-1"; ' +
        'expected profile.owner is set, found nothing; ' +
        'expected profile.environments has at most 1 item, found a list of 2 items',
    );
  });

  it('combines with any, not, some, and compares numbers', () => {
    const facts = { live: [{ name: 'availability', value: 99.2 }] };
    expect(
      run(
        {
          any: [
            { path: 'profile.tier', equals: 'tier-4' },
            { path: 'profile.environments', count: { equals: 2 } },
          ],
        },
        profile,
      ).status,
    ).toBe('pass');
    expect(
      run(
        {
          any: [
            { path: 'profile.tier', equals: 'tier-4' },
            { path: 'profile.x', exists: true },
          ],
        },
        profile,
      ).message,
    ).toBe('none of (profile.tier equals "tier-4" or profile.x is set) holds');
    expect(
      run({ not: { path: 'profile.tier', equals: 'tier-1' } }, profile).message,
    ).toBe('expected not profile.tier equals "tier-1", but it holds');
    expect(
      run(
        {
          path: 'facts.live',
          some: {
            all: [
              { path: 'name', equals: 'availability' },
              { path: 'value', atLeast: 99.5 },
            ],
          },
        },
        profile,
        facts,
      ).message,
    ).toBe(
      'expected some item of facts.live: (name equals "availability" and value is at least 99.5), found none of a list of 1 item',
    );
    for (const [rule, status] of [
      [{ path: 'facts.live.0.value', greaterThan: 99 }, 'pass'],
      [{ path: 'facts.live.0.value', lessThan: 99 }, 'fail'],
      [{ path: 'facts.live.0.value', atMost: 99.2 }, 'pass'],
      [{ path: 'facts.live.0.name', atLeast: 1 }, 'fail'],
      [{ path: 'profile.missing', exists: false }, 'pass'],
      [{ path: 'profile.missing', every: { exists: true } }, 'pass'],
      [{ path: 'profile.tier', every: { exists: true } }, 'fail'],
    ] as const)
      expect([rule, run(rule, profile, facts).status]).toEqual([rule, status]);
  });

  it('reads only own fields: Object.prototype names are absent', () => {
    for (const path of [
      'profile.constructor',
      'profile.toString',
      'profile.__proto__',
      'profile.environments.length',
    ])
      expect(run({ path, exists: true }, profile).message).toBe(
        `expected ${path} is set, found nothing`,
      );
  });

  it('warns instead of failing when asked to', () => {
    expect(
      check(
        { path: 'profile.owner', exists: true },
        { onFail: 'warn' },
      ).evaluate({
        profile,
        facts: {},
      } as unknown as CheckContext).status,
    ).toBe('warn');
  });

  it('scores like a built-in check: in its scorecard, with level, weight, applicability and overrides', () => {
    const { checks } = readCustomChecks([
      {
        ...base,
        weight: 2,
        rule: {
          path: 'profile.environments',
          every: { path: 'url', matches: '^https://' },
        },
      },
      {
        ...base,
        id: 'tier-four-only',
        appliesTo: { tiers: ['tier-4'] },
        rule: { path: 'profile.tier', exists: true },
      },
    ]);
    const evaluation = evaluateEntity(exampleEntity('payments-api'), {
      now: NOW,
      checks: effectiveChecks([...BUILT_IN_CHECKS, ...customChecks(checks)], {
        ...DEFAULT_SCORING_CONFIG,
        checks: { 'https-everywhere': { level: 'gold' } },
      }),
    });
    const deployment = evaluation.scorecards.find(
      card => card.scorecard === 'deployment',
    )!;
    expect(
      deployment.results.filter(r =>
        ['https-everywhere', 'tier-four-only'].includes(r.checkId),
      ),
    ).toEqual([
      {
        checkId: 'https-everywhere',
        title: base.title,
        level: 'gold',
        weight: 2,
        status: 'pass',
        message: 'every item of profile.environments: url matches /^https:///',
        howToFix: base.howToFix,
      },
      expect.objectContaining({
        checkId: 'tier-four-only',
        status: 'not-applicable',
      }),
    ]);
  });
});
