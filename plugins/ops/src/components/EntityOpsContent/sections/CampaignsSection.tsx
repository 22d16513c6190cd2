import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import Alert from '@material-ui/lab/Alert';
import Box from '@material-ui/core/Box';
import type { EntityCampaign } from '@opskit/plugin-ops-common';
import useAsync from 'react-use/esm/useAsync';
import { opsApiRef } from '../../../api';
import { rootRouteRef } from '../../../routes';
import { describeTarget, titlesOf } from '../../common/campaignText';

/** The compliance page's path, or undefined in an app that mounts only the Ops tab. */
function useCompliancePath(): string | undefined {
  // useRouteRef throws for a page that is not mounted; its hooks run in the same order either way.
  try {
    return useRouteRef(rootRouteRef)();
  } catch {
    return undefined;
  }
}

function standing(item: EntityCampaign, checkTitle: (id: string) => string) {
  if (item.entity.state === 'done') return 'this service has reached it.';
  if (item.entity.state === 'waived')
    return 'this service reaches it with a waiver.';
  return item.entity.failing.length
    ? `still failing: ${item.entity.failing.map(checkTitle).join(', ')}.`
    : 'not reached yet.';
}

/**
 * "Campaigns asking this service for …, due …": the active campaigns whose
 * scope holds the entity, with what it still fails of each. Nothing when no
 * campaign asks it, and nothing either when the list cannot be read (the
 * rest of the tab does not depend on it).
 */
export function CampaignsSection(props: { entityRef: string }) {
  const api = useApi(opsApiRef);
  const path = useCompliancePath();
  const state = useAsync(async () => {
    const [campaigns, checks] = await Promise.all([
      api.getEntityCampaigns(props.entityRef),
      api.getChecks(),
    ]);
    return { items: campaigns.items, titles: titlesOf(checks) };
  }, [api, props.entityRef]);
  if (!state.value?.items.length) return null;
  const { items, titles } = state.value;
  return (
    <Box mb={2} data-testid="ops-entity-campaigns">
      {items.map(item => {
        const title = path ? (
          // Underlined in the alert's own colour: a blue link on the alert's blue text fails contrast.
          <Link
            to={`${path}?tab=campaigns&campaign=${item.campaign.id}`}
            color="inherit"
            underline="always"
          >
            {item.campaign.title}
          </Link>
        ) : (
          <strong>{item.campaign.title}</strong>
        );
        return (
          <Alert
            key={item.campaign.id}
            severity={item.entity.state === 'not-done' ? 'info' : 'success'}
            style={{ marginBottom: 8 }}
          >
            Campaign {title} asks this service for{' '}
            {describeTarget(item.campaign.target, titles)}, due{' '}
            {item.campaign.deadline}:{' '}
            {standing(item, id => titles.checks.get(id) ?? id)}
          </Alert>
        );
      })}
    </Box>
  );
}
