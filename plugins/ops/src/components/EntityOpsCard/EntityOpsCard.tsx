import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { isOpsAvailable, type CheckResult } from '@opskit/plugin-ops-common';
import useAsync from 'react-use/esm/useAsync';
import { opsApiRef } from '../../api';
import { ErrorText, formatScore, LevelChip } from '../common';

/** @public */
export interface EntityOpsCardProps {
  /** Where the Ops tab lives, relative to the entity page. */
  tabPath?: string;
  /** How many failing checks to list. */
  maxChecks?: number;
}

/** Overview card: both scores and levels, the top failing checks, a link to the Ops tab. */
export function EntityOpsCard(props: EntityOpsCardProps) {
  const { entity } = useEntity();
  const api = useApi(opsApiRef);
  const entityRef = stringifyEntityRef(entity);
  const available = isOpsAvailable(entity);
  const state = useAsync(
    () =>
      available ? api.getEntityOps(entityRef) : Promise.resolve(undefined),
    [api, entityRef, available],
  );
  const entityRoute = useRouteRef(entityRouteRef);
  const tab = `${entityRoute(entityRouteParams(entity))}/${
    props.tabPath ?? 'ops'
  }`;

  let body: React.ReactNode;
  if (!available) {
    body = (
      <Typography variant="body2">
        No ops data. Add the <code>opskit.io/ops-ref</code> annotation to
        describe environments, SLOs, on-call and backups.
      </Typography>
    );
  } else if (state.loading) body = <Progress />;
  else if (state.error)
    body = (
      <ResponseErrorPanel error={state.error} title="Could not load ops data" />
    );
  else {
    const data = state.value!;
    // Failing checks first, the most important (heaviest) on top.
    const failing: CheckResult[] = data.scorecards
      .flatMap(card => card.results)
      .filter(r => r.status === 'fail')
      .sort((a, b) => b.weight - a.weight)
      .slice(0, props.maxChecks ?? 3);
    body = (
      <>
        <Box display="flex" style={{ gap: 24 }} mb={1}>
          {data.scorecards.map(card => (
            <Box key={card.scorecard}>
              <Typography variant="caption" color="textSecondary">
                {card.title}
              </Typography>
              <Box display="flex" alignItems="center" style={{ gap: 8 }}>
                <Typography variant="h5" component="p">
                  {formatScore(card.score)}
                </Typography>
                <LevelChip level={card.level} />
              </Box>
            </Box>
          ))}
        </Box>
        {data.issues.some(i => i.severity === 'error') && (
          <ErrorText variant="body2">
            {data.issues.filter(i => i.severity === 'error').length} validation
            error(s) in the ops data
          </ErrorText>
        )}
        {failing.length > 0 ? (
          <List dense aria-label="Top failing checks">
            {failing.map(result => (
              <ListItem key={result.checkId} disableGutters>
                <ListItemText
                  primary={result.title}
                  secondary={result.howToFix}
                />
              </ListItem>
            ))}
          </List>
        ) : (
          <Typography variant="body2">All checks pass.</Typography>
        )}
      </>
    );
  }
  return (
    <InfoCard
      title="Ops readiness"
      deepLink={
        available ? { title: 'Open the Ops tab', link: tab } : undefined
      }
    >
      <div data-testid="ops-overview-card">{body}</div>
    </InfoCard>
  );
}
