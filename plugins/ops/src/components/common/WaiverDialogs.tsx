import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import type { StoredWaiver } from '@opskit/plugin-ops-common';
import { useState } from 'react';
import { opsApiRef } from '../../api';
import { FormDialog } from './FormDialog';

/** How long a requested waiver lasts; the backend caps it at ops.waivers.maxDuration. */
const DURATIONS = [7, 30, 90];

function TextInput(props: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <TextField
      fullWidth
      required
      multiline
      margin="dense"
      id={props.id}
      label={props.label}
      value={props.value}
      onChange={e => props.onChange(e.target.value)}
      inputProps={{ maxLength: 2000 }}
    />
  );
}

/** Asks for a waiver of a failing check: pending until an approver decides (approved at once for approvers). */
export function RequestWaiverDialog(props: {
  entityRef: string;
  check: { checkId: string; title: string };
  onClose: (requested: boolean) => void;
}) {
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  const [reason, setReason] = useState('');
  const [days, setDays] = useState(30);
  return (
    <FormDialog
      id="ops-waiver-request"
      title={`Request a waiver: ${props.check.title}`}
      submitLabel="Request waiver"
      canSubmit={reason.trim() !== ''}
      onClose={props.onClose}
      onSubmit={async () => {
        const waiver = await api.createWaiver(props.entityRef, {
          checkId: props.check.checkId,
          reason,
          expiresAt: new Date(Date.now() + days * 86_400_000).toISOString(),
        });
        alertApi.post({
          message:
            waiver.status === 'pending'
              ? `Waiver of "${props.check.title}" requested; an approver decides`
              : `"${
                  props.check.title
                }" is waived until ${waiver.expiresAt.slice(0, 10)}`,
          severity: 'success',
          display: 'transient',
        });
      }}
    >
      <Typography variant="body2" paragraph>
        Until it is approved the check counts as it is; once approved it counts
        as waived until the waiver expires.
      </Typography>
      <TextInput
        id="ops-waiver-reason"
        label="Reason"
        value={reason}
        onChange={setReason}
      />
      <TextField
        select
        fullWidth
        margin="dense"
        id="ops-waiver-duration"
        label="For"
        value={days}
        onChange={e => setDays(Number(e.target.value))}
      >
        {DURATIONS.map(d => (
          <MenuItem key={d} value={d}>
            {d} days
          </MenuItem>
        ))}
      </TextField>
    </FormDialog>
  );
}

/** Approves or denies a pending request, with the comment the requester will read. */
export function DecideWaiverDialog(props: {
  waiver: StoredWaiver;
  decision: 'approve' | 'deny';
  onClose: (decided: boolean) => void;
}) {
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  const [comment, setComment] = useState('');
  const { waiver, decision } = props;
  return (
    <FormDialog
      id="ops-waiver-decision"
      title={`${decision === 'approve' ? 'Approve' : 'Deny'} the waiver of ${
        waiver.checkId
      }`}
      submitLabel={decision === 'approve' ? 'Approve' : 'Deny'}
      canSubmit={comment.trim() !== ''}
      onClose={props.onClose}
      onSubmit={async () => {
        await api.decideWaiver(waiver.id, { decision, comment });
        alertApi.post({
          message: `Waiver of ${waiver.checkId} for ${waiver.entityRef} ${
            decision === 'approve' ? 'approved' : 'denied'
          }`,
          severity: 'success',
          display: 'transient',
        });
      }}
    >
      <Typography variant="body2" paragraph>
        {waiver.by} asks until {waiver.expiresAt.slice(0, 10)}: {waiver.reason}
      </Typography>
      <TextInput
        id="ops-waiver-comment"
        label="Comment"
        value={comment}
        onChange={setComment}
      />
    </FormDialog>
  );
}
