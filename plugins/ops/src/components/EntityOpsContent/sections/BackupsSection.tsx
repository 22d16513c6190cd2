import Typography from '@material-ui/core/Typography';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { DataTable, SectionCard } from './SectionCard';

export function BackupsSection({ profile }: { profile: OpsProfile }) {
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
          columns={['Data', 'Schedule', 'Retention', 'RPO', 'RTO']}
          rows={backups.map(b => ({
            key: `${b.data}-${b.schedule}`,
            cells: [
              b.data,
              b.schedule,
              b.retention,
              b.rpo ?? '—',
              b.rto ?? '—',
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
