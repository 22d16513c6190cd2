import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { OwnerRollup as Rollup } from '@opskit/plugin-ops-common';
import { formatScore } from '../common';

/** Per-owner roll-up, worst average first; a click filters the list to that owner. */
export function OwnerRollup(props: {
  owners: Rollup[];
  onSelect: (owner: string) => void;
  /** Filters to the owner and every group under it. */
  onSelectTree?: (group: string) => void;
  max?: number;
}) {
  const rows = [...props.owners]
    .sort((a, b) => (a.averageScore ?? -1) - (b.averageScore ?? -1))
    .slice(0, props.max ?? 10);
  return (
    <Table size="small" aria-label="Owners" style={{ whiteSpace: 'nowrap' }}>
      <TableHead>
        <TableRow>
          <TableCell>Owner</TableCell>
          <TableCell align="right">Entities</TableCell>
          <TableCell align="right">Average</TableCell>
          <TableCell align="right">Gold / silver / bronze / none</TableCell>
          <TableCell />
        </TableRow>
      </TableHead>
      <TableBody>
        {rows.map(row => (
          <TableRow key={row.owner}>
            <TableCell>
              {row.owner.includes(':') ? (
                <EntityRefLink entityRef={row.owner} />
              ) : (
                row.owner || '(no owner)'
              )}
            </TableCell>
            <TableCell align="right">{row.entityCount}</TableCell>
            <TableCell align="right">{formatScore(row.averageScore)}</TableCell>
            <TableCell align="right">
              {row.levelCounts.gold ?? 0} / {row.levelCounts.silver ?? 0} /{' '}
              {row.levelCounts.bronze ?? 0} / {row.levelCounts.none ?? 0}
            </TableCell>
            <TableCell>
              <Button
                size="small"
                onClick={() => props.onSelect(row.owner)}
                aria-label={`Show only ${row.owner}`}
              >
                Filter
              </Button>
              {props.onSelectTree && row.owner.startsWith('group:') && (
                <Button
                  size="small"
                  onClick={() => props.onSelectTree!(row.owner)}
                  aria-label={`Show ${row.owner} and the teams under it`}
                >
                  With sub-teams
                </Button>
              )}
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
