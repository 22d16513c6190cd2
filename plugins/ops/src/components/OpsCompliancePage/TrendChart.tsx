import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { TrendPoint } from '@opskit/plugin-ops-common';
import { ChartGridLines } from '../common';

const WIDTH = 600;
const HEIGHT = 160;
const PAD = 28;

/**
 * Average score per evaluation as an inline SVG line: no charting library for
 * one line, and the text summary below it is what screen readers get.
 */
export function TrendChart({ points }: { points: TrendPoint[] }) {
  const theme = useTheme();
  const scored = points.filter(p => p.averageScore !== null);
  if (scored.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No trend yet: it grows with each evaluation.
      </Typography>
    );
  }
  const x = (i: number) =>
    PAD +
    (scored.length === 1
      ? (WIDTH - 2 * PAD) / 2
      : (i * (WIDTH - 2 * PAD)) / (scored.length - 1));
  const y = (score: number) =>
    HEIGHT - PAD - (score / 100) * (HEIGHT - 2 * PAD);
  const path = scored
    .map(
      (p, i) =>
        `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.averageScore!).toFixed(1)}`,
    )
    .join(' ');
  const first = scored[0];
  const last = scored[scored.length - 1];
  const description = `Average score from ${
    first.averageScore
  }% on ${first.at.slice(0, 10)} to ${last.averageScore}% on ${last.at.slice(
    0,
    10,
  )} over ${scored.length} evaluations`;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={description}
        style={{ maxHeight: HEIGHT }}
      >
        <ChartGridLines
          values={[0, 50, 100]}
          y={y}
          label={v => `${v}%`}
          width={WIDTH}
          pad={PAD}
        />
        <path
          d={path}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
        />
        {scored.map((p, i) => (
          <circle
            key={p.evaluationId}
            cx={x(i)}
            cy={y(p.averageScore!)}
            r={3}
            fill={theme.palette.primary.main}
          >
            <title>{`${p.at.slice(0, 16).replace('T', ' ')}: ${
              p.averageScore
            }% (${p.entityCount} entities)`}</title>
          </circle>
        ))}
      </svg>
      <Typography
        component="figcaption"
        variant="caption"
        color="textSecondary"
      >
        {description}
      </Typography>
    </figure>
  );
}
