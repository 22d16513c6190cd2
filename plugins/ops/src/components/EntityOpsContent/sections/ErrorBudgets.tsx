import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import {
  describeShare,
  sliQueries,
  type BudgetObservation,
  type EntityFact,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import { useApi } from '@backstage/core-plugin-api';
import useAsync from 'react-use/esm/useAsync';
import { opsApiRef } from '../../../api';
import { formatAge } from '../../common';
import { BudgetSparkline } from './BudgetSparkline';

const HISTORY_DAYS = 28;

type History = {
  since: string;
  points: Map<string, { day: string; remaining: number }[]>;
};

/** "3.2 h", "12 days": how long the budget left lasts. */
function lasts(ms: number): string {
  const hours = ms / 3_600_000;
  if (hours < 48) return `${Math.round(hours * 10) / 10} h`;
  return `${Math.round(hours / 24)} days`;
}

function BudgetRow(props: {
  slo: string;
  environment: string;
  fact: EntityFact;
  history?: History;
}) {
  const { slo, environment, fact, history } = props;
  const points = history?.points.get(`${environment}\n${slo}`);
  const seen = fact.value as unknown as BudgetObservation | null;
  const label = `Error budget left for ${slo} in ${environment}`;
  if (!seen || typeof seen !== 'object' || seen.remaining === null) {
    return (
      <Box mb={1} data-testid={`budget-${environment}-${slo}`}>
        <Typography variant="body2">
          {slo} · {environment}:{' '}
          {seen && typeof seen === 'object'
            ? `no events in the ${seen.window} window`
            : fact.error ?? 'not measured yet'}
        </Typography>
      </Box>
    );
  }
  const left = Math.max(0, Math.min(1, seen.remaining));
  const rates = (['1h', '6h', '1d', '3d'] as const)
    .filter(w => seen.burnRates[w] !== undefined)
    .map(w => `${w} ${Math.round(seen.burnRates[w]! * 10) / 10}×`)
    .join(' · ');
  return (
    <Box mb={2} data-testid={`budget-${environment}-${slo}`}>
      <Box display="flex" alignItems="center" style={{ gap: 8 }}>
        <Typography variant="body2" style={{ fontWeight: 500 }}>
          {slo} · {environment}
        </Typography>
        {/* Outlined: MUI's secondary (pink) chip fails WCAG AA contrast for its white label. */}
        {seen.exhausted && (
          <Chip size="small" variant="outlined" label="budget spent" />
        )}
        {seen.firing.map(f => (
          <Chip
            key={`${f.long}/${f.short}`}
            size="small"
            variant="outlined"
            label={`${f.severity}: ${f.factor}× over ${f.long} and ${f.short}`}
          />
        ))}
        {fact.stale && <Chip size="small" label="stale" />}
      </Box>
      <Box display="flex" alignItems="center" style={{ gap: 12 }}>
        <Box flexGrow={1}>
          <LinearProgress
            variant="determinate"
            value={left * 100}
            aria-label={`${label}: ${describeShare(seen.remaining)}`}
            style={{ height: 8, borderRadius: 4, margin: '4px 0' }}
          />
        </Box>
        {history && points && (
          <BudgetSparkline
            points={points}
            since={history.since}
            days={HISTORY_DAYS}
            label={`${slo} in ${environment}, budget left over ${HISTORY_DAYS} days`}
          />
        )}
      </Box>
      <Typography variant="caption" color="textSecondary" component="p">
        {seen.exhausted
          ? `${describeShare(-seen.remaining)} over the ${seen.window} budget`
          : `${describeShare(seen.remaining)} of the ${
              seen.window
            } budget left`}
        {rates ? ` · burn rate ${rates}` : ''}
        {seen.exhaustsInMs !== undefined && !seen.exhausted
          ? ` · runs out in ${lasts(seen.exhaustsInMs)} at the last hour's rate`
          : ''}
        {` · ${formatAge(fact.observedAt ?? fact.checkedAt)}`}
        {fact.stale && fact.error ? ` (${fact.error})` : ''}
      </Typography>
      {seen.bucket?.warning && (
        <Typography variant="caption" color="error" component="p">
          {seen.bucket.warning}
        </Typography>
      )}
    </Box>
  );
}

/**
 * Each SLI's error budget per environment, from the `budget/…` facts the
 * Prometheus module stores: the share left as a bar beside its 28-day
 * sparkline, the burn rates, when it runs out and the page/ticket
 * conditions that hold. Without its history (not stored yet, or the read
 * failed) a budget still shows, without the sparkline.
 */
export function ErrorBudgets(props: {
  profile: OpsProfile;
  facts?: EntityFact[];
}) {
  const api = useApi(opsApiRef);
  const queries = sliQueries(props.profile);
  const entityRef = props.profile.entityRef;
  const measured = queries.length > 0;
  const { value: history } = useAsync(async (): Promise<
    History | undefined
  > => {
    if (!measured) return undefined;
    const body = await api.getEntityBudgetHistory(entityRef, {
      days: HISTORY_DAYS,
    });
    return {
      since: body.since,
      points: new Map(
        body.series.map(s => [`${s.environment}\n${s.slo}`, s.points]),
      ),
    };
  }, [api, entityRef, measured]);
  if (!measured) return null;
  const byName = new Map((props.facts ?? []).map(f => [f.name, f]));
  return (
    <Box mt={2} data-testid="ops-error-budgets">
      <Typography variant="subtitle2" component="h3" gutterBottom>
        Error budgets
      </Typography>
      {queries.map((q, position) => {
        const fact = byName.get(q.factName);
        // By position: SLOs and environments may repeat a name (validation warns), and so a fact name.
        const key = String(position);
        return fact ? (
          <BudgetRow
            key={key}
            slo={q.slo.name}
            environment={q.environment}
            fact={fact}
            history={history}
          />
        ) : (
          <Typography key={key} variant="body2" color="textSecondary">
            {q.slo.name} · {q.environment}: not measured yet
            {q.error ? ` (${q.error})` : ''}
          </Typography>
        );
      })}
    </Box>
  );
}
