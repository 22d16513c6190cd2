import type { ComplianceRow } from '../api/types';
import { dayStart } from '../durations';
import { checkCampaignInput, type CampaignInput } from './campaignInput';
import {
  CampaignTally,
  campaignEntityState,
  idealDone,
  inCampaignScope,
} from './campaignProgress';

const vocabulary = {
  scorecards: ['operational-readiness', 'reliability'],
  checks: ['has-runbook', 'slo-defined', 'backups-defined'],
};

const input = (over: Partial<CampaignInput> = {}): CampaignInput => ({
  title: 'SLOs everywhere',
  owner: 'sre',
  target: { checks: ['slo-defined'] },
  scope: { tier: ['tier-1'] },
  startsOn: '2026-12-01',
  deadline: '2026-12-31',
  ...over,
});

function row(over: Partial<ComplianceRow> = {}): ComplianceRow {
  return {
    entityRef: 'component:default/payments-api',
    kind: 'Component',
    type: 'service',
    owner: 'group:default/payments-team',
    tier: 'tier-1',
    declaredTier: true,
    score: 50,
    level: 'bronze',
    scorecards: {
      'operational-readiness': { score: 50, level: 'bronze' },
    },
    failingChecks: [],
    warningChecks: [],
    errorCount: 0,
    warningCount: 0,
    ...over,
  } as ComplianceRow;
}

const scorecardOf = new Map([
  ['has-runbook', 'operational-readiness'],
  ['backups-defined', 'operational-readiness'],
  ['slo-defined', 'reliability'],
]);

describe('checkCampaignInput', () => {
  it('normalises a valid campaign: the owner as a group ref, a draft by default', () => {
    const { campaign, issues } = checkCampaignInput(
      input({
        title: '  SLOs everywhere\u200b ',
        scope: { entities: ['Payments-API', 'payments-api'] },
      }),
      vocabulary,
    );
    expect(issues).toEqual([]);
    expect(campaign).toMatchObject({
      title: 'SLOs everywhere',
      owner: 'group:default/sre',
      state: 'draft',
      scope: { entities: ['component:default/payments-api'] },
    });
  });

  it('names each bad key', () => {
    const { issues } = checkCampaignInput(
      input({
        title: '\u200b\u200d',
        owner: 'user:default/jane',
        target: { scorecard: 'readiness', checks: ['nope'] },
        scope: { entities: ['component:default/../etc'] },
        startsOn: '2026-12-10',
        deadline: '2026-02-30',
      }),
      vocabulary,
    );
    expect(issues.map(i => i.path)).toEqual([
      'title',
      'owner',
      'target',
      'target.checks[0]',
      'scope.entities[0]',
      'deadline',
    ]);
    expect(issues[1].message).toBe(
      '"user:default/jane" is a user; expected group',
    );
    expect(issues[5].message).toBe('"2026-02-30" is not a day (YYYY-MM-DD)');
  });

  it('asks for a scorecard in effect, a level, and a deadline not before the start', () => {
    const { issues } = checkCampaignInput(
      input({
        target: { scorecard: 'readines' } as CampaignInput['target'],
        startsOn: '2026-12-10',
        deadline: '2026-12-09',
      }),
      vocabulary,
    );
    expect(issues).toEqual([
      {
        path: 'target.scorecard',
        message:
          '"readines" is not a scorecard; scorecards: operational-readiness, reliability',
      },
      {
        path: 'target.level',
        message: 'name the level asked for: bronze, silver or gold',
      },
      {
        path: 'deadline',
        message: '2026-12-09 is before the start (2026-12-10)',
      },
    ]);
  });

  it('reads days as UTC and refuses days that do not exist', () => {
    expect(dayStart('2026-12-01')).toBe(Date.UTC(2026, 11, 1));
    expect(dayStart('2026-13-01')).toBeNaN();
    expect(dayStart('2026-12-1')).toBeNaN();
  });
});

