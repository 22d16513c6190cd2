import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import type { StoredWaiver } from '@opskit/plugin-ops-common';
import { SectionCard } from './SectionCard';

export function WaiversSection(props: {
  waivers: StoredWaiver[];
  canManage: boolean;
  onRevoke: (id: string) => void;
}) {
  return (
    <SectionCard
      title="Waivers"
      empty={!props.waivers.length}
      emptyText="No active waivers."
    >
      <List dense aria-label="Waivers">
        {props.waivers.map(waiver => (
          <ListItem key={waiver.id} disableGutters>
            <ListItemText
              primary={`${waiver.checkId} — until ${waiver.expiresAt.slice(
                0,
                10,
              )}`}
              secondary={`${waiver.reason} (by ${waiver.by})`}
            />
            {props.canManage && (
              <ListItemSecondaryAction>
                <Button
                  size="small"
                  onClick={() => props.onRevoke(waiver.id)}
                  aria-label={`Revoke waiver for ${waiver.checkId}`}
                >
                  Revoke
                </Button>
              </ListItemSecondaryAction>
            )}
          </ListItem>
        ))}
      </List>
    </SectionCard>
  );
}
