import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { SafeLink } from '../../common';
import { SectionCard } from './SectionCard';

export function MonitoringSection({ profile }: { profile: OpsProfile }) {
  const tools = profile.monitoring?.tools ?? [];
  const dashboards = profile.monitoring?.dashboards ?? [];
  return (
    <SectionCard
      title="Monitoring"
      source={profile.sources.monitoring}
      empty={!tools.length && !dashboards.length}
      emptyText="No monitoring tools or dashboards listed."
    >
      {tools.length > 0 && (
        <List
          dense
          aria-label="Monitoring tools"
          subheader={<ListSubheader disableGutters>Tools</ListSubheader>}
        >
          {tools.map((tool, i) => (
            <ListItem key={`${i}-${tool.name}`} disableGutters>
              <ListItemText
                primary={<SafeLink url={tool.url}>{tool.name}</SafeLink>}
                secondary={tool.purpose}
              />
            </ListItem>
          ))}
        </List>
      )}
      {dashboards.length > 0 && (
        <List
          dense
          aria-label="Dashboards"
          subheader={<ListSubheader disableGutters>Dashboards</ListSubheader>}
        >
          {dashboards.map((board, i) => (
            <ListItem key={`${i}-${board.name}`} disableGutters>
              <ListItemText
                primary={<SafeLink url={board.url}>{board.name}</SafeLink>}
                secondary={board.environment}
              />
            </ListItem>
          ))}
        </List>
      )}
    </SectionCard>
  );
}
