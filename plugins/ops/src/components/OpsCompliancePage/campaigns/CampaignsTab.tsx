import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import {
  opsCampaignManagePermission,
  type Campaign,
} from '@opskit/plugin-ops-common';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsApiRef } from '../../../api';
import { CampaignDialog } from './CampaignDialog';
import { CampaignList, type CampaignStateFilter } from './CampaignList';
import { titlesOf } from '../../common/campaignText';
import { CampaignView } from './CampaignView';

/** How many of a campaign's entities left the page lists. */
const REMAINING_SHOWN = 100;

/**
 * The compliance page's Campaigns tab. The campaign shown is in the URL
 * (`?tab=campaigns&campaign=<id>`, the link the notifications carry), so a
 * campaign page can be shared and Back works.
 */
export function CampaignsTab() {
  const api = useApi(opsApiRef);
  const [params, setParams] = useSearchParams();
  const id = params.get('campaign') ?? undefined;
  const state = (params.get('state') ?? 'current') as CampaignStateFilter;
  const { allowed: canManage } = usePermission({
    permission: opsCampaignManagePermission,
  });
  const [editing, setEditing] = useState<{ campaign?: Campaign } | undefined>();

  const checks = useAsync(() => api.getChecks(), [api]);
  const titles = useMemo(() => titlesOf(checks.value), [checks.value]);
  const campaigns = useAsyncRetry(
    () =>
      id
        ? Promise.resolve(undefined)
        : api.listCampaigns({ state: state === 'current' ? undefined : state }),
    [api, id, state],
  );
  const detail = useAsyncRetry(
    () =>
      id
        ? api.getCampaign(id, { limit: REMAINING_SHOWN })
        : Promise.resolve(undefined),
    [api, id],
  );
  const linkTo = (campaign: string) => `?tab=campaigns&campaign=${campaign}`;

  return (
    <Box data-testid="ops-campaigns">
      {id ? (
        <CampaignView
          detail={detail}
          titles={titles}
          backTo="?tab=campaigns"
          onEdit={
            canManage && detail.value && checks.value
              ? () => setEditing({ campaign: detail.value!.campaign })
              : undefined
          }
        />
      ) : (
        <InfoCard
          title="Campaigns"
          action={
            canManage && checks.value ? (
              <Box m={1}>
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => setEditing({})}
                >
                  New campaign
                </Button>
              </Box>
            ) : undefined
          }
        >
          <CampaignList
            campaigns={campaigns}
            titles={titles}
            state={state}
            onState={next =>
              setParams(
                next === 'current'
                  ? { tab: 'campaigns' }
                  : { tab: 'campaigns', state: next },
              )
            }
            linkTo={linkTo}
          />
        </InfoCard>
      )}
      {editing && checks.value && (
        <CampaignDialog
          campaign={editing.campaign}
          checks={checks.value}
          onClose={saved => {
            setEditing(undefined);
            if (!saved) return;
            if (editing.campaign) detail.retry();
            else setParams({ tab: 'campaigns', campaign: saved.id });
          }}
        />
      )}
    </Box>
  );
}
