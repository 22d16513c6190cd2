import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';
import type { ScoreLevel } from '@opskit/plugin-ops-common';

// Medal colours with text colours chosen for contrast in both themes.
const useStyles = makeStyles(theme => ({
  gold: { backgroundColor: '#c9a227', color: '#1a1a1a' },
  silver: { backgroundColor: '#a8b0b8', color: '#1a1a1a' },
  // Darker than the classic #b0703c, which gives white text only 4.0:1.
  bronze: { backgroundColor: '#9a6232', color: '#ffffff' },
  none: {
    backgroundColor: theme.palette.type === 'dark' ? '#555' : '#e0e0e0',
    color: theme.palette.text.primary,
  },
}));

export function LevelChip(props: {
  level: ScoreLevel;
  label?: string;
  size?: 'small' | 'medium';
}) {
  const classes = useStyles();
  const text =
    props.label ?? (props.level === 'none' ? 'no level' : props.level);
  return (
    <Chip
      size={props.size ?? 'small'}
      className={classes[props.level] ?? classes.none}
      label={text}
    />
  );
}

export function formatScore(score: number | null | undefined): string {
  return score === null || score === undefined ? '—' : `${score}%`;
}
