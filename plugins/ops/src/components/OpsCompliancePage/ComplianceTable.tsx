import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import TableSortLabel from '@material-ui/core/TableSortLabel';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type {
  ComplianceListResponse,
  ComplianceRow,
  ComplianceSort,
  SortField,
} from '@opskit/plugin-ops-common';
import { describeShare } from '@opskit/plugin-ops-common';
import { formatScore, LevelChip, SloSummaryChip } from '../common';
import { PAGE_SIZES } from './complianceSearch';

const COLUMNS: Array<{ field?: SortField; label: string; align?: 'right' }> = [
  { field: 'entityRef', label: 'Entity' },
  { field: 'owner', label: 'Owner' },
  { field: 'kind', label: 'Kind' },
  { field: 'tier', label: 'Tier' },
  { field: 'score', label: 'Score', align: 'right' },
  { field: 'level', label: 'Level' },
  { label: 'Failing checks' },
  { label: 'Production SLOs' },
  { field: 'budget', label: 'Error budget', align: 'right' },
  { field: 'errorCount', label: 'Errors', align: 'right' },
];

/** Production's worst budget: the share left and which SLO, or why none shows. */
function BudgetLeft(props: { budget: ComplianceRow['budget'] }) {
  const { budget } = props;
  if (!budget) return <>—</>;
  if (budget.remaining === null)
    return (
      <Typography variant="body2" color="textSecondary" component="span">
        {budget.measured ? 'no events' : 'not measured'}
      </Typography>
    );
  const text = budget.exhausted
    ? `spent (${describeShare(-budget.remaining)} over)`
    : `${describeShare(budget.remaining)} left`;
  return (
    <span
      title={`${budget.slo} in ${budget.environment}${
        budget.paging ? ': burning fast enough to page' : ''
      }${budget.incomplete ? '; some budgets are stale or not measured' : ''}`}
    >
      <Typography
        variant="body2"
        component="span"
        color={budget.exhausted || budget.paging ? 'error' : 'textPrimary'}
      >
        {text}
        {budget.paging ? ' · paging' : ''}
      </Typography>
      <Typography
        variant="caption"
        color="textSecondary"
        component="span"
        style={{ display: 'block' }}
      >
        {budget.slo}
      </Typography>
    </span>
  );
}

/**
 * Names stay on one line, cut with an ellipsis (the whole name on hover): a
 * 1,400 px page otherwise wraps "payments-api" mid-word.
 */
function OneLine(props: {
  title: string;
  maxWidth: number;
  children: React.ReactNode;
}) {
  return (
    <div
      title={props.title}
      style={{
        whiteSpace: 'nowrap',
        overflow: 'hidden',
        textOverflow: 'ellipsis',
        maxWidth: props.maxWidth,
      }}
    >
      {props.children}
    </div>
  );
}

function FailingChecks(props: {
  ids: string[];
  titles?: ReadonlyMap<string, string>;
}) {
  const names = props.ids.map(id => props.titles?.get(id) ?? id);
  return (
    <span title={names.join(', ')}>
      {names.length}: {names.slice(0, 2).join(', ')}
      {names.length > 2 ? ', …' : ''}
    </span>
  );
}

