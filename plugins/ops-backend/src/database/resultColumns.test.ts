import { TestDatabases } from '@backstage/backend-test-utils';
import { DatabaseOpsStore } from './DatabaseOpsStore';
import type { ComplianceRow } from './OpsStore';
import { RESULT_COLUMNS, toComplianceRow, toResultRow } from './resultColumns';

jest.setTimeout(60_000);

const full: ComplianceRow = {
  entityRef: 'component:default/a',
  kind: 'component',
  type: 'service',
  lifecycle: 'production',
  owner: 'group:default/team-a',
  system: 'system:default/shop',
  tier: 'tier-1',
  declaredTier: true,
  title: 'Shop',
  score: 72.5,
  level: 'silver',
  scorecards: {
    deployment: { score: 80, level: 'gold' },
    monitoring: { score: null, level: 'none' },
  },
  failingChecks: ['backups', 'slo-indicators'],
  warningChecks: ['runbook'],
  errorCount: 2,
  warningCount: 1,
  slos: {
    environment: 'production',
    total: 1,
    met: 1,
    breached: 0,
    alerting: 0,
    unknown: 0,
    observedAt: '2026-11-27T12:00:00.000Z',
    slos: [],
  },
};

// Optional fields left empty: they come back absent, and a null score stays null (stored as -1).
const bare: ComplianceRow = {
  entityRef: 'resource:default/b',
  kind: 'resource',
  tier: 'tier-3',
  declaredTier: false,
  score: null,
  level: 'none',
  scorecards: {},
  failingChecks: [],
  warningChecks: [],
  errorCount: 0,
  warningCount: 0,
};

describe('RESULT_COLUMNS', () => {
  it('reads back what it writes', () => {
    for (const row of [full, bare])
      expect(toComplianceRow(toResultRow(1, row))).toStrictEqual(row);
    expect(
      toComplianceRow(toResultRow(1, { ...full, kind: 'Component' })).kind,
    ).toBe('component');
  });

  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });

  it.each(databases.eachSupportedId())(
    'round-trips through, and covers every column of, ops_entity_results on %p',
    async databaseId => {
      const knex = await databases.init(databaseId);
      await knex.migrate.latest({
        directory: DatabaseOpsStore.migrationsDirectory,
        tableName: 'ops_knex_migrations',
      });
      // Copying unchanged entities' rows to the next run names these columns: one missing here would be dropped.
      const columns = Object.keys(
        await knex('ops_entity_results').columnInfo(),
      );
      expect(RESULT_COLUMNS.map(c => c.name).sort()).toEqual(
        columns.filter(c => c !== 'evaluation_id').sort(),
      );

      await knex('ops_entity_results').insert([
        toResultRow(7, full),
        toResultRow(7, bare),
      ]);
      const stored = await knex('ops_entity_results')
        .where('evaluation_id', 7)
        .orderBy('entity_ref');
      expect(stored.map(toComplianceRow)).toStrictEqual([full, bare]);
    },
  );
});
