import { screen } from '@testing-library/react';
import type { EntityFact } from '@opskit/plugin-ops-common';
import { renderOps } from '../../../__testUtils__/renderOps';
import { FiringAlerts } from './FiringAlerts';

const rules = (environment: string, alerts: any[], extra = {}): EntityFact => ({
  provider: 'prometheus',
  name: `rules/${environment}`,
  value: { alerts },
  observedAt: null,
  checkedAt: new Date().toISOString(),
  stale: false,
  ...extra,
});
const alert = (
  name: string,
  labels: Record<string, string>,
  firing: number,
) => ({
  name,
  labels,
  expr: 'x',
  state: firing ? 'firing' : 'inactive',
  firing,
});

describe('firing alerts on the Ops tab', () => {
  it('names what fires now in each environment, and nothing that does not', async () => {
    await renderOps(
      <FiringAlerts
        facts={[
          rules('production', [
            alert(
              'OpsKitErrorBudgetBurn',
              {
                opskit_slo: 'Checkout success',
                severity: 'page',
                opskit_window: '1h/5m',
              },
              1,
            ),
            alert(
              'OpsKitSloThreshold',
              { opskit_slo: 'Latency', severity: 'page' },
              0,
            ),
          ]),
          rules('staging', [alert('LatencyHigh', {}, 2)], { stale: true }),
          rules('development', [alert('Quiet', {}, 0)]),
        ]}
      />,
    );
    const alerts = screen.getAllByRole('alert');
    expect(alerts).toHaveLength(2);
    expect(alerts[0]).toHaveTextContent(
      'Firing in production: OpsKitErrorBudgetBurn (Checkout success, page, 1h/5m) · read just now',
    );
    expect(alerts[1]).toHaveTextContent(
      'Firing in staging: LatencyHigh · stale: the last read failed, it may have stopped firing',
    );
  });

  it('renders nothing while nothing fires', async () => {
    await renderOps(
      <FiringAlerts facts={[rules('production', [alert('A', {}, 0)])]} />,
    );
    expect(screen.queryByTestId('ops-firing-alerts')).not.toBeInTheDocument();
  });
});
