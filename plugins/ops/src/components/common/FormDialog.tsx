import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import { useState, type ReactNode } from 'react';
import { describeError } from './describeError';
import { ErrorText } from './ErrorText';

/**
 * The dialog every OpsKit write goes through: a form, Cancel and one submit
 * button. While the write runs the button is disabled; when it fails the
 * backend's message is shown in the dialog (which stays open, nothing lost).
 */
export function FormDialog(props: {
  /** Prefix of the dialog's element ids. */
  id: string;
  title: ReactNode;
  submitLabel: string;
  /** False while the form is incomplete. */
  canSubmit?: boolean;
  /** Does the write; throws to show why it failed. */
  onSubmit: () => Promise<void>;
  onClose: (done: boolean) => void;
  children: ReactNode;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const submit = async () => {
    setBusy(true);
    setError(undefined);
    try {
      await props.onSubmit();
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
      aria-labelledby={`${props.id}-title`}
      fullWidth
      maxWidth="sm"
    >
      <DialogTitle id={`${props.id}-title`}>{props.title}</DialogTitle>
      <DialogContent>
        {props.children}
        {error && (
          <ErrorText variant="body2" role="alert">
            {error}
          </ErrorText>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={() => props.onClose(false)}>Cancel</Button>
        <Button
          onClick={submit}
          color="primary"
          variant="contained"
          disabled={busy || props.canSubmit === false}
        >
          {props.submitLabel}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
