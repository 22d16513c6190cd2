import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import type { ChecklistItem } from '@opskit/plugin-ops-common';
import { opsApiRef } from '../../../api';
import { FormDialog } from '../../common';

/** Records a sign-off; the backend checks the item and environment and says what is wrong. */
export function SignOffDialog(props: {
  entityRef: string;
  item: ChecklistItem;
  version?: string;
  environments: string[];
  onClose: (signed: boolean) => void;
}) {
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  const [environment, setEnvironment] = useState('');
  const [comment, setComment] = useState('');
  return (
    <FormDialog
      id="ops-signoff"
      title={`Sign off: ${props.item.title}`}
      submitLabel="Sign off"
      onClose={props.onClose}
      onSubmit={async () => {
        await api.signOff(props.entityRef, {
          itemId: props.item.id,
          ...(props.version ? { version: props.version } : {}),
          ...(environment ? { environment } : {}),
          ...(comment.trim() ? { comment: comment.trim() } : {}),
        });
        alertApi.post({
          message: `Signed off "${props.item.title}"`,
          severity: 'success',
          display: 'transient',
        });
      }}
    >
      {props.version && <p>Version {props.version}</p>}
      {props.environments.length > 0 && (
        <TextField
          select
          fullWidth
          margin="dense"
          id="ops-signoff-environment"
          label="Environment (optional)"
          value={environment}
          onChange={e => setEnvironment(e.target.value)}
        >
          <MenuItem value="">Any environment</MenuItem>
          {props.environments.map((name, i) => (
            <MenuItem key={`${i}-${name}`} value={name}>
              {name}
            </MenuItem>
          ))}
        </TextField>
      )}
      <TextField
        fullWidth
        margin="dense"
        id="ops-signoff-comment"
        label="Comment (optional)"
        value={comment}
        onChange={e => setComment(e.target.value)}
        inputProps={{ maxLength: 2000 }}
        multiline
      />
    </FormDialog>
  );
}
