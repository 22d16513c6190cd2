import { stringifyEntityRef } from '@backstage/catalog-model';
import { Progress, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import GetAppIcon from '@material-ui/icons/GetApp';
import {
  isOpsAvailable,
  opsChecklistUpdatePermission,
  opsWaiverManagePermission,
  opsWaiverRequestPermission,
  type CheckResult,
  type StoredWaiver,
  renderRunbook,
  type EntityOpsResponse,
} from '@opskit/plugin-ops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsApiRef } from '../../api';
import {
  DecideWaiverDialog,
  describeError,
  downloadBlob,
  OpsMissingState,
  RequestWaiverDialog,
} from '../common';
import { BackupsSection } from './sections/BackupsSection';
import { CampaignsSection } from './sections/CampaignsSection';
import { FiringAlerts } from './sections/FiringAlerts';
import { DeploymentSection } from './sections/DeploymentSection';
import { EnvironmentsSection } from './sections/EnvironmentsSection';
import { IncidentSection } from './sections/IncidentSection';
import { IssuesSection } from './sections/IssuesSection';
import { LoggingSection } from './sections/LoggingSection';
import { MonitoringSection } from './sections/MonitoringSection';
import { ScorecardsSection } from './sections/ScorecardsSection';
import { SloSection } from './sections/SloSection';
import { VersionHistorySection } from './sections/VersionHistorySection';
import { NotesSection } from './sections/NotesSection';
import { DescriptorFileContext } from './sections/SectionCard';
import { RunbookSource } from './RunbookSource';
import { WaiversSection } from './sections/WaiversSection';

/** The Ops tab: the entity's runbook as live data, laid out in the order on-call reads it. */
export function EntityOpsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  const available = isOpsAvailable(entity);
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  // Resource permissions: a policy may allow them for the owning team only.
  const { allowed: canSignOff } = usePermission({
    permission: opsChecklistUpdatePermission,
    resourceRef: entityRef,
  });
  const { allowed: canManageWaivers } = usePermission({
    permission: opsWaiverManagePermission,
    resourceRef: entityRef,
  });
  const { allowed: canRequestWaivers } = usePermission({
    permission: opsWaiverRequestPermission,
    resourceRef: entityRef,
  });
  const [asking, setAsking] = useState<CheckResult | undefined>();
  const [deciding, setDeciding] = useState<
    { waiver: StoredWaiver; decision: 'approve' | 'deny' } | undefined
  >();
  const state = useAsyncRetry(
    () =>
      available ? api.getEntityOps(entityRef) : Promise.resolve(undefined),
    [api, entityRef, available],
  );

  if (!available) return <OpsMissingState />;
  if (state.loading && !state.value) return <Progress />;
  if (state.error)
    return (
      <ResponseErrorPanel error={state.error} title="Could not load ops data" />
    );
  const data = state.value!;

  const revoke = async (id: string) => {
    try {
      await api.revokeWaiver(id);
      state.retry();
    } catch (e) {
      alertApi.post({
        message: `Could not revoke the waiver: ${describeError(e)}`,
        severity: 'error',
      });
    }
  };

  return (
    <DescriptorFileContext.Provider value={data.profile.descriptorFile}>
      <Box data-testid="ops-content">
        <OpsHeader
          data={data}
          title={entity.metadata.title ?? entity.metadata.name}
        />
        <FiringAlerts facts={data.facts} />
        <CampaignsSection entityRef={entityRef} />
        {data.profile.descriptorFile?.format === 'runbook' && (
          <RunbookSource file={data.profile.descriptorFile} entity={entity} />
        )}
        <Grid container spacing={3}>
          {data.issues.length > 0 && (
            <Grid item xs={12}>
              <IssuesSection issues={data.issues} />
            </Grid>
          )}
          <Grid item xs={12}>
            <ScorecardsSection
              scorecards={data.scorecards}
              onRequestWaiver={
                canRequestWaivers || canManageWaivers ? setAsking : undefined
              }
              openWaivers={new Set(data.waivers.map(w => w.checkId))}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <EnvironmentsSection profile={data.profile} />
          </Grid>
          <Grid item xs={12} md={6}>
            <MonitoringSection profile={data.profile} />
          </Grid>
          <Grid item xs={12}>
            <DeploymentSection
              profile={data.profile}
              entityRef={entityRef}
              signOffs={data.signOffs}
              canSignOff={canSignOff}
              onSignedOff={state.retry}
            />
          </Grid>
          <Grid item xs={12}>
            <SloSection profile={data.profile} facts={data.facts} />
          </Grid>
          <Grid item xs={12} md={6}>
            <IncidentSection
              profile={data.profile}
              targets={data.escalationTargets ?? {}}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <LoggingSection profile={data.profile} />
          </Grid>
          <Grid item xs={12} md={6}>
            <BackupsSection profile={data.profile} facts={data.facts} />
          </Grid>
          <Grid item xs={12} md={6}>
            <VersionHistorySection profile={data.profile} />
          </Grid>
          {data.profile.notes?.length ? (
            <Grid item xs={12}>
              <NotesSection profile={data.profile} />
            </Grid>
          ) : null}
          <Grid item xs={12}>
            <WaiversSection
              waivers={data.waivers}
              canManage={canManageWaivers}
              onRevoke={revoke}
              onDecide={(waiver, decision) => setDeciding({ waiver, decision })}
            />
          </Grid>
        </Grid>
        {asking && (
          <RequestWaiverDialog
            entityRef={entityRef}
            check={asking}
            onClose={requested => {
              setAsking(undefined);
              if (requested) state.retry();
            }}
          />
        )}
        {deciding && (
          <DecideWaiverDialog
            {...deciding}
            onClose={decided => {
              setDeciding(undefined);
              if (decided) state.retry();
            }}
          />
        )}
      </Box>
    </DescriptorFileContext.Provider>
  );
}

function OpsHeader({
  data,
  title,
}: {
  data: EntityOpsResponse;
  title: string;
}) {
  const download = () => {
    const text = renderRunbook({
      profile: data.profile,
      title,
      scorecards: data.scorecards,
      issues: data.issues,
      escalationTargets: data.escalationTargets,
      generatedAt: data.evaluatedAt,
    });
    const name = data.entityRef.split('/').pop() ?? 'service';
    downloadBlob(
      new Blob([text], { type: 'text/markdown' }),
      `${name}-runbook.md`,
    );
  };
  return (
    <Box
      display="flex"
      alignItems="center"
      justifyContent="space-between"
      mb={2}
    >
      <Typography variant="body2">
        Tier{' '}
        {data.profile.tier ?? `${data.profile.effectiveTier} (org default)`} ·
        evaluated {new Date(data.evaluatedAt).toLocaleString()}
      </Typography>
      <Button variant="outlined" startIcon={<GetAppIcon />} onClick={download}>
        Download runbook
      </Button>
    </Box>
  );
}
