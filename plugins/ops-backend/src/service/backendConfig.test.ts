import { mockServices } from '@backstage/backend-test-utils';
import {
  DEFAULT_FACTS_SCHEDULE,
  DEFAULT_SCHEDULE,
  defaultScoringWorkers,
  readBackendConfig,
} from './backendConfig';
import { slowRecovery } from './scheduleTiming';

const config = (ops: object) => mockServices.rootConfig({ data: { ops } });

describe('readBackendConfig', () => {
  it('gives the documented defaults', () => {
    const read = readBackendConfig(config({}));
    expect(read).toMatchObject({
      schedule: DEFAULT_SCHEDULE,
      kinds: ['Component'],
      historyRetentionMs: 90 * 86_400_000,
      staleAfterMs: 86_400_000,
      notifications: { enabled: true, optOut: [] },
    });
    expect(read.workers).toBe(defaultScoringWorkers());
    expect(read.workers).toBeGreaterThanOrEqual(1);
    expect(read.facts).toEqual({
      schedule: DEFAULT_FACTS_SCHEDULE,
      timeoutMs: 10_000,
      concurrency: 8,
    });
  });

  it('reads schedule, kinds, retention, staleness and workers', () => {
    const read = readBackendConfig(
      config({
        schedule: { frequency: { minutes: 5 }, timeout: { minutes: 2 } },
        evaluation: {
          kinds: ['Component', 'Resource'],
          staleAfter: '2h',
          workers: 3,
        },
        retention: { history: '30d' },
        notifications: { enabled: false, optOut: ['runbook-published'] },
      }),
    );
    expect(read).toMatchObject({
      kinds: ['Component', 'Resource'],
      historyRetentionMs: 30 * 86_400_000,
      staleAfterMs: 7_200_000,
      workers: 3,
      notifications: { enabled: false, optOut: ['runbook-published'] },
    });
    expect(read.schedule.frequency).toEqual({ minutes: 5 });
  });

  it('refuses a duration it cannot read, naming the key', () => {
    expect(() =>
      readBackendConfig(config({ retention: { history: 'forever' } })),
    ).toThrow(/ops\.retention\.history: "forever" is not a duration/);
    expect(() =>
      readBackendConfig(config({ evaluation: { staleAfter: '1M' } })),
    ).toThrow(/ops\.evaluation\.staleAfter/);
    expect(() =>
      readBackendConfig(config({ facts: { timeout: 'soon' } })),
    ).toThrow(/ops\.facts\.timeout: "soon" is not a duration/);
    expect(() =>
      readBackendConfig(config({ facts: { concurrency: 0 } })),
    ).toThrow(
      'ops.facts.concurrency: must be a whole number of at least 1, got 0',
    );
  });

  it('reports bad org defaults as issues instead of failing', () => {
    const read = readBackendConfig(
      config({ defaults: { fallbackTier: 'tier-9' } }),
    );
    expect(
      read.ops.issues.some(i => i.path.startsWith('ops.defaults.fallbackTier')),
    ).toBe(true);
    expect(read.ops.defaults.fallbackTier).toBe('tier-3');
  });

  it('warns when a schedule would recover from a stopped backend in more than one interval', () => {
    expect(slowRecovery('ops.schedule', DEFAULT_SCHEDULE)).toBeUndefined();
    expect(
      slowRecovery('ops.facts.schedule', DEFAULT_FACTS_SCHEDULE),
    ).toBeUndefined();
    expect(
      slowRecovery('ops.schedule', {
        frequency: { minutes: 5 },
        timeout: { minutes: 5 },
      }),
    ).toBe(
      "ops.schedule.timeout (300 s) plus the scheduler's 60 s lock check is longer than ops.schedule.frequency (300 s): when a backend stops mid-run, the next run waits that long; give a timeout at least a minute shorter than the frequency",
    );
    // Read from config (ISO durations become luxon Durations).
    const read = readBackendConfig(
      config({ schedule: { frequency: 'PT30M', timeout: 'PT10M' } }),
    );
    expect(read.evaluationLeaseMs).toBe(600_000);
    expect(slowRecovery('ops.schedule', read.schedule)).toBeUndefined();
    expect(
      slowRecovery('ops.schedule', {
        frequency: { cron: '0 * * * *' },
        timeout: { hours: 2 },
      }),
    ).toBeUndefined();
  });
});
