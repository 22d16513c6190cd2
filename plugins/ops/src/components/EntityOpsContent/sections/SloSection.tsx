import Typography from '@material-ui/core/Typography';
import {
  describeAlert,
  describeThreshold,
  describeValue,
  liveSlos,
  type EntityFact,
  type LiveSlo,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import { describeLiveSlo, formatAge, SloStateChip } from '../../common';
import { ErrorBudgets } from './ErrorBudgets';
import { DataTable, SectionCard } from './SectionCard';

/** One environment's live value: value, state and age; a stale value shows what it was. */
function LiveValue({ slo }: { slo: LiveSlo }) {
  const value = slo.value === null ? '—' : describeValue(slo.value, slo.unit);
  const age =
    slo.state === 'unmeasured'
      ? ''
      : ` · ${formatAge(slo.observedAt ?? slo.checkedAt)}`;
  return (
    <div
      style={{ whiteSpace: 'nowrap' }}
      title={describeLiveSlo(slo)}
      data-testid={`slo-live-${slo.environment}-${slo.slo}`}
    >
      <Typography variant="caption" color="textSecondary">
        {slo.environment}:{' '}
      </Typography>
      {value} <SloStateChip state={slo.state} />
      <Typography variant="caption" color="textSecondary">
        {age}
      </Typography>
    </div>
  );
}

export function SloSection({
  profile,
  facts,
}: {
  profile: OpsProfile;
  facts?: EntityFact[];
}) {
  const slos = profile.slos ?? [];
  const live = liveSlos(profile, facts);
  return (
    <SectionCard
      title="Service level objectives"
      source={profile.sources.slos}
      empty={!slos.length}
      emptyText="No SLOs: add `slos` with an objective and an alert threshold."
    >
      <DataTable
        label="Service level objectives"
        columns={[
          'SLO',
          'Indicator',
          'Objective',
          'Alert threshold',
          'Window',
          'Live',
        ]}
        rows={slos.map((slo, index) => {
          const measured = live.filter(l => l.index === index);
          return {
            key: `${index}-${slo.name}`,
            cells: [
              slo.name,
              slo.indicator,
              describeThreshold(slo.objective, slo.unit),
              describeAlert(slo) ?? 'none',
              slo.window ?? '—',
              measured.length ? (
                measured.map((l, i) => (
                  <LiveValue key={`${i}-${l.environment}`} slo={l} />
                ))
              ) : (
                <Typography
                  variant="caption"
                  color="textSecondary"
                  title={
                    slo.sli
                      ? 'Measured as an error budget (below)'
                      : 'Add a PromQL `query` to measure this SLO live'
                  }
                >
                  {slo.sli ? 'error budget below' : 'no query'}
                </Typography>
              ),
            ],
          };
        })}
      />
      <ErrorBudgets profile={profile} facts={facts} />
    </SectionCard>
  );
}
