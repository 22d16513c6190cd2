import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import {
  describeValue,
  type LiveSlo,
  type LiveSloSummary,
  type SloState,
} from '@opskit/plugin-ops-common';

// Status colours readable in both themes; stale and unmeasured stay neutral: they say nothing about the service.
const useStyles = makeStyles(theme => ({
  met: { backgroundColor: '#2e7d32', color: '#ffffff' },
  breached: { backgroundColor: '#ef6c00', color: '#1a1a1a' },
  alerting: { backgroundColor: '#c62828', color: '#ffffff' },
  stale: {
    backgroundColor: theme.palette.type === 'dark' ? '#555' : '#e0e0e0',
    color: theme.palette.text.primary,
  },
  error: {
    borderColor: '#c62828',
    color: theme.palette.type === 'dark' ? '#ef9a9a' : '#c62828',
  },
  unmeasured: { color: theme.palette.text.secondary },
}));

const LABEL: Record<SloState, string> = {
  met: 'met',
  breached: 'breached',
  alerting: 'alerting',
  stale: 'stale',
  error: 'query error',
  unmeasured: 'not measured',
};

export function SloStateChip(props: {
  state: SloState;
  label?: string;
  title?: string;
}) {
  const classes = useStyles();
  const outlined = props.state === 'error' || props.state === 'unmeasured';
  return (
    <Chip
      size="small"
      variant={outlined ? 'outlined' : 'default'}
      className={classes[props.state]}
      label={props.label ?? LABEL[props.state]}
      title={props.title}
      data-testid={`slo-state-${props.state}`}
    />
  );
}

/** `just now`, `4 min ago`, `3 h ago`, `2 d ago`: how old a live value is. */
export function formatAge(
  iso: string | null | undefined,
  now: number = Date.now(),
): string {
  if (!iso) return 'never';
  const seconds = Math.max(0, Math.round((now - Date.parse(iso)) / 1000));
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86_400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86_400)} d ago`;
}

/** One live SLO as a sentence, for tooltips and the compliance page. */
export function describeLiveSlo(slo: LiveSlo): string {
  const value =
    slo.value === null ? 'no value' : describeValue(slo.value, slo.unit);
  const state =
    slo.state === 'stale' && slo.lastKnown
      ? `stale, was ${slo.lastKnown}`
      : LABEL[slo.state];
  return `${slo.slo} (${slo.environment}): ${value}, ${state}${
    slo.error ? ` — ${slo.error}` : ''
  }`;
}

/** The compliance page's cell: the worst state, the value that decided it, and its age. */
export function SloSummaryChip(props: {
  summary: LiveSloSummary;
  now?: number;
}) {
  const { summary } = props;
  let state: SloState = 'met';
  let label = `${summary.met}/${summary.total} met`;
  if (summary.alerting) {
    state = 'alerting';
    label = `${summary.breached} breached`;
  } else if (summary.breached) {
    state = 'breached';
    label = `${summary.breached} breached`;
  } else if (summary.unknown) {
    // Stale before a query error before never measured: the most informative unknown decides.
    state = (['stale', 'error', 'unmeasured'] as const).find(st =>
      summary.slos.some(s => s.state === st),
    )!;
    label =
      summary.unknown === summary.total
        ? LABEL[state]
        : `${summary.met}/${summary.total} met, ${summary.unknown} unknown`;
  }
  // The SLO that decided the state (the only one, or the worst): its value is what a reader wants to see.
  const shown = summary.slos.find(s => s.state === state);
  const value =
    shown && shown.value !== null
      ? ` ${shown.slo} ${describeValue(shown.value, shown.unit)}`
      : '';
  return (
    <span
      style={{ whiteSpace: 'nowrap' }}
      title={summary.slos.map(describeLiveSlo).join('\n')}
    >
      <SloStateChip state={state} label={label} />
      <small>
        {value} · {formatAge(summary.observedAt, props.now)}
      </small>
    </span>
  );
}
