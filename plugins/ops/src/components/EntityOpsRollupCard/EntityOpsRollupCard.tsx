import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { CHECK_LEVELS, type ScoreLevel } from '@opskit/plugin-ops-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { opsApiRef } from '../../api';
import { formatScore, LevelChip } from '../common';

/** @public */
export interface EntityOpsRollupCardProps {
  /** How many of the worst entities and failing checks to list. Default 5. */
  limit?: number;
}

const LEVELS: ScoreLevel[] = [...[...CHECK_LEVELS].reverse(), 'none'];

/**
 * Ops readiness of what a group owns (with its child groups), or of what a
 * system or domain contains: for the Group, System and Domain pages, where
 * teams and their leads look.
 */
export function EntityOpsRollupCard(props: EntityOpsRollupCardProps) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const api = useApi(opsApiRef);
  const limit = props.limit ?? 5;
  const [checks, rollup] = [
    useAsync(() => api.getChecks(), [api]),
    useAsync(
      () => api.getRollup(entityRef, { limit }),
      [api, entityRef, limit],
    ),
  ];
  const titles = useMemo(
    () => new Map((checks.value?.checks ?? []).map(c => [c.id, c.title])),
    [checks.value],
  );
  const what =
    entity.kind.toLowerCase() === 'group'
      ? 'owned by this team and the teams under it'
      : `in this ${entity.kind.toLowerCase()}`;
  let body;
  if (rollup.loading) body = <Progress />;
  else if (rollup.error)
    body = (
      <ResponseErrorPanel
        error={rollup.error}
        title="Could not load the ops roll-up"
      />
    );
  else {
    const data = rollup.value!;
    const failing = Object.entries(data.failingCounts)
      .filter(([, count]) => count > 0)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit);
    body =
      data.entityCount === 0 ? (
        <Typography variant="body2">
          No evaluated entities {what} yet.
        </Typography>
      ) : (
        <div data-testid="ops-rollup-card">
          <Box display="flex" alignItems="baseline" style={{ gap: 8 }} mb={1}>
            <Typography variant="h4" component="p" aria-label="Average score">
              {formatScore(data.averageScore)}
            </Typography>
            <Typography variant="body2">
              average of {data.entityCount} entit
              {data.entityCount === 1 ? 'y' : 'ies'} {what}
            </Typography>
          </Box>
          <Box display="flex" style={{ gap: 8 }} mb={2} aria-label="Levels">
            {LEVELS.map(level => (
              <LevelChip
                key={level}
                level={level}
                label={`${level === 'none' ? 'no level' : level}: ${
                  data.levelCounts[level] ?? 0
                }`}
              />
            ))}
          </Box>
          <Typography variant="subtitle2" component="h3">
            Lowest scores
          </Typography>
          <List dense aria-label="Lowest scores">
            {data.worst.map(row => (
              <ListItem key={row.entityRef} disableGutters>
                <ListItemText
                  primary={
                    <>
                      <EntityRefLink entityRef={row.entityRef} />{' '}
                      {formatScore(row.score)}
                    </>
                  }
                  secondary={
                    row.failingChecks.length
                      ? `fails ${row.failingChecks
                          .map(id => titles.get(id) ?? id)
                          .join(', ')}`
                      : 'no failing check'
                  }
                />
              </ListItem>
            ))}
          </List>
          {failing.length > 0 && (
            <>
              <Typography variant="subtitle2" component="h3">
                Most common failing checks
              </Typography>
              <List dense aria-label="Most common failing checks">
                {failing.map(([id, count]) => (
                  <ListItem key={id} disableGutters>
                    <ListItemText
                      primary={`${titles.get(id) ?? id}: ${count} entit${
                        count === 1 ? 'y' : 'ies'
                      }`}
                    />
                  </ListItem>
                ))}
              </List>
            </>
          )}
        </div>
      );
  }
  return <InfoCard title="Ops readiness">{body}</InfoCard>;
}
