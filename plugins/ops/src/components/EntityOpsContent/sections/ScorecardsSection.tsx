import Button from '@material-ui/core/Button';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import type {
  CheckResult,
  CheckStatus,
  ScorecardResult,
} from '@opskit/plugin-ops-common';
import { formatScore, LevelChip, useErrorTextClass } from '../../common';
import { SectionCard } from './SectionCard';

const STATUS_LABEL: Record<CheckStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  warn: 'Warning',
  waived: 'Waived',
  'not-applicable': 'N/A',
};
const COLOR: Record<
  Exclude<CheckStatus, 'fail'>,
  'textPrimary' | 'textSecondary'
> = {
  pass: 'textPrimary',
  warn: 'textSecondary',
  waived: 'textSecondary',
  'not-applicable': 'textSecondary',
};
const ORDER: CheckStatus[] = [
  'fail',
  'warn',
  'waived',
  'pass',
  'not-applicable',
];

function CheckLine({
  result,
  onRequestWaiver,
}: {
  result: CheckResult;
  onRequestWaiver?: (result: CheckResult) => void;
}) {
  const errorText = useErrorTextClass();
  // A failing check's line in the readable error shade (the theme's main red is under 4.5:1).
  const colour =
    result.status === 'fail'
      ? { className: errorText }
      : { color: COLOR[result.status] };
  return (
    <ListItem disableGutters alignItems="flex-start">
      <ListItemText
        primary={
          <Typography variant="body2" {...colour}>
            <strong>
              {result.countsFrom
                ? `Counts from ${result.countsFrom}`
                : STATUS_LABEL[result.status]}
            </strong>{' '}
            · {result.title}{' '}
            <Typography variant="caption" component="span">
              ({result.level})
            </Typography>
          </Typography>
        }
        secondary={
          <>
            {result.message}
            {(result.status === 'fail' || result.status === 'warn') && (
              <Typography variant="caption" display="block">
                How to fix: {result.howToFix}
              </Typography>
            )}
            {result.status === 'fail' && onRequestWaiver && (
              <Button
                size="small"
                onClick={() => onRequestWaiver(result)}
                aria-label={`Request waiver for ${result.title}`}
              >
                Request waiver
              </Button>
            )}
            {result.waiver && (
              <Typography variant="caption" display="block">
                Waived by {result.waiver.by} until{' '}
                {result.waiver.expiresAt.slice(0, 10)}: {result.waiver.reason}
              </Typography>
            )}
          </>
        }
        // Messages name ids and API paths without spaces: let them wrap anywhere instead of overflowing the card.
        secondaryTypographyProps={{
          component: 'div',
          style: { whiteSpace: 'normal', overflowWrap: 'anywhere' },
        }}
      />
    </ListItem>
  );
}

export function ScorecardsSection({
  scorecards,
  onRequestWaiver,
  openWaivers,
}: {
  scorecards: ScorecardResult[];
  /** Offered on failing checks when the user may ask for a waiver. */
  onRequestWaiver?: (result: CheckResult) => void;
  /** Checks with an active waiver or a pending request: no second one can be asked. */
  openWaivers?: ReadonlySet<string>;
}) {
  return (
    <Grid container spacing={2}>
      {scorecards.map(card => (
        <Grid item xs={12} md={6} key={card.scorecard}>
          <SectionCard title={card.title}>
            <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
              <Typography
                variant="h4"
                component="p"
                aria-label={`${card.title} score`}
              >
                {formatScore(card.score)}
              </Typography>
              <LevelChip level={card.level} />
            </Box>
            <List dense aria-label={`${card.title} checks`}>
              {[...card.results]
                .sort(
                  (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status),
                )
                .map(result => (
                  <CheckLine
                    key={result.checkId}
                    result={result}
                    onRequestWaiver={
                      openWaivers?.has(result.checkId)
                        ? undefined
                        : onRequestWaiver
                    }
                  />
                ))}
            </List>
          </SectionCard>
        </Grid>
      ))}
    </Grid>
  );
}
