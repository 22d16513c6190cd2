import { describeAlert, describeThreshold, type OpsProfile } from '@opskit/plugin-ops-common';
import { DataTable, SectionCard } from './SectionCard';

export function SloSection({ profile }: { profile: OpsProfile }) {
  const slos = profile.slos ?? [];
  return (
    <SectionCard title="Service level objectives" source={profile.sources.slos} empty={!slos.length} emptyText="No SLOs: add `slos` with an objective and an alert threshold.">
      <DataTable
        label="Service level objectives"
        columns={['SLO', 'Indicator', 'Objective', 'Alert threshold', 'Window']}
        rows={slos.map(slo => ({
          key: slo.name,
          cells: [
            slo.name,
            slo.indicator,
            describeThreshold(slo.objective, slo.unit),
            describeAlert(slo) ?? 'none',
            slo.window ?? '—',
          ],
        }))}
      />
    </SectionCard>
  );
}
