import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import type { StoredWaiver } from '@opskit/plugin-ops-common';
import { SectionCard } from './SectionCard';

/** Active waivers and pending requests; approvers decide the requests and revoke waivers here. */
export function WaiversSection(props: {
  waivers: StoredWaiver[];
  canManage: boolean;
  onRevoke: (id: string) => void;
  onDecide: (waiver: StoredWaiver, decision: 'approve' | 'deny') => void;
}) {
  return (
    <SectionCard
      title="Waivers"
      empty={!props.waivers.length}
      emptyText="No active waivers or pending requests."
    >
      <List dense aria-label="Waivers">
        {props.waivers.map(waiver => {
          const pending = waiver.status === 'pending';
          return (
            <ListItem key={waiver.id} disableGutters>
              <ListItemText
                primary={
                  <>
                    {waiver.checkId} — until {waiver.expiresAt.slice(0, 10)}{' '}
                    {pending && (
                      <Chip
                        size="small"
                        variant="outlined"
                        label="pending approval"
                      />
                    )}
                  </>
                }
                secondary={`${waiver.reason} (${pending ? 'asked' : 'by'} ${
                  waiver.by
                }${
                  waiver.decidedBy && waiver.decidedBy !== waiver.by
                    ? `, approved by ${waiver.decidedBy}${
                        waiver.decisionComment
                          ? `: ${waiver.decisionComment}`
                          : ''
                      }`
                    : ''
                })`}
              />
              {props.canManage && (
                <ListItemSecondaryAction>
                  {pending ? (
                    <>
                      <Button
                        size="small"
                        color="primary"
                        onClick={() => props.onDecide(waiver, 'approve')}
                        aria-label={`Approve waiver for ${waiver.checkId}`}
                      >
                        Approve
                      </Button>
                      <Button
                        size="small"
                        onClick={() => props.onDecide(waiver, 'deny')}
                        aria-label={`Deny waiver for ${waiver.checkId}`}
                      >
                        Deny
                      </Button>
                    </>
                  ) : (
                    <Button
                      size="small"
                      onClick={() => props.onRevoke(waiver.id)}
                      aria-label={`Revoke waiver for ${waiver.checkId}`}
                    >
                      Revoke
                    </Button>
                  )}
                </ListItemSecondaryAction>
              )}
            </ListItem>
          );
        })}
      </List>
    </SectionCard>
  );
}
