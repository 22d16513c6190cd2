import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { CampaignDetail } from '@opskit/plugin-ops-common';
import { LevelChip } from '../../common';
import { BurnUpChart } from './BurnUpChart';
import {
  describeTarget,
  formatShare,
  reachedShare,
  type Titles,
} from '../../common/campaignText';

/**
 * One campaign: what it asks of whom by when, the burn-up from its start to
 * its deadline, each owner's standing (lowest first, the teams to talk to)
 * and the entities left with the checks each still fails.
 */
export function CampaignView(props: {
  detail: { value?: CampaignDetail; loading: boolean; error?: Error };
  titles: Titles;
  backTo: string;
  onEdit?: () => void;
}) {
  const { value, loading, error } = props.detail;
  const back = <Link to={props.backTo}>All campaigns</Link>;
  if (error)
    return (
      <>
        {back}
        <ResponseErrorPanel error={error} title="Could not load the campaign" />
      </>
    );
  if (loading && !value) return <Progress />;
  if (!value) return back;
  const { campaign, progress } = value;
  const owners = [...value.owners].sort(
    (a, b) => reachedShare(a) - reachedShare(b),
  );
  return (
    <Box data-testid="ops-campaign">
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="center"
        mb={2}
      >
        {back}
        {props.onEdit && (
          <Button variant="outlined" onClick={props.onEdit}>
            Edit campaign
          </Button>
        )}
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title={campaign.title}>
            <Box display="flex" alignItems="center" style={{ gap: 8 }} mb={1}>
              <Chip size="small" label={campaign.state} />
              <Typography variant="body2">
                Asks for {describeTarget(campaign.target, props.titles)} from{' '}
                {campaign.startsOn}, due {campaign.deadline} · run by{' '}
                <EntityRefLink entityRef={campaign.owner} />
              </Typography>
            </Box>
            {campaign.description && (
              <Typography variant="body2" paragraph>
                {campaign.description}
              </Typography>
            )}
            <Typography
              variant="h6"
              component="p"
              data-testid="ops-campaign-progress"
            >
              {progress.done + progress.waived} of {progress.inScope} reached (
              {formatShare(reachedShare(progress))}) · {progress.done} done ·{' '}
              {progress.waived} waived · {progress.notDone} not done
            </Typography>
            {value.evaluatedAt && (
              <Typography variant="caption" color="textSecondary">
                As of the evaluation of{' '}
                {new Date(value.evaluatedAt).toLocaleString()}
              </Typography>
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Burn-up">
            <BurnUpChart
              startsOn={campaign.startsOn}
              deadline={campaign.deadline}
              points={value.points}
            />
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Owners (least reached first)">
            {/* Names and numbers never wrap mid-word; a narrow card scrolls instead. */}
            <Box overflow="auto">
              <Table
                size="small"
                aria-label="Campaign progress per owner"
                style={{ whiteSpace: 'nowrap' }}
              >
                <TableHead>
                  <TableRow>
                    <TableCell>Owner</TableCell>
                    <TableCell align="right">In scope</TableCell>
                    <TableCell align="right">Done</TableCell>
                    <TableCell align="right">Waived</TableCell>
                    <TableCell align="right">Left</TableCell>
                    <TableCell align="right">Reached</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {owners.map(o => (
                    <TableRow key={o.owner || '(none)'}>
                      <TableCell>
                        {o.owner ? (
                          <EntityRefLink entityRef={o.owner} />
                        ) : (
                          '(no owner)'
                        )}
                      </TableCell>
                      <TableCell align="right">{o.inScope}</TableCell>
                      <TableCell align="right">{o.done}</TableCell>
                      <TableCell align="right">{o.waived}</TableCell>
                      <TableCell align="right">{o.notDone}</TableCell>
                      <TableCell align="right">
                        {formatShare(reachedShare(o))}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </Box>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <InfoCard
            title={`Entities left (${
              value.remainingCount ?? value.remaining.length
            })`}
          >
            {value.remaining.length === 0 ? (
              <Typography variant="body2">
                Every entity in scope has reached the target.
              </Typography>
            ) : (
              <Table size="small" aria-label="Entities left">
                <TableHead>
                  <TableRow>
                    <TableCell>Entity</TableCell>
                    <TableCell>Owner</TableCell>
                    {campaign.target.level && <TableCell>Level</TableCell>}
                    <TableCell>Still failing</TableCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {value.remaining.map(e => (
                    <TableRow key={e.entityRef}>
                      <TableCell>
                        <EntityRefLink
                          entityRef={e.entityRef}
                          title={e.title}
                        />
                      </TableCell>
                      <TableCell>
                        {e.owner ? <EntityRefLink entityRef={e.owner} /> : '—'}
                      </TableCell>
                      {campaign.target.level && (
                        <TableCell>
                          {e.level && <LevelChip level={e.level} />}
                        </TableCell>
                      )}
                      <TableCell>
                        {e.failing
                          .map(id => props.titles.checks.get(id) ?? id)
                          .join(', ')}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            )}
            {(value.remainingCount ?? 0) > value.remaining.length && (
              <Typography variant="caption" color="textSecondary">
                Showing the {value.remaining.length} closest to done of{' '}
                {value.remainingCount}.
              </Typography>
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
}
