import { useTheme } from '@material-ui/core/styles';
import { describeShare } from '@opskit/plugin-ops-common';

const WIDTH = 140;
const HEIGHT = 28;
const PAD = 2;
const DAY_MS = 86_400_000;

/**
 * An SLO's budget left per day over the last `days` days, as a small inline
 * SVG line with a zero line (overspent below it). Days without a sample are
 * gaps in time, not zeros. The label is what screen readers get.
 */
export function BudgetSparkline(props: {
  points: { day: string; remaining: number }[];
  since: string;
  days: number;
  label: string;
}) {
  const theme = useTheme();
  const { points, since, days, label } = props;
  if (points.length === 0) return null;
  const start = Date.parse(`${since}T00:00:00Z`);
  const x = (day: string) =>
    PAD +
    ((Date.parse(`${day}T00:00:00Z`) - start) /
      DAY_MS /
      Math.max(1, days - 1)) *
      (WIDTH - 2 * PAD);
  // From fully left (1) down to overspent by as much as the worst day, at least to 0.
  const low = Math.min(0, ...points.map(p => p.remaining));
  const y = (remaining: number) =>
    PAD + ((1 - remaining) / (1 - low)) * (HEIGHT - 2 * PAD);
  const path = points
    .map(
      (p, i) =>
        `${i ? 'L' : 'M'}${x(p.day).toFixed(1)},${y(p.remaining).toFixed(1)}`,
    )
    .join(' ');
  const first = points[0];
  const last = points[points.length - 1];
  const description = `${label}: ${describeShare(first.remaining)} on ${
    first.day
  }, ${describeShare(last.remaining)} on ${last.day} (${
    points.length
  } of the last ${days} days measured)`;
  const colour =
    last.remaining <= 0 ? theme.palette.error.main : theme.palette.primary.main;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width={WIDTH}
      height={HEIGHT}
      role="img"
      aria-label={description}
      data-testid="budget-sparkline"
    >
      <title>{description}</title>
      <line
        x1={PAD}
        x2={WIDTH - PAD}
        y1={y(0)}
        y2={y(0)}
        stroke={theme.palette.text.secondary}
        strokeDasharray="2 2"
        strokeWidth={1}
      />
      <path d={path} fill="none" stroke={colour} strokeWidth={1.5} />
      {points.length === 1 && (
        <circle cx={x(last.day)} cy={y(last.remaining)} r={2} fill={colour} />
      )}
    </svg>
  );
}
