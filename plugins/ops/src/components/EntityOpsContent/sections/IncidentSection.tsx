import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Typography from '@material-ui/core/Typography';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { ErrorText } from '../../common';
import { DataTable, SectionCard } from './SectionCard';

export function IncidentSection({
  profile,
  targets,
}: {
  profile: OpsProfile;
  targets: Record<string, string | null>;
}) {
  const severities = profile.severities ?? [];
  const escalation = profile.escalation ?? [];
  return (
    <SectionCard
      title="Incidents"
      source={profile.sources.severities ?? profile.sources.escalation}
      empty={!severities.length && !escalation.length}
      emptyText="No severities or escalation path."
    >
      {severities.length > 0 && (
        <DataTable
          label="Severities"
          columns={['Severity', 'Description', 'Response time']}
          rows={severities.map(s => ({
            key: s.id,
            cells: [s.id, s.description ?? '', s.responseTime],
          }))}
        />
      )}
      {escalation.length > 0 && (
        <>
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 16 }}
          >
            Escalation path
          </Typography>
          <ol aria-label="Escalation path">
            {escalation.map((level, index) => (
              <li key={index}>
                {level.targets.length === 0 && (
                  <ErrorText variant="body2" component="span">
                    no targets
                  </ErrorText>
                )}
                {level.targets.map((target, i) => {
                  // Targets are names a team wrote ("constructor" too): own entries only.
                  const ref = Object.prototype.hasOwnProperty.call(
                    targets,
                    target,
                  )
                    ? targets[target]
                    : undefined;
                  return (
                    // A target may be written twice in one level.
                    <span key={`${i}:${target}`}>
                      {i > 0 && ', '}
                      {ref ? (
                        <EntityRefLink entityRef={ref} />
                      ) : (
                        <span title="Not found in the catalog">
                          {target} (not in catalog)
                        </span>
                      )}
                    </span>
                  );
                })}
                {level.after && (
                  <Typography variant="caption" component="span">
                    {' '}
                    — after {level.after} without acknowledgement
                  </Typography>
                )}
              </li>
            ))}
          </ol>
        </>
      )}
    </SectionCard>
  );
}
