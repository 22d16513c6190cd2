import { findRegressions } from './regressions';

const change = (previous: [string, string[]], current: [string, string[]]) => ({
  entityRef: 'component:default/a',
  owner: 'group:default/team',
  previous: { level: previous[0] as any, failingChecks: previous[1] },
  current: { level: current[0] as any, failingChecks: current[1] },
});

describe('findRegressions', () => {
  it('reports a dropped level and each newly failing check', () => {
    expect(
      findRegressions(change(['gold', ['x']], ['bronze', ['x', 'y', 'z']])),
    ).toEqual([
      {
        type: 'level-dropped',
        entityRef: 'component:default/a',
        owner: 'group:default/team',
        from: 'gold',
        to: 'bronze',
      },
      {
        type: 'check-failing',
        entityRef: 'component:default/a',
        owner: 'group:default/team',
        checkId: 'y',
      },
      {
        type: 'check-failing',
        entityRef: 'component:default/a',
        owner: 'group:default/team',
        checkId: 'z',
      },
    ]);
  });

  it('ignores improvements, unchanged failures and opted-out checks', () => {
    expect(
      findRegressions(change(['bronze', ['x', 'y']], ['gold', ['x']])),
    ).toEqual([]);
    expect(
      findRegressions(
        change(['silver', ['x']], ['silver', ['x', 'noisy']]),
        new Set(['noisy']),
      ),
    ).toEqual([]);
    expect(findRegressions(change(['silver', []], ['none', []]))).toEqual([
      {
        type: 'level-dropped',
        entityRef: 'component:default/a',
        owner: 'group:default/team',
        from: 'silver',
        to: 'none',
      },
    ]);
  });
});
