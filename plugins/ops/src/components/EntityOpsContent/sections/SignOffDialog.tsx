import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import type { ChecklistItem } from '@opskit/plugin-ops-common';
import { opsApiRef } from '../../../api';
import { describeError } from '../../common';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
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
      props.onClose(true);
    } catch (e) {
      setError(describeError(e));
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      onClose={() => props.onClose(false)}
      aria-labelledby="ops-signoff-title"
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id="ops-signoff-title">
        Sign off: {props.item.title}
      </DialogTitle>
      <DialogContent>
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
        {error && (
          <p role="alert" style={{ color: '#d32f2f' }}>
            {error}
          </p>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button
          onClick={submit}
          color="primary"
          variant="contained"
          disabled={busy}
        >
          Sign off
        </Button>
      </DialogActions>
    </Dialog>
  );
}
