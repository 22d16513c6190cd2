import { exampleEntity, NOW } from '../__testUtils__/examples';
import { evaluateEntity } from '../evaluateEntity';
import { complianceRecord, levelRank } from './complianceRecord';
import {
  escalationTargetCandidates,
  resolveEscalationTargets,
} from './escalationTargets';

describe('complianceRecord', () => {
  it('flattens a compliant service into a row with full owner and system refs', () => {
    const record = complianceRecord(
      evaluateEntity(exampleEntity('payments-api'), { now: NOW }),
    );
    expect(record).toMatchObject({
      entityRef: 'component:default/payments-api',
      kind: 'Component',
      owner: 'group:default/payments-team',
      system: 'system:default/commerce',
      tier: 'tier-1',
      declaredTier: true,
      errorCount: 0,
    });
    expect(Object.keys(record.scorecards).sort()).toEqual([
      'deployment',
      'monitoring',
    ]);
    expect(record.score).not.toBeNull();
  });

  it('takes the weakest scorecard as the level and lists failing checks', () => {
    const evaluation = evaluateEntity(exampleEntity('legacy-billing'), {
      now: NOW,
    });
    const record = complianceRecord(evaluation);
    const failing = evaluation.scorecards.flatMap(c =>
      c.results.filter(r => r.status === 'fail').map(r => r.checkId),
    );
    expect(record.failingChecks).toEqual(failing);
    expect(record.failingChecks.length).toBeGreaterThan(0);
    const lowest = Math.min(
      ...evaluation.scorecards.map(c => levelRank(c.level)),
    );
    expect(levelRank(record.level)).toBe(lowest);
    expect(record.errorCount).toBeGreaterThan(0);
  });

  it('gives no score and level none when no scorecard applies', () => {
    const record = complianceRecord(
      evaluateEntity(
        { kind: 'Resource', metadata: { name: 'db' }, spec: {} },
        { now: NOW },
      ),
    );
    expect(record.score).toBeNull();
    expect(record.level).toBe('none');
  });
});

describe('escalation targets', () => {
  it('reads refs and bare names the way people write them', () => {
    expect(escalationTargetCandidates('group:payments-oncall')).toEqual([
      'group:default/payments-oncall',
    ]);
    expect(escalationTargetCandidates('User:ops/Jane')).toEqual([
      'user:ops/jane',
    ]);
    expect(escalationTargetCandidates('jane')).toEqual([
      'group:default/jane',
      'user:default/jane',
    ]);
    expect(escalationTargetCandidates('  ')).toEqual([]);
    expect(escalationTargetCandidates('group:')).toEqual([]);
  });

  it('marks each target found or not in the catalog', () => {
    const profile = {
      escalation: [
        { targets: ['group:payments-oncall', 'jane'] },
        { targets: ['group:ghosts'] },
      ],
    };
    const known = new Set([
      'group:default/payments-oncall',
      'user:default/jane',
    ]);
    expect(resolveEscalationTargets(profile, known)).toEqual({
      'group:payments-oncall': true,
      jane: true,
      'group:ghosts': false,
    });
  });
});
