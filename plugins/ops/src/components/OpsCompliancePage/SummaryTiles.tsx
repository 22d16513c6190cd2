import Card from '@material-ui/core/Card';
import CardContent from '@material-ui/core/CardContent';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import type {
  ComplianceSummaryResponse,
  ScoreLevel,
} from '@opskit/plugin-ops-common';
import { formatScore } from '../common';

const LEVELS: ScoreLevel[] = ['gold', 'silver', 'bronze', 'none'];

function Tile(props: { label: string; value: string; testId?: string }) {
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="caption" color="textSecondary" component="p">
          {props.label}
        </Typography>
        <Typography variant="h4" component="p" data-testid={props.testId}>
          {props.value}
        </Typography>
      </CardContent>
    </Card>
  );
}

export function SummaryTiles({
  summary,
}: {
  summary: ComplianceSummaryResponse;
}) {
  return (
    <Grid container spacing={2} component="section" aria-label="Summary">
      <Grid item xs={6} md={2}>
        <Tile
          label="Entities"
          value={summary.entityCount.toLocaleString()}
          testId="ops-total"
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Tile label="Average score" value={formatScore(summary.averageScore)} />
      </Grid>
      {LEVELS.map(level => (
        <Grid item xs={6} md={2} key={level}>
          <Tile
            label={
              level === 'none'
                ? 'No level'
                : level[0].toUpperCase() + level.slice(1)
            }
            value={(summary.levelCounts[level] ?? 0).toLocaleString()}
          />
        </Grid>
      ))}
    </Grid>
  );
}
