import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RadioButtonUncheckedIcon from '@material-ui/icons/RadioButtonUnchecked';
import { useState } from 'react';
import {
  latestVersion,
  signOffFor,
  type OpsProfile,
  type StoredSignOff,
} from '@opskit/plugin-ops-common';
import { SectionCard } from './SectionCard';
import { SignOffDialog } from './SignOffDialog';

export function DeploymentSection(props: {
  profile: OpsProfile;
  entityRef: string;
  signOffs: StoredSignOff[];
  canSignOff: boolean;
  onSignedOff: () => void;
}) {
  const { profile, signOffs, canSignOff } = props;
  const deployment = profile.deployment;
  const version = latestVersion(profile.versionHistory);
  const [signing, setSigning] = useState<string | undefined>();
  const checklist = deployment?.checklist ?? [];
  return (
    <SectionCard
      title="Deployment"
      source={profile.sources.deployment}
      empty={!deployment}
      emptyText="No deployment process: add `deployment` with process steps, rollback and a checklist."
    >
      {(deployment?.process ?? []).map((proc, index) => (
        <div key={index}>
          <Typography variant="subtitle2" component="h3">
            {proc.environment
              ? `Deploy to ${proc.environment}`
              : 'Deployment process'}
          </Typography>
          <ol>
            {proc.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
          {proc.commands?.length ? (
            <pre style={{ whiteSpace: 'pre-wrap' }}>
              <code>{proc.commands.join('\n')}</code>
            </pre>
          ) : null}
        </div>
      ))}
      {deployment?.rollback && (
        <>
          <Typography variant="subtitle2" component="h3">
            Rollback{deployment.rollback.automated ? ' (automated)' : ''}
          </Typography>
          <ol>
            {deployment.rollback.steps.map((step, i) => (
              <li key={i}>{step}</li>
            ))}
          </ol>
        </>
      )}
      <Typography variant="subtitle2" component="h3">
        Checklist{version ? ` for version ${version}` : ''}
      </Typography>
      {checklist.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No checklist items.
        </Typography>
      ) : (
        <List dense aria-label="Deployment checklist">
          {checklist.map((item, i) => {
            const done = signOffFor(signOffs, item.id, version);
            return (
              <ListItem
                key={`${i}-${item.id}`}
                disableGutters
                data-testid={`checklist-${item.id}`}
              >
                <ListItemIcon>
                  {done ? (
                    <CheckCircleIcon
                      style={{ color: '#2e7d32' }}
                      titleAccess="Signed off"
                    />
                  ) : (
                    <RadioButtonUncheckedIcon titleAccess="Not signed off" />
                  )}
                </ListItemIcon>
                <ListItemText
                  primary={`${item.title}${item.required ? '' : ' (optional)'}`}
                  secondary={
                    done
                      ? `Signed off by ${done.by} on ${new Date(
                          done.at,
                        ).toLocaleString()}${
                          done.environment ? ` for ${done.environment}` : ''
                        }`
                      : 'Not signed off'
                  }
                />
                {canSignOff && !done && (
                  <Button
                    size="small"
                    variant="outlined"
                    color="primary"
                    onClick={() => setSigning(item.id)}
                    aria-label={`Sign off ${item.title}`}
                  >
                    Sign off
                  </Button>
                )}
              </ListItem>
            );
          })}
        </List>
      )}
      {signing && (
        <SignOffDialog
          entityRef={props.entityRef}
          item={checklist.find(item => item.id === signing)!}
          version={version}
          environments={(profile.environments ?? []).map(env => env.name)}
          onClose={signed => {
            setSigning(undefined);
            if (signed) props.onSignedOff();
          }}
        />
      )}
    </SectionCard>
  );
}
