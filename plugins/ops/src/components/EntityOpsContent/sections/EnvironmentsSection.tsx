import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { SafeLink } from '../../common';
import { SectionCard } from './SectionCard';

export function EnvironmentsSection({ profile }: { profile: OpsProfile }) {
  const environments = profile.environments ?? [];
  return (
    <SectionCard
      title="Environments"
      source={profile.sources.environments}
      empty={!environments.length}
      emptyText="No environments listed: add `environments` to ops.yaml."
    >
      <List dense aria-label="Environments">
        {/* Names may repeat in broken data: the position keeps rows apart. */}
        {environments.map((env, i) => (
          <ListItem key={`${i}-${env.name}`} disableGutters>
            <ListItemText
              primary={<SafeLink url={env.url}>{env.name}</SafeLink>}
              secondary={[env.purpose, env.url].filter(Boolean).join(' · ')}
            />
          </ListItem>
        ))}
      </List>
    </SectionCard>
  );
}
