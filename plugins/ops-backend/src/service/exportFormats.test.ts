import type { ComplianceRow } from '../database/OpsStore';
import { csvCell, csvHeader, csvRow } from './exportFormats';
import { staleness } from './staleness';

describe('csvCell', () => {
  it('quotes separators and quotes, and defuses formulas', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('line\nbreak')).toBe('"line\nbreak"');
    expect(csvCell('=HYPERLINK("http://evil")')).toBe(
      `"'=HYPERLINK(""http://evil"")"`,
    );
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(null)).toBe('');
    expect(csvCell(['a', 'b'])).toBe('a b');
  });
});

describe('csvHeader and csvRow', () => {
  // Spreadsheets and scripts read the export by position: its columns stay where they are.
  it('keep the export columns in order, a score and level per scorecard', () => {
    const row: ComplianceRow = {
      entityRef: 'component:default/a',
      kind: 'component',
      type: 'service',
      lifecycle: 'production',
      owner: 'group:default/team-a',
      tier: 'tier-1',
      declaredTier: true,
      title: '=Shop, "main"',
      score: null,
      level: 'none',
      scorecards: { deployment: { score: 60, level: 'silver' } },
      failingChecks: ['backups', 'slo-indicators'],
      warningChecks: [],
      errorCount: 2,
      warningCount: 0,
      slos: {
        environment: 'production',
        total: 3,
        met: 2,
        breached: 1,
        alerting: 0,
        unknown: 0,
        observedAt: '2026-11-27T12:00:00.000Z',
        slos: [],
      },
    };
    const scorecards = ['deployment', 'monitoring'];
    expect(csvHeader(scorecards)).toBe(
      'entityRef,title,kind,type,lifecycle,owner,system,tier,score,level,' +
        'deploymentScore,deploymentLevel,monitoringScore,monitoringLevel,' +
        'failingChecks,warningChecks,errorCount,warningCount,' +
        'productionSlos,productionSlosMet,productionSlosObservedAt,' +
        'budgetSlo,budgetRemaining',
    );
    expect(csvRow(row, scorecards)).toBe(
      `component:default/a,"'=Shop, ""main""",component,service,production,group:default/team-a,,tier-1,,none,` +
        '60,silver,,,backups slo-indicators,,2,0,3,2,2026-11-27T12:00:00.000Z,,',
    );
    expect(csvRow({ ...row, slos: undefined }, [])).toMatch(/,2,0,,,,,$/);
  });
});

describe('staleness', () => {
  const run = (
    id: number,
    status: any,
    finishedAt: string,
    error?: string,
  ) => ({
    id,
    status,
    startedAt: finishedAt,
    finishedAt,
    error,
    entityCount: 1,
    averageScore: 1,
    levelCounts: {} as any,
    failingCounts: {},
  });
  const now = Date.parse('2026-11-27T12:00:00Z');

  it('is fresh after a recent success, stale when old or when a later run failed', () => {
    const ok = run(1, 'succeeded', '2026-11-27T11:00:00Z');
    expect(staleness(ok, ok, now, 86_400_000)).toEqual({ stale: false });
    expect(staleness(ok, ok, now, 1_800_000)).toEqual({
      stale: true,
      reason: 'last evaluated 1 h ago',
    });
    const failed = run(2, 'failed', '2026-11-27T11:30:00Z', 'catalog down');
    expect(staleness(ok, failed, now, 86_400_000)).toMatchObject({
      stale: true,
      reason: expect.stringMatching(/failed: catalog down/),
    });
    expect(staleness(undefined, undefined, now, 1)).toEqual({
      stale: false,
      reason: 'no evaluation has finished yet',
    });
  });
});
