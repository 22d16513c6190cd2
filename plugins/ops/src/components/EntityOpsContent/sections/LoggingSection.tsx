import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { SectionCard } from './SectionCard';

export function LoggingSection({ profile }: { profile: OpsProfile }) {
  const logging = profile.logging;
  return (
    <SectionCard
      title="Logging"
      source={profile.sources.logging}
      empty={!logging}
      emptyText="No logging conventions: add `logging` (levels, format)."
    >
      {logging && (
        <>
          <Typography variant="body2" component="div">
            Levels:{' '}
            {(logging.levels ?? []).map((level, i) => (
              <Chip
                key={`${i}-${level}`}
                size="small"
                label={level}
                style={{ marginRight: 4 }}
              />
            ))}
            {!logging.levels?.length && '—'}
          </Typography>
          <Typography variant="body2">
            Format: {logging.format ?? '—'}
          </Typography>
          {logging.fields?.length ? (
            <Typography variant="body2">
              Fields: {logging.fields.join(', ')}
            </Typography>
          ) : null}
          {logging.retention && (
            <Typography variant="body2">
              Retention: {logging.retention}
            </Typography>
          )}
        </>
      )}
    </SectionCard>
  );
}