export function ComplianceTable(props: {
  page?: ComplianceListResponse;
  /** Check id → title, to name failing checks as people read them. */
  checkTitles?: ReadonlyMap<string, string>;
  loading: boolean;
  sort: ComplianceSort;
  limit: number;
  offset: number;
  hasPrevious: boolean;
  onSort: (sort: ComplianceSort) => void;
  onLimit: (limit: number) => void;
  onNext: () => void;
  onPrevious: () => void;
}) {
  const { page, sort } = props;
  const items = page?.items ?? [];
  const total = page?.totalItems ?? 0;
  return (
    <>
      <Box style={{ overflowX: 'auto' }}>
        <Table
          size="small"
          aria-label="Compliance of every entity"
          aria-busy={props.loading}
          data-testid="ops-compliance-table"
        >
          <TableHead>
            <TableRow>
              {COLUMNS.map(column => (
                <TableCell
                  key={column.label}
                  align={column.align}
                  style={{ whiteSpace: 'nowrap' }}
                  sortDirection={
                    column.field === sort.field ? sort.order : false
                  }
                >
                  {column.field ? (
                    <TableSortLabel
                      active={column.field === sort.field}
                      direction={
                        column.field === sort.field ? sort.order : 'asc'
                      }
                      onClick={() =>
                        props.onSort({
                          field: column.field!,
                          order:
                            column.field === sort.field && sort.order === 'asc'
                              ? 'desc'
                              : 'asc',
                        })
                      }
                    >
                      {column.label}
                    </TableSortLabel>
                  ) : (
                    column.label
                  )}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {items.map(row => (
              <TableRow key={row.entityRef} hover>
                <TableCell>
                  <OneLine title={row.title ?? row.entityRef} maxWidth={260}>
                    <EntityRefLink
                      entityRef={row.entityRef}
                      title={row.title}
                    />
                  </OneLine>
                </TableCell>
                <TableCell>
                  {row.owner ? (
                    <OneLine title={row.owner} maxWidth={200}>
                      <EntityRefLink
                        entityRef={row.owner}
                        defaultKind="group"
                      />
                    </OneLine>
                  ) : (
                    '—'
                  )}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {row.kind}
                  {row.type ? ` · ${row.type}` : ''}
                </TableCell>
                <TableCell style={{ whiteSpace: 'nowrap' }}>
                  {row.declaredTier ? row.tier : `${row.tier} (default)`}
                </TableCell>
                <TableCell align="right">{formatScore(row.score)}</TableCell>
                <TableCell>
                  <LevelChip level={row.level} />
                </TableCell>
                <TableCell>
                  {row.failingChecks.length === 0 ? (
                    '—'
                  ) : (
                    <FailingChecks
                      ids={row.failingChecks}
                      titles={props.checkTitles}
                    />
                  )}
                </TableCell>
                <TableCell>
                  {row.slos ? <SloSummaryChip summary={row.slos} /> : '—'}
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  <BudgetLeft budget={row.budget} />
                </TableCell>
                <TableCell align="right">{row.errorCount}</TableCell>
              </TableRow>
            ))}
            {!props.loading && items.length === 0 && (
              <TableRow>
                <TableCell colSpan={COLUMNS.length}>
                  <Typography variant="body2" color="textSecondary">
                    No entities match these filters.
                  </Typography>
                </TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </Box>
      <Box
        display="flex"
        alignItems="center"
        justifyContent="flex-end"
        mt={1}
        style={{ gap: 16 }}
      >
        {/* The id links the label to the select, so its button is named "Rows 25", not "25". */}
        <TextField
          id="ops-page-size"
          select
          size="small"
          label="Rows"
          value={props.limit}
          onChange={e => props.onLimit(Number(e.target.value))}
        >
          {PAGE_SIZES.map(size => (
            <MenuItem key={size} value={size}>
              {size}
            </MenuItem>
          ))}
        </TextField>
        <Typography variant="body2" data-testid="ops-page-range">
          {total === 0
            ? '0 of 0'
            : `${(props.offset + 1).toLocaleString()}–${(
                props.offset + items.length
              ).toLocaleString()} of ${total.toLocaleString()}`}
        </Typography>
        <Button
          size="small"
          onClick={props.onPrevious}
          disabled={!props.hasPrevious || props.loading}
          aria-label="Previous page"
        >
          Previous
        </Button>
        <Button
          size="small"
          onClick={props.onNext}
          disabled={!page?.nextCursor || props.loading}
          aria-label="Next page"
        >
          Next
        </Button>
      </Box>
    </>
  );
}
