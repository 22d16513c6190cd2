import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import type { StoredWaiver } from '@opskit/plugin-ops-common';
import { useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { opsApiRef } from '../../api';
import { DecideWaiverDialog } from '../common';

/**
 * The approvers' queue (a grid row of the compliance page): every pending
 * waiver request the user may read,
 * oldest first, to approve or deny with a comment. Hidden while empty; the
 * backend refuses a decision to whoever lacks ops.waiver.manage on the entity,
 * and the dialog says so.
 */
export function WaiverQueue() {
  const api = useApi(opsApiRef);
  const queue = useAsyncRetry(
    () => api.listWaivers({ status: 'pending' }),
    [api],
  );
  const [deciding, setDeciding] = useState<
    { waiver: StoredWaiver; decision: 'approve' | 'deny' } | undefined
  >();
  const items = queue.value?.items ?? [];
  if (items.length === 0) return null;
  return (
    <Grid item xs={12}>
      <InfoCard title={`Waiver requests (${items.length})`}>
        <div data-testid="ops-waiver-queue">
          <Table size="small" aria-label="Pending waiver requests">
            <TableHead>
              <TableRow>
                <TableCell>Entity</TableCell>
                <TableCell>Check</TableCell>
                <TableCell>Reason</TableCell>
                <TableCell>Asked by</TableCell>
                <TableCell>Until</TableCell>
                <TableCell>Decision</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(waiver => (
                <TableRow key={waiver.id}>
                  <TableCell>
                    <EntityRefLink entityRef={waiver.entityRef} />
                  </TableCell>
                  <TableCell>{waiver.checkId}</TableCell>
                  <TableCell>{waiver.reason}</TableCell>
                  <TableCell>{waiver.by}</TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    {waiver.expiresAt.slice(0, 10)}
                  </TableCell>
                  <TableCell style={{ whiteSpace: 'nowrap' }}>
                    <Button
                      size="small"
                      color="primary"
                      onClick={() =>
                        setDeciding({ waiver, decision: 'approve' })
                      }
                      aria-label={`Approve waiver of ${waiver.checkId} for ${waiver.entityRef}`}
                    >
                      Approve
                    </Button>
                    <Button
                      size="small"
                      onClick={() => setDeciding({ waiver, decision: 'deny' })}
                      aria-label={`Deny waiver of ${waiver.checkId} for ${waiver.entityRef}`}
                    >
                      Deny
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
        {deciding && (
          <DecideWaiverDialog
            {...deciding}
            onClose={decided => {
              setDeciding(undefined);
              // The list's scores follow at the next evaluation; the queue at once.
              if (decided) queue.retry();
            }}
          />
        )}
      </InfoCard>
    </Grid>
  );
}
