import type { OpsProfile } from '@opskit/plugin-ops-common';
import { DataTable, SectionCard } from './SectionCard';

export function VersionHistorySection({ profile }: { profile: OpsProfile }) {
  const versions = profile.versionHistory ?? [];
  return (
    <SectionCard
      title="Version history"
      source={profile.sources.versionHistory}
      empty={!versions.length}
      emptyText="No version history."
    >
      <DataTable
        label="Version history"
        columns={['Version', 'Date', 'Author', 'Changes']}
        rows={versions.map(entry => ({
          key: entry.version,
          cells: [
            entry.version,
            entry.date ?? '',
            entry.author ?? '',
            (entry.changes ?? []).join('; '),
          ],
        }))}
      />
    </SectionCard>
  );
}
