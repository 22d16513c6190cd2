import { Link, ResponseErrorPanel } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  CampaignList as Campaigns,
  CampaignState,
} from '@opskit/plugin-ops-common';
import {
  describeTarget,
  formatShare,
  reachedShare,
  type Titles,
} from '../../common/campaignText';

/** Which campaigns the list shows: the API leaves archived ones out unless asked. */
export type CampaignStateFilter = CampaignState | 'current';

/** Campaigns with their progress in the latest evaluation, soonest deadline first. */
export function CampaignList(props: {
  campaigns: { value?: Campaigns; loading: boolean; error?: Error };
  titles: Titles;
  state: CampaignStateFilter;
  onState: (state: CampaignStateFilter) => void;
  linkTo: (id: string) => string;
}) {
  const items = [...(props.campaigns.value?.items ?? [])].sort((a, b) =>
    a.campaign.deadline.localeCompare(b.campaign.deadline),
  );
  return (
    <>
      <Box display="flex" alignItems="center" mb={1} style={{ gap: 16 }}>
        <TextField
          select
          margin="dense"
          id="ops-campaign-state-filter"
          label="Show"
          value={props.state}
          onChange={e => props.onState(e.target.value as CampaignStateFilter)}
          style={{ minWidth: 180 }}
        >
          <MenuItem value="current">All but archived</MenuItem>
          <MenuItem value="draft">Drafts</MenuItem>
          <MenuItem value="active">Active</MenuItem>
          <MenuItem value="completed">Completed</MenuItem>
          <MenuItem value="archived">Archived</MenuItem>
        </TextField>
      </Box>
      {props.campaigns.loading && <LinearProgress aria-label="Loading" />}
      {props.campaigns.error && (
        <ResponseErrorPanel
          error={props.campaigns.error}
          title="Could not load the campaigns"
        />
      )}
      {props.campaigns.value && items.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          No campaigns here yet. A campaign asks the entities in a scope to
          reach a level or pass checks by a deadline, and tells their owners.
        </Typography>
      )}
      {items.length > 0 && (
        <Table size="small" aria-label="Campaigns">
          {/* Owner refs and dates stay whole; titles and targets wrap between words. */}
          <TableHead>
            <TableRow>
              <TableCell>Campaign</TableCell>
              <TableCell>Target</TableCell>
              <TableCell>Owner</TableCell>
              <TableCell>Due</TableCell>
              <TableCell>State</TableCell>
              <TableCell style={{ minWidth: 160 }}>Progress</TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(({ campaign, progress }) => {
              const share = reachedShare(progress);
              return (
                <TableRow key={campaign.id}>
                  <TableCell>
                    <Link to={props.linkTo(campaign.id)}>{campaign.title}</Link>
                  </TableCell>
                  <TableCell>
                    {describeTarget(campaign.target, props.titles)}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <EntityRefLink entityRef={campaign.owner} />
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {campaign.deadline}
                  </TableCell>
                  <TableCell>
                    <Chip size="small" label={campaign.state} />
                  </TableCell>
                  <TableCell>
                    <LinearProgress
                      variant="determinate"
                      value={share * 100}
                      aria-label={`${campaign.title}: ${formatShare(
                        share,
                      )} reached`}
                    />
                    <Typography variant="caption">
                      {progress.done + progress.waived} of {progress.inScope} (
                      {formatShare(share)})
                      {progress.waived ? `, ${progress.waived} waived` : ''}
                    </Typography>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </>
  );
}
