import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import {
  backupFactName,
  type BackupFreshness,
  type EntityFact,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import { formatAge } from '../../common';
import { DataTable, SectionCard } from './SectionCard';

/** The last successful backup, from the `backup/<data>` fact; what to add when there is none. */
function LastBackup(props: { freshness?: string; fact?: EntityFact }) {
  const { fact } = props;
  if (!props.freshness)
    return (
      <Typography
        variant="caption"
        color="textSecondary"
        title="Add a PromQL `freshness` query to check the last success"
      >
        not checked
      </Typography>
    );
  const seen = fact?.value as unknown as BackupFreshness | null | undefined;
  if (!fact || !seen || typeof seen !== 'object')
    return (
      <Typography variant="caption" color="textSecondary">
        {fact?.error ?? 'not measured yet'}
      </Typography>
    );
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatAge(seen.lastSuccessAt)}{' '}
      <Chip
        size="small"
        label={seen.fresh ? 'fresh' : 'overdue'}
        // Outlined, not MUI's secondary (pink): its white label fails WCAG AA contrast.
        variant={seen.fresh ? 'default' : 'outlined'}
      />
      {fact.stale && <Chip size="small" label="stale" />}
    </span>
  );
}

export function BackupsSection({
  profile,
  facts,
}: {
  profile: OpsProfile;
  facts?: EntityFact[];
}) {
  const byName = new Map((facts ?? []).map(f => [f.name, f]));
  const backups = profile.backups ?? [];
  const recovery = profile.recovery;
  return (
    <SectionCard
      title="Backups and recovery"
      source={profile.sources.backups ?? profile.sources.recovery}
      empty={!backups.length && !recovery}
      emptyText="No backups or recovery procedure described."
    >
      {backups.length > 0 && (
        <DataTable
          label="Backups"
          columns={[
            'Data',
            'Schedule',
            'Retention',
            'RPO',
            'RTO',
            'Last success',
          ]}
          rows={backups.map(b => ({
            key: `${b.data}-${b.schedule}`,
            cells: [
              b.data,
              b.schedule,
              b.retention,
              b.rpo ?? '—',
              b.rto ?? '—',
              <LastBackup
                key="last-success"
                freshness={b.freshness}
                fact={byName.get(backupFactName(b.data))}
              />,
            ],
          }))}
        />
      )}
      {recovery && (
        <>
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 16 }}
          >
            Recovery procedure
          </Typography>
          <Typography
            variant="body2"
            color={recovery.lastTested ? 'textPrimary' : 'error'}
          >
            {recovery.lastTested
              ? `Last tested ${recovery.lastTested}`
              : 'Never tested'}
            {recovery.rto ? ` · RTO ${recovery.rto}` : ''}
          </Typography>
          <ol>
            {(recovery.steps ?? []).map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      )}
    </SectionCard>
  );
}