describe('campaign scope and states', () => {
  it('matches filters case-insensitively, all of them, and the entity list', () => {
    expect(
      inCampaignScope({ tier: ['tier-1'], kind: ['component'] }, row()),
    ).toBe(true);
    expect(inCampaignScope({ tier: ['tier-2'] }, row())).toBe(false);
    expect(inCampaignScope({ system: ['payments'] }, row())).toBe(false);
    expect(inCampaignScope({}, row())).toBe(true);
    expect(
      inCampaignScope(
        { entities: ['component:default/payments-api'] },
        row({ entityRef: 'component:default/Payments-API' }),
      ),
    ).toBe(true);
    expect(
      inCampaignScope({ entities: ['component:default/other'] }, row()),
    ).toBe(false);
  });

  it('a check target is reached when none of its checks fails; a waiver on one shows apart', () => {
    const campaign = { target: { checks: ['slo-defined', 'has-runbook'] } };
    const none = new Set<string>();
    expect(
      campaignEntityState(
        campaign,
        row({ failingChecks: ['backups-defined'] }),
        none,
        scorecardOf,
      ),
    ).toMatchObject({ state: 'done', failing: [] });
    expect(
      campaignEntityState(
        campaign,
        row({ failingChecks: ['slo-defined', 'backups-defined'] }),
        none,
        scorecardOf,
      ),
    ).toMatchObject({ state: 'not-done', failing: ['slo-defined'] });
    expect(
      campaignEntityState(
        campaign,
        row(),
        new Set(['has-runbook']),
        scorecardOf,
      ).state,
    ).toBe('waived');
    // A waiver on a check the campaign does not ask for changes nothing.
    expect(
      campaignEntityState(
        campaign,
        row(),
        new Set(['backups-defined']),
        scorecardOf,
      ).state,
    ).toBe('done');
  });

  it("a level target compares the scorecard's level and lists that scorecard's failing checks", () => {
    const campaign = {
      target: { scorecard: 'operational-readiness', level: 'silver' as const },
    };
    const failing = row({ failingChecks: ['backups-defined', 'slo-defined'] });
    expect(
      campaignEntityState(campaign, failing, new Set(), scorecardOf),
    ).toMatchObject({
      state: 'not-done',
      level: 'bronze',
      failing: ['backups-defined'],
    });
    const silver = row({
      scorecards: { 'operational-readiness': { score: 80, level: 'silver' } },
    });
    expect(
      campaignEntityState(campaign, silver, new Set(), scorecardOf).state,
    ).toBe('done');
    const gold = row({
      scorecards: { 'operational-readiness': { score: 100, level: 'gold' } },
    });
    expect(
      campaignEntityState(
        campaign,
        gold,
        new Set(['backups-defined']),
        scorecardOf,
      ).state,
    ).toBe('waived');
    // A scorecard that does not apply is level none: not reached.
    expect(
      campaignEntityState(
        campaign,
        row({ scorecards: {} }),
        new Set(),
        scorecardOf,
      ),
    ).toMatchObject({
      state: 'not-done',
      level: 'none',
    });
  });

  it('tallies overall and per owner, and keeps the entities closest to done first', () => {
    const tally = new CampaignTally(2);
    const entity = (
      ref: string,
      owner: string | undefined,
      state: 'done' | 'waived' | 'not-done',
      failing: string[] = [],
    ) =>
      tally.add({
        entityRef: ref,
        ...(owner ? { owner } : {}),
        state,
        failing,
      });
    entity('component:default/a', 'group:default/x', 'not-done', ['p', 'q']);
    entity('component:default/b', 'group:default/x', 'done');
    entity('component:default/c', 'group:default/y', 'waived');
    entity('component:default/d', undefined, 'not-done', ['p']);
    entity('component:default/e', 'group:default/y', 'not-done', ['p']);
    expect(tally.total).toEqual({ inScope: 5, done: 1, waived: 1, notDone: 3 });
    expect(tally.ownerProgress()).toEqual([
      { owner: '', inScope: 1, done: 0, waived: 0, notDone: 1 },
      { owner: 'group:default/x', inScope: 2, done: 1, waived: 0, notDone: 1 },
      { owner: 'group:default/y', inScope: 2, done: 0, waived: 1, notDone: 1 },
    ]);
    expect(tally.remaining().map(e => e.entityRef)).toEqual([
      'component:default/d',
      'component:default/e',
    ]);
  });

  it('draws the ideal line from the start day to the end of the deadline day', () => {
    const start = Date.UTC(2026, 11, 1);
    const end = Date.UTC(2026, 11, 11);
    expect(idealDone(start, end, start - 1, 10)).toBe(0);
    expect(idealDone(start, end, Date.UTC(2026, 11, 6), 10)).toBe(5);
    expect(idealDone(start, end, end + 1, 10)).toBe(10);
  });
});
