import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import FormControl from '@material-ui/core/FormControl';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormLabel from '@material-ui/core/FormLabel';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import Radio from '@material-ui/core/Radio';
import RadioGroup from '@material-ui/core/RadioGroup';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  checkCampaignInput,
  type Campaign,
  type CampaignInput,
  type CampaignScope,
  type CampaignState,
  type ChecksResponse,
} from '@opskit/plugin-ops-common';
import { useMemo, useRef, useState } from 'react';
import { opsApiRef } from '../../../api';
import { FormDialog } from '../../common';

const SCOPE_FILTERS = [
  ['tier', 'Tiers'],
  ['owner', 'Owners'],
  ['kind', 'Kinds'],
  ['type', 'Types'],
  ['lifecycle', 'Lifecycles'],
  ['system', 'Systems'],
] as const;
const STATES: CampaignState[] = ['draft', 'active', 'completed', 'archived'];
const LEVELS = ['bronze', 'silver', 'gold'] as const;

type ScopeKey = (typeof SCOPE_FILTERS)[number][0];

/** The form's text, as typed: lists are comma- or line-separated. */
interface Draft {
  title: string;
  description: string;
  owner: string;
  targetKind: 'level' | 'checks';
  scorecard: string;
  level: (typeof LEVELS)[number];
  checks: string[];
  scope: Record<ScopeKey, string>;
  entities: string;
  startsOn: string;
  deadline: string;
  state: CampaignState;
}

const list = (text: string) =>
  text
    .split(/[,\n]/)
    .map(v => v.trim())
    .filter(Boolean);

