import { registerMswTestHooks } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import {
  buildOpsProfile,
  observeBudget,
  sliQueries,
  type EntityFact,
} from '@opskit/plugin-ops-common';
import { createOpsServer } from '../../../__testUtils__/opsServer';
import { renderOps } from '../../../__testUtils__/renderOps';
import { SloSection } from './SloSection';

const { profile } = buildOpsProfile({
  kind: 'Component',
  metadata: {
    name: 'checkout',
    annotations: {
      'opskit.io/descriptor': `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://x.example.com}
  - {name: staging, url: https://x.staging.example.com}
slos:
  - {name: Success, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 30d, sli: {good: g, total: t}}
`,
    },
  },
  spec: {},
});
const [production, staging] = sliQueries(profile);
const observedAt = new Date(Date.now() - 2 * 60_000).toISOString();
const fact = (
  query: typeof production,
  ratios: Record<string, number>,
  extra: Partial<EntityFact> = {},
): EntityFact => ({
  provider: 'prometheus',
  name: query.factName,
  value: { ...observeBudget(query, ratios) } as any,
  observedAt,
  checkedAt: observedAt,
  stale: false,
  ...extra,
});

const day = (ago: number) =>
  new Date(Date.now() - ago * 86_400_000).toISOString().slice(0, 10);
const ops = createOpsServer({
  budgetHistory: {
    'component:default/checkout': [
      {
        environment: 'production',
        slo: 'Success',
        points: [
          { day: day(40), remaining: 1 },
          { day: day(20), remaining: 0.9 },
          { day: day(3), remaining: 0.75 },
          { day: day(0), remaining: 0.6 },
        ],
      },
    ],
  },
});

describe('error budgets on the Ops tab', () => {
  registerMswTestHooks(ops.server);

  it('shows each environment’s budget left as a bar, the burn rates, when it runs out and the alert conditions that hold', async () => {
    await renderOps(
      <SloSection
        profile={profile}
        facts={[
          // Production: 60 % left, burning 15× over the last hour: pages.
          fact(production, {
            '30d': 0.0004,
            '1h': 0.015,
            '5m': 0.015,
            '6h': 0.002,
            '1d': 0.001,
            '3d': 0.0006,
          }),
          // Staging: spent, and the value is stale.
          fact(
            staging,
            { '30d': 0.003, '1h': 0 },
            { stale: true, error: 'Prometheus at http://p is unreachable' },
          ),
        ]}
      />,
    );
    const table = screen.getByRole('table', {
      name: 'Service level objectives',
    });
    expect(within(table).getByText('error budget below')).toBeInTheDocument();

    const prod = screen.getByTestId('budget-production-Success');
    expect(
      within(prod).getByRole('progressbar', {
        name: 'Error budget left for Success in production: 60 %',
      }),
    ).toHaveAttribute('aria-valuenow', '60');
    expect(prod).toHaveTextContent(
      "60 % of the 30d budget left · burn rate 1h 15× · 6h 2× · 1d 1× · 3d 0.6× · runs out in 28.8 h at the last hour's rate · 2 min ago",
    );
    expect(
      within(prod).getByText('page: 14.4× over 1h and 5m'),
    ).toBeInTheDocument();
    // The 28-day sparkline from the stored daily samples (the one from 40 days ago is outside it).
    const sparkline = await within(prod).findByRole('img');
    expect(sparkline).toHaveAccessibleName(
      `Success in production, budget left over 28 days: 90 % on ${day(
        20,
      )}, 60 % on ${day(0)} (3 of the last 28 days measured)`,
    );
    expect(sparkline.querySelector('path')!.getAttribute('d')).toMatch(
      /^M[\d.]+,[\d.]+ L[\d.]+,[\d.]+ L[\d.]+,[\d.]+$/,
    );
    expect(
      ops.requests.some(u =>
        u.pathname.endsWith(
          '/entities/component/default/checkout/budgets/history',
        ),
      ),
    ).toBe(true);

    const stage = screen.getByTestId('budget-staging-Success');
    expect(within(stage).getByText('budget spent')).toBeInTheDocument();
    expect(within(stage).getByText('stale')).toBeInTheDocument();
    expect(stage).toHaveTextContent('200 % over the 30d budget');
    expect(stage).toHaveTextContent('(Prometheus at http://p is unreachable)');
    // Staging has no stored samples: its bar stands alone.
    await waitFor(() =>
      expect(screen.getAllByTestId('budget-sparkline')).toHaveLength(1),
    );
    expect(within(stage).queryByRole('img')).toBeNull();
  });

  it('says when a latency budget is counted on a bucket away from its threshold', async () => {
    const { profile: latency } = buildOpsProfile({
      kind: 'Component',
      metadata: {
        name: 'checkout',
        annotations: {
          'opskit.io/descriptor': `apiVersion: opskit.io/v1
kind: OpsDescriptor
environments:
  - {name: production, url: https://x.example.com}
slos:
  - {name: Fast, indicator: latency, unit: percent, objective: ">=99%", window: 28d, sli: {histogram: req_seconds, threshold: 250ms}}
`,
        },
      },
      spec: {},
    });
    const [query] = sliQueries(latency);
    const warning =
      'no bucket near 250 ms: counted on le="0.2" (200 ms, 20 % off); add a bucket at 0.25 to the histogram';
    await renderOps(
      <SloSection
        profile={latency}
        facts={[
          {
            provider: 'prometheus',
            name: query.factName,
            value: {
              ...observeBudget(query, { '4w': 0.005 }, undefined, {
                le: 0.2,
                thresholdSeconds: 0.25,
                offBy: 0.2,
                warning,
              }),
            } as any,
            observedAt,
            checkedAt: observedAt,
            stale: false,
          },
        ]}
      />,
    );
    expect(screen.getByTestId('budget-production-Fast')).toHaveTextContent(
      warning,
    );
  });

  it('says when a budget is not measured yet', async () => {
    await renderOps(<SloSection profile={profile} facts={[]} />);
    const budgets = screen.getByTestId('ops-error-budgets');
    expect(budgets).toHaveTextContent('Success · production: not measured yet');
    expect(budgets).toHaveTextContent('Success · staging: not measured yet');
  });
});
