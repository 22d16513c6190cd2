import Box from '@material-ui/core/Box';
import Alert from '@material-ui/lab/Alert';
import {
  firingAlerts,
  type DeployedAlert,
  type EntityFact,
} from '@opskit/plugin-ops-common';
import { formatAge } from '../../common';

/** "OpsKitErrorBudgetBurn (Checkout success, page, 1h/5m)": an alert as on-call reads it. */
function describe(alert: DeployedAlert): string {
  const details = [
    alert.labels.opskit_slo,
    alert.labels.severity,
    alert.labels.opskit_window,
  ].filter(Boolean);
  return `${alert.name}${details.length ? ` (${details.join(', ')})` : ''}`;
}

/**
 * The entity's alerts that fire now, per environment, from the rules the
 * Prometheus module reads (`rules/<environment>`): first on the Ops tab,
 * where on-call looks. Nothing while none fires.
 */
export function FiringAlerts(props: { facts?: EntityFact[] }) {
  const firing = firingAlerts(props.facts);
  if (firing.length === 0) return null;
  return (
    <Box mb={2} data-testid="ops-firing-alerts">
      {firing.map(({ environment, alerts, fact }) => (
        <Alert key={environment} severity="error" style={{ marginBottom: 8 }}>
          Firing in {environment}: {alerts.map(describe).join('; ')}
          {fact.stale
            ? ' · stale: the last read failed, it may have stopped firing'
            : ` · read ${formatAge(fact.checkedAt)}`}
        </Alert>
      ))}
    </Box>
  );
}
