import { screen, within } from '@testing-library/react';
import {
  backupQueries,
  buildOpsProfile,
  observeBackup,
  type EntityFact,
} from '@opskit/plugin-ops-common';
import { renderOps } from '../../../__testUtils__/renderOps';
import { BackupsSection } from './BackupsSection';

const { profile } = buildOpsProfile({
  kind: 'Component',
  metadata: {
    name: 'payments',
    annotations: {
      'opskit.io/descriptor': `apiVersion: opskit.io/v1
kind: OpsDescriptor
backups:
  - {data: resource:payments-db, schedule: daily, retention: 30d, freshness: 'max(velero_backup_last_successful_timestamp)'}
  - {data: resource:ledger-db, schedule: hourly, retention: 7d, freshness: 'max(pgbackrest_backup_since_last_completion_seconds)'}
  - {data: resource:audit-db, schedule: weekly, retention: 90d}
`,
    },
  },
  spec: {},
});

describe('backups on the Ops tab', () => {
  it('shows when each backup last succeeded and whether that is overdue for its schedule', async () => {
    const [payments, ledger] = backupQueries(profile);
    const now = new Date();
    const fact = (name: string, value: any): EntityFact => ({
      provider: 'prometheus',
      name,
      value,
      observedAt: now.toISOString(),
      checkedAt: now.toISOString(),
      stale: false,
    });
    await renderOps(
      <BackupsSection
        profile={profile}
        facts={[
          fact(payments.factName, {
            ...observeBackup(payments, now.getTime() / 1000 - 5 * 3600, now),
          }),
          fact(ledger.factName, { ...observeBackup(ledger, 3 * 3600, now) }),
        ]}
      />,
    );
    const rows = within(
      screen.getByRole('table', { name: 'Backups' }),
    ).getAllByRole('row');
    expect(rows[1]).toHaveTextContent('resource:payments-db');
    expect(rows[1]).toHaveTextContent('5 h ago fresh');
    expect(rows[2]).toHaveTextContent('3 h ago overdue');
    expect(rows[3]).toHaveTextContent('not checked');
  });
});