function draftOf(
  campaign: Campaign | undefined,
  checks: ChecksResponse,
): Draft {
  const today = new Date().toISOString().slice(0, 10);
  const inFourWeeks = new Date(Date.now() + 28 * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const scope = campaign?.scope ?? {};
  return {
    title: campaign?.title ?? '',
    description: campaign?.description ?? '',
    owner: campaign?.owner ?? '',
    targetKind: campaign?.target.checks ? 'checks' : 'level',
    scorecard: campaign?.target.scorecard ?? checks.scorecards[0]?.id ?? '',
    level: campaign?.target.level ?? 'silver',
    checks: campaign?.target.checks ?? [],
    scope: Object.fromEntries(
      SCOPE_FILTERS.map(([key]) => [key, (scope[key] ?? []).join(', ')]),
    ) as Record<ScopeKey, string>,
    entities: (scope.entities ?? []).join('\n'),
    startsOn: campaign?.startsOn ?? today,
    deadline: campaign?.deadline ?? inFourWeeks,
    state: campaign?.state ?? 'draft',
  };
}

function inputOf(draft: Draft): CampaignInput {
  const scope: CampaignScope = {};
  for (const [key] of SCOPE_FILTERS) {
    const values = list(draft.scope[key]);
    if (values.length) scope[key] = values;
  }
  const entities = list(draft.entities);
  if (entities.length) scope.entities = entities;
  return {
    title: draft.title,
    ...(draft.description.trim() ? { description: draft.description } : {}),
    owner: draft.owner.trim(),
    target:
      draft.targetKind === 'checks'
        ? { checks: draft.checks }
        : { scorecard: draft.scorecard, level: draft.level },
    scope,
    startsOn: draft.startsOn,
    deadline: draft.deadline,
    state: draft.state,
  };
}

/**
 * Creates or edits a campaign. The form is checked as the backend checks it
 * (ops-common's checkCampaignInput over the scorecards and checks in effect),
 * so each problem shows under its field before anything is sent; what only
 * the backend knows (permissions, a campaign changed meanwhile) shows in the
 * dialog and keeps the form.
 */
export function CampaignDialog(props: {
  campaign?: Campaign;
  checks: ChecksResponse;
  onClose: (saved: Campaign | undefined) => void;
}) {
  const api = useApi(opsApiRef);
  const alertApi = useApi(alertApiRef);
  const [draft, setDraft] = useState(() =>
    draftOf(props.campaign, props.checks),
  );
  const [touched, setTouched] = useState(false);
  // A ref, not state: the dialog closes in the same tick the write resolves.
  const saved = useRef<Campaign | undefined>(undefined);
  const set = <K extends keyof Draft>(key: K, value: Draft[K]) => {
    setTouched(true);
    setDraft(d => ({ ...d, [key]: value }));
  };
  const input = useMemo(() => inputOf(draft), [draft]);
  const issues = useMemo(() => {
    const found = checkCampaignInput(input, {
      scorecards: props.checks.scorecards.map(s => s.id),
      checks: props.checks.checks.map(c => c.id),
    }).issues;
    if (input.target.checks && input.target.checks.length === 0)
      found.push({
        path: 'target.checks',
        message: 'choose at least one check',
      });
    return found;
  }, [input, props.checks]);
  const issueAt = (path: string) =>
    touched
      ? issues
          .filter(
            i =>
              i.path === path ||
              i.path.startsWith(`${path}.`) ||
              i.path.startsWith(`${path}[`),
          )
          .map(i => i.message)
          .join('; ') || undefined
      : undefined;
  const field = (
    key: 'title' | 'owner' | 'startsOn' | 'deadline',
    label: string,
    extra: Record<string, unknown> = {},
  ) => (
    <TextField
      fullWidth
      required
      margin="dense"
      id={`ops-campaign-field-${key}`}
      label={label}
      value={draft[key]}
      onChange={e => set(key, e.target.value)}
      error={Boolean(issueAt(key))}
      helperText={issueAt(key)}
      {...extra}
    />
  );
  const editing = Boolean(props.campaign);
  return (
    <FormDialog
      id="ops-campaign"
      title={editing ? `Edit "${props.campaign!.title}"` : 'New campaign'}
      submitLabel={editing ? 'Save' : 'Create'}
      canSubmit={issues.length === 0}
      onClose={done => props.onClose(done ? saved.current : undefined)}
      onSubmit={async () => {
        const result = props.campaign
          ? await api.updateCampaign(props.campaign.id, input)
          : await api.createCampaign(input);
        saved.current = result;
        alertApi.post({
          message: `Campaign "${result.title}" ${
            editing ? 'saved' : 'created'
          } (${result.state})`,
          severity: 'success',
          display: 'transient',
        });
      }}
    >
      {field('title', 'Title', { inputProps: { maxLength: 200 } })}
      <TextField
        fullWidth
        multiline
        margin="dense"
        id="ops-campaign-description"
        label="Description"
        value={draft.description}
        onChange={e => set('description', e.target.value)}
        inputProps={{ maxLength: 4000 }}
      />
      {field('owner', 'Owner (a group, e.g. group:default/sre)')}
      <FormControl component="fieldset" margin="dense" fullWidth>
        <FormLabel component="legend">Target</FormLabel>
        <RadioGroup
          row
          aria-label="Target"
          value={draft.targetKind}
          onChange={e =>
            set('targetKind', e.target.value as 'level' | 'checks')
          }
        >
          <FormControlLabel
            value="level"
            control={<Radio />}
            label="A level on a scorecard"
          />
          <FormControlLabel
            value="checks"
            control={<Radio />}
            label="Checks that pass"
          />
        </RadioGroup>
      </FormControl>
      {draft.targetKind === 'level' ? (
        <Grid container spacing={2}>
          <Grid item xs={8}>
            <TextField
              select
              fullWidth
              margin="dense"
              id="ops-campaign-scorecard"
              label="Scorecard"
              value={draft.scorecard}
              onChange={e => set('scorecard', e.target.value)}
              error={Boolean(issueAt('target.scorecard'))}
              helperText={issueAt('target.scorecard')}
            >
              {props.checks.scorecards.map(s => (
                <MenuItem key={s.id} value={s.id}>
                  {s.title}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs={4}>
            <TextField
              select
              fullWidth
              margin="dense"
              id="ops-campaign-level"
              label="Level"
              value={draft.level}
              onChange={e =>
                set('level', e.target.value as (typeof LEVELS)[number])
              }
            >
              {LEVELS.map(l => (
                <MenuItem key={l} value={l}>
                  {l}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
        </Grid>
      ) : (
        <TextField
          select
          fullWidth
          margin="dense"
          id="ops-campaign-checks"
          label="Checks"
          value={draft.checks}
          SelectProps={{
            multiple: true,
            renderValue: selected =>
              (selected as string[])
                .map(
                  id => props.checks.checks.find(c => c.id === id)?.title ?? id,
                )
                .join(', '),
          }}
          onChange={e => set('checks', e.target.value as unknown as string[])}
          error={Boolean(issueAt('target.checks') ?? issueAt('target'))}
          helperText={issueAt('target.checks') ?? issueAt('target')}
        >
          {props.checks.checks.map(c => (
            <MenuItem key={c.id} value={c.id}>
              {c.title}
            </MenuItem>
          ))}
        </TextField>
      )}
      <Typography variant="subtitle2" style={{ marginTop: 16 }}>
        Scope: the entities matching every filter given (values separated by
        commas); leave all empty to ask every evaluated entity.
      </Typography>
      <Grid container spacing={2}>
        {SCOPE_FILTERS.map(([key, label]) => (
          <Grid item xs={6} key={key}>
            <TextField
              fullWidth
              margin="dense"
              id={`ops-campaign-scope-${key}`}
              label={label}
              value={draft.scope[key]}
              onChange={e =>
                set('scope', { ...draft.scope, [key]: e.target.value })
              }
              error={Boolean(issueAt(`scope.${key}`))}
              helperText={issueAt(`scope.${key}`)}
            />
          </Grid>
        ))}
      </Grid>
      <TextField
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        id="ops-campaign-scope-entities"
        label="Or these entities only (one ref per line)"
        value={draft.entities}
        onChange={e => set('entities', e.target.value)}
        error={Boolean(issueAt('scope.entities'))}
        helperText={issueAt('scope.entities')}
      />
      <Grid container spacing={2}>
        <Grid item xs={4}>
          {field('startsOn', 'Starts on', {
            type: 'date',
            InputLabelProps: { shrink: true },
          })}
        </Grid>
        <Grid item xs={4}>
          {field('deadline', 'Deadline', {
            type: 'date',
            InputLabelProps: { shrink: true },
          })}
        </Grid>
        <Grid item xs={4}>
          <TextField
            select
            fullWidth
            margin="dense"
            id="ops-campaign-state"
            label="State"
            value={draft.state}
            onChange={e => set('state', e.target.value as CampaignState)}
            helperText={
              draft.state === 'active' && props.campaign?.state !== 'active'
                ? 'Owners are told when it is saved'
                : undefined
            }
          >
            {STATES.map(s => (
              <MenuItem key={s} value={s}>
                {s}
              </MenuItem>
            ))}
          </TextField>
        </Grid>
      </Grid>
    </FormDialog>
  );
}
