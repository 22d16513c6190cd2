import { InfoCard } from '@backstage/core-components';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import type { DescriptorFile, SectionSource } from '@opskit/plugin-ops-common';
import { createContext, useContext } from 'react';

/** The runbook the entity's descriptor was imported from, for the cards to name. */
export const DescriptorFileContext = createContext<DescriptorFile | undefined>(
  undefined,
);

function sourceLabel(source: SectionSource, file?: DescriptorFile): string {
  if (source === 'annotation') return 'from an annotation';
  if (source === 'defaults') return 'org default';
  return file?.format === 'runbook' ? `from ${file.path}` : 'from ops.yaml';
}

/** One runbook section: a titled card that says where its data came from, or what is missing. */
export function SectionCard(props: {
  title: string;
  source?: SectionSource;
  empty?: boolean;
  emptyText?: string;
  action?: React.ReactNode;
  children?: React.ReactNode;
}) {
  const file = useContext(DescriptorFileContext);
  return (
    <InfoCard
      title={props.title}
      subheader={props.source ? sourceLabel(props.source, file) : undefined}
      action={props.action}
      noPadding={false}
    >
      {props.empty ? (
        <Typography variant="body2" color="textSecondary">
          {props.emptyText ?? 'Not described yet.'}
        </Typography>
      ) : (
        props.children
      )}
    </InfoCard>
  );
}

/** A small labelled table: the label is the table's accessible name. */
export function DataTable(props: {
  label: string;
  columns: string[];
  rows: Array<{ key: string; cells: React.ReactNode[] }>;
}) {
  return (
    <Table size="small" aria-label={props.label}>
      <TableHead>
        <TableRow>
          {props.columns.map(column => (
            <TableCell key={column} style={{ whiteSpace: 'nowrap' }}>
              {column}
            </TableCell>
          ))}
        </TableRow>
      </TableHead>
      <TableBody>
        {/* Row keys come from the team's data and may repeat (two "production"
            environments): the position keeps React's rows apart. */}
        {props.rows.map((row, index) => (
          <TableRow key={`${index}-${row.key}`}>
            {row.cells.map((cell, i) => (
              <TableCell key={i}>{cell}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
