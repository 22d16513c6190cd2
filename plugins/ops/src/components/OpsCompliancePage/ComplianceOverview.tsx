import { InfoCard, ResponseErrorPanel } from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  opsComplianceRefreshPermission,
  type ComplianceFilter,
  type ComplianceSort,
} from '@opskit/plugin-ops-common';
import { useCallback, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { opsApiRef, type ExportFormat } from '../../api';
import { describeError, downloadBlob } from '../common';
import { ComplianceFilters } from './ComplianceFilters';
import { ComplianceTable } from './ComplianceTable';
import {
  readView,
  viewKey,
  writeView,
  type ComplianceView,
} from './complianceSearch';
import { OwnerRollup } from './OwnerRollup';
import { SummaryTiles } from './SummaryTiles';
import { TrendChart } from './TrendChart';
import { WaiverQueue } from './WaiverQueue';

/** The compliance page's first tab: every entity's readiness, filtered and sorted on the server. */
export function ComplianceOverview() {
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  const { allowed: canRefresh } = usePermission({
    permission: opsComplianceRefreshPermission,
  });
  const [params, setParams] = useSearchParams();
  const view = useMemo(() => readView(params), [params]);
  const key = viewKey(view);
  // Cursors of the pages before the current one, for "Previous"; a new view starts over.
  const [history, setHistory] = useState<{
    key: string;
    cursors: Array<string | undefined>;
  }>({ key, cursors: [] });
  const previous = history.key === key ? history.cursors : [];
  const [refreshing, setRefreshing] = useState(false);

  const setView = useCallback(
    (next: ComplianceView) => setParams(writeView(next)),
    [setParams],
  );
  const filterKey = JSON.stringify(view.filter);

  const page = useAsync(
    () => api.listCompliance(view),
    [api, key, view.cursor],
  );
  const summary = useAsync(
    () => api.getComplianceSummary(view.filter),
    [api, filterKey],
  );
  const trend = useAsync(
    () => api.getComplianceTrend({ owner: view.filter.owner?.[0], limit: 90 }),
    [api, view.filter.owner?.[0]],
  );
  const checks = useAsync(() => api.getChecks(), [api]);
  const checkTitles = useMemo(
    () => new Map((checks.value?.checks ?? []).map(c => [c.id, c.title])),
    [checks.value],
  );

  const changeFilter = (filter: ComplianceFilter) =>
    setView({ ...view, filter, cursor: undefined });
  const changeSort = (sort: ComplianceSort) =>
    setView({ ...view, sort, cursor: undefined });
  const next = () => {
    if (!page.value?.nextCursor) return;
    setHistory({ key, cursors: [...previous, view.cursor] });
    setView({ ...view, cursor: page.value.nextCursor });
  };
  const back = () => {
    setHistory({ key, cursors: previous.slice(0, -1) });
    setView({ ...view, cursor: previous[previous.length - 1] });
  };

  const exportAs = async (format: ExportFormat) => {
    try {
      const blob = await api.exportCompliance(format, {
        filter: view.filter,
        sort: view.sort,
      });
      downloadBlob(blob, `ops-compliance.${format}`);
    } catch (e) {
      alertApi.post({
        message: `Export failed: ${describeError(e)}`,
        severity: 'error',
      });
    }
  };
  const refresh = async () => {
    setRefreshing(true);
    try {
      const { started } = await api.refresh();
      alertApi.post({
        message: started
          ? 'Evaluation started; the list updates when it finishes.'
          : 'An evaluation is already running.',
        severity: 'info',
        display: 'transient',
      });
    } catch (e) {
      alertApi.post({
        message: `Could not start an evaluation: ${describeError(e)}`,
        severity: 'error',
      });
    } finally {
      setRefreshing(false);
    }
  };

  const status = summary.value ?? page.value;
  return (
    <Box data-testid="ops-compliance">
      {status?.stale && (
        <Alert severity="warning" style={{ marginBottom: 16 }}>
          These results may be out of date: {status.reason}.
          {/* An interrupted run is retried by the scheduler; Refresh would only wait for it. */}
          {canRefresh && !status.retrying
            ? ' Start a new evaluation with Refresh.'
            : ''}
        </Alert>
      )}
      {!status?.stale && status?.reason && !page.value?.evaluation && (
        <Alert severity="info" style={{ marginBottom: 16 }}>
          Nothing to show yet: {status.reason}. The evaluation runs on the
          schedule in <code>ops.schedule</code>.
        </Alert>
      )}
      <Box
        display="flex"
        justifyContent="space-between"
        alignItems="center"
        mb={2}
        style={{ gap: 8 }}
      >
        <Typography variant="body2" data-testid="ops-evaluated">
          {evaluatedText(page.value?.evaluation)}
        </Typography>
        <Box display="flex" style={{ gap: 8 }}>
          <Button variant="outlined" onClick={() => exportAs('csv')}>
            Export CSV
          </Button>
          <Button variant="outlined" onClick={() => exportAs('json')}>
            Export JSON
          </Button>
          {canRefresh && (
            <Button
              variant="contained"
              color="primary"
              onClick={refresh}
              disabled={refreshing}
            >
              Refresh
            </Button>
          )}
        </Box>
      </Box>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          {summary.error ? (
            <ResponseErrorPanel
              error={summary.error}
              title="Could not load the summary"
            />
          ) : (
            summary.value && <SummaryTiles summary={summary.value} />
          )}
        </Grid>
        {/* Empty for most users most of the time: renders nothing then. */}
        <WaiverQueue />
        <Grid item xs={12}>
          <InfoCard title="Entities">
            <ComplianceFilters
              filter={view.filter}
              owners={(summary.value?.owners ?? []).map(o => o.owner)}
              checks={checks.value}
              onChange={changeFilter}
            />
            {page.loading && (
              <LinearProgress aria-label="Loading" style={{ marginTop: 8 }} />
            )}
            {page.error ? (
              <ResponseErrorPanel
                error={page.error}
                title="Could not load the compliance list"
              />
            ) : (
              <ComplianceTable
                page={page.value}
                checkTitles={checkTitles}
                loading={page.loading}
                sort={view.sort}
                limit={view.limit}
                offset={page.value?.offset ?? 0}
                hasPrevious={Boolean(view.cursor)}
                onSort={changeSort}
                onLimit={limit =>
                  setView({ ...view, limit, cursor: undefined })
                }
                onNext={next}
                onPrevious={back}
              />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard
            title={`Trend${
              view.filter.owner?.[0] ? ` for ${view.filter.owner[0]}` : ''
            }`}
          >
            {trend.error ? (
              <ResponseErrorPanel error={trend.error} />
            ) : (
              <TrendChart points={trend.value?.points ?? []} />
            )}
          </InfoCard>
        </Grid>
        <Grid item xs={12} md={6}>
          <InfoCard title="Owners (lowest average first)">
            {summary.value && (
              <OwnerRollup
                owners={summary.value.owners}
                onSelect={owner =>
                  changeFilter({ ...view.filter, owner: [owner] })
                }
                onSelectTree={group =>
                  changeFilter({
                    ...view.filter,
                    owner: undefined,
                    group: [group],
                  })
                }
              />
            )}
          </InfoCard>
        </Grid>
      </Grid>
    </Box>
  );
}

/** When the served run finished, and how many changes were scored into it since (sign-offs, waivers, catalog changes). */
function evaluatedText(evaluation?: {
  finishedAt?: string;
  revision?: number;
  rescoredAt?: string;
}): string {
  if (!evaluation?.finishedAt) return '';
  const at = (iso: string) => new Date(iso).toLocaleString();
  const evaluated = `Evaluated ${at(evaluation.finishedAt)}`;
  if (!evaluation.revision || !evaluation.rescoredAt) return evaluated;
  return `${evaluated} · ${evaluation.revision} ${
    evaluation.revision === 1 ? 'change' : 'changes'
  } scored since, the last ${at(evaluation.rescoredAt)}`;
}
