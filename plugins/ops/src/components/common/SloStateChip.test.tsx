import { render, screen } from '@testing-library/react';
import type { LiveSlo, LiveSloSummary } from '@opskit/plugin-ops-common';
import { formatAge, SloSummaryChip } from './SloStateChip';

const NOW = Date.parse('2026-11-27T12:00:00Z');
const slo = (
  state: LiveSlo['state'],
  value: number | null,
  error?: string,
): LiveSlo => ({
  slo: `SLO ${state}`,
  index: 0,
  objective: '< 200 ms',
  environment: 'production',
  unit: 'ms',
  value,
  state,
  observedAt: '2026-11-27T11:58:00Z',
  checkedAt: '2026-11-27T11:59:00Z',
  ...(error ? { error } : {}),
});
function summary(slos: LiveSlo[]): LiveSloSummary {
  const n = (...states: string[]) =>
    slos.filter(s => states.includes(s.state)).length;
  return {
    environment: 'production',
    total: slos.length,
    met: n('met'),
    breached: n('breached', 'alerting'),
    alerting: n('alerting'),
    unknown: n('stale', 'error', 'unmeasured'),
    observedAt: '2026-11-27T11:58:00Z',
    slos,
  };
}

describe('SloSummaryChip', () => {
  it('names the worst state with the value that decided it and the age', () => {
    render(
      <SloSummaryChip
        summary={summary([slo('met', 120), slo('breached', 320)])}
        now={NOW}
      />,
    );
    expect(screen.getByTestId('slo-state-breached')).toHaveTextContent(
      '1 breached',
    );
    expect(
      screen.getByText(/SLO breached 320 ms · 2 min ago/),
    ).toBeInTheDocument();
  });

  it('says "query error" when every production SLO failed to query, not "not measured"', () => {
    render(
      <SloSummaryChip
        summary={summary([slo('error', null, 'bad_data: parse error')])}
        now={NOW}
      />,
    );
    expect(screen.getByTestId('slo-state-error')).toHaveTextContent(
      'query error',
    );
  });

  it('prefers stale over errors among unknowns, and never shows a met SLO’s value for them', () => {
    render(
      <SloSummaryChip
        summary={summary([
          slo('met', 120),
          slo('error', null, 'x'),
          slo('stale', 150),
        ])}
        now={NOW}
      />,
    );
    expect(screen.getByTestId('slo-state-stale')).toHaveTextContent(
      '1/3 met, 2 unknown',
    );
    expect(screen.getByText(/SLO stale 150 ms/)).toBeInTheDocument();
  });

  it('formats ages', () => {
    expect(formatAge('2026-11-27T11:59:30Z', NOW)).toBe('just now');
    expect(formatAge('2026-11-27T09:00:00Z', NOW)).toBe('3 h ago');
    expect(formatAge(null, NOW)).toBe('never');
  });
});
