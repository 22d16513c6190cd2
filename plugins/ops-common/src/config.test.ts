import { readOpsConfig } from './config';
import { BUILT_IN_DEFAULTS } from './defaults';

describe('readOpsConfig', () => {
  it('uses the built-in defaults when nothing is configured', () => {
    const config = readOpsConfig(undefined);
    expect(config.defaults).toEqual(BUILT_IN_DEFAULTS);
    expect(config.scoring).toEqual({ checks: {}, warnCredit: 0.5 });
    expect(config.issues).toEqual([]);
  });

  it('overrides tier policies key by key', () => {
    const config = readOpsConfig({
      defaults: {
        tiers: {
          'tier-1': {
            minBackupRetention: '60d',
            requiredIndicators: ['latency'],
          },
        },
      },
    });
    expect(config.defaults.tiers['tier-1']).toMatchObject({
      minBackupRetention: '60d',
      requiredIndicators: ['latency'],
      recoveryTestMaxAge: '13w',
    });
    expect(config.defaults.tiers['tier-2']).toEqual(
      BUILT_IN_DEFAULTS.tiers['tier-2'],
    );
  });

  it('reports invalid defaults with their config path and keeps the rest', () => {
    const config = readOpsConfig({
      defaults: {
        severities: [
          { id: 'P1', responseTime: '1h' },
          { id: 'P2', responseTime: '5m' },
        ],
        tiers: { 'tier-2': { minBackupRetention: '1M' } },
        logging: { format: 'xml' },
      },
      scoring: { checks: { 'rollback-plan': { weight: -1 } } },
    });
    expect(config.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      expect.stringMatching(
        /^ops.defaults.logging.format: "xml" is not one of json, text/,
      ),
      expect.stringMatching(
        /^ops.defaults.tiers.tier-2.minBackupRetention: "1M" is ambiguous/,
      ),
      expect.stringMatching(
        /^ops.defaults.severities\[1\].responseTime: P2 must be answered within 5m/,
      ),
      expect.stringMatching(
        /^ops.scoring.checks.rollback-plan.weight: must be at least 0$/,
      ),
    ]);
    expect(config.defaults.tiers['tier-2'].minBackupRetention).toBe('2w');
    expect(config.defaults.logging).toEqual(BUILT_IN_DEFAULTS.logging);
  });
});
