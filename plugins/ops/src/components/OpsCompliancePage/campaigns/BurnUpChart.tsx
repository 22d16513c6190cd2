import { useTheme } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ChartGridLines } from '../../common';
import {
  dayStart,
  deadlineEnd,
  idealDone,
  type CampaignPoint,
} from '@opskit/plugin-ops-common';

const WIDTH = 600;
const HEIGHT = 200;
const PAD = 32;

/**
 * The campaign's burn-up from its start to its deadline: entities that
 * reached the target (done or waived) after each evaluation, the scope (which
 * moves as entities enter or leave it) and the ideal line from none at the
 * start to the whole scope at the deadline. An inline SVG like the trend
 * chart; the caption is what screen readers get.
 */
export function BurnUpChart(props: {
  startsOn: string;
  deadline: string;
  points: CampaignPoint[];
}) {
  const theme = useTheme();
  const start = dayStart(props.startsOn);
  const end = deadlineEnd(props.deadline);
  const points = props.points
    .map(p => ({ ...p, at: Date.parse(p.evaluatedAt) }))
    .filter(p => Number.isFinite(p.at))
    .sort((a, b) => a.at - b.at);
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No progress recorded yet: a point is added after each evaluation while
        the campaign is active.
      </Typography>
    );
  }
  const first = Math.min(start, points[0].at);
  const last = Math.max(end, points[points.length - 1].at);
  const top = Math.max(1, ...points.map(p => p.inScope));
  const scope = points[points.length - 1].inScope;
  const x = (ms: number) =>
    PAD + ((ms - first) / Math.max(1, last - first)) * (WIDTH - 2 * PAD);
  const y = (n: number) => HEIGHT - PAD - (n / top) * (HEIGHT - 2 * PAD);
  const line = (values: Array<[number, number]>) =>
    values
      .map(
        ([ms, n], i) =>
          `${i ? 'L' : 'M'}${x(ms).toFixed(1)},${y(n).toFixed(1)}`,
      )
      .join(' ');
  const reached = points.map(
    p => [p.at, p.done + p.waived] as [number, number],
  );
  const inScope = points.map(p => [p.at, p.inScope] as [number, number]);
  const latest = points[points.length - 1];
  const expected = Math.round(idealDone(start, end, latest.at, latest.inScope));
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const description = `${latest.done + latest.waived} of ${
    latest.inScope
  } entities reached the target on ${day(latest.at)} (${
    latest.waived
  } with a waiver); the ideal line expects ${expected} by then and all by ${
    props.deadline
  }. ${points.length} ${
    points.length === 1 ? 'evaluation' : 'evaluations'
  } recorded.`;
  const legend = [
    { label: 'Reached', color: theme.palette.primary.main, dash: undefined },
    { label: 'In scope', color: theme.palette.text.secondary, dash: undefined },
    { label: 'Ideal', color: theme.palette.text.secondary, dash: '6 4' },
  ];
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
          values={[0, top]}
          y={y}
          label={String}
          width={WIDTH}
          pad={PAD}
        />
        <text
          x={PAD}
          y={HEIGHT - 8}
          fontSize={10}
          fill={theme.palette.text.secondary}
        >
          {props.startsOn}
        </text>
        <text
          x={x(end)}
          y={HEIGHT - 8}
          fontSize={10}
          textAnchor="end"
          fill={theme.palette.text.secondary}
        >
          {props.deadline}
        </text>
        <path
          d={line([
            [start, 0],
            [end, scope],
          ])}
          fill="none"
          stroke={theme.palette.text.secondary}
          strokeDasharray="6 4"
        />
        <path
          d={line(inScope)}
          fill="none"
          stroke={theme.palette.text.secondary}
          strokeWidth={1}
        />
        <path
          d={line(reached)}
          fill="none"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
        />
        {points.map(p => (
          <circle
            key={p.evaluatedAt}
            cx={x(p.at)}
            cy={y(p.done + p.waived)}
            r={3}
            fill={theme.palette.primary.main}
          >
            <title>{`${p.evaluatedAt.slice(0, 16).replace('T', ' ')}: ${
              p.done + p.waived
            } of ${p.inScope}`}</title>
          </circle>
        ))}
        {legend.map((item, i) => (
          <g key={item.label} transform={`translate(${PAD + i * 90}, 12)`}>
            <line
              x1={0}
              x2={20}
              y1={0}
              y2={0}
              stroke={item.color}
              strokeWidth={2}
              strokeDasharray={item.dash}
            />
            <text x={24} y={4} fontSize={10} fill={theme.palette.text.primary}>
              {item.label}
            </text>
          </g>
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
