import { useTheme } from '@material-ui/core/styles';

/** Horizontal grid lines with their value at the left edge, for the inline SVG charts. */
export function ChartGridLines(props: {
  values: number[];
  /** The line's y coordinate for a value. */
  y: (value: number) => number;
  label: (value: number) => string;
  width: number;
  pad: number;
}) {
  const theme = useTheme();
  return (
    <>
      {props.values.map(v => (
        <g key={v}>
          <line
            x1={props.pad}
            x2={props.width - props.pad}
            y1={props.y(v)}
            y2={props.y(v)}
            stroke={theme.palette.divider}
          />
          <text
            x={2}
            y={props.y(v) + 4}
            fontSize={10}
            fill={theme.palette.text.secondary}
          >
            {props.label(v)}
          </text>
        </g>
      ))}
    </>
  );
}
