import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useEffect, useState } from 'react';
import {
  TIERS,
  type ChecksResponse,
  type ComplianceFilter,
} from '@opskit/plugin-ops-common';

const LEVELS = ['gold', 'silver', 'bronze', 'none'];
/** Worst production error budget left: the thresholds SRE leads triage by. */
const BUDGETS = [
  { value: '50', label: 'Below 50 %' },
  { value: '25', label: 'Below 25 %' },
  { value: '10', label: 'Below 10 %' },
  { value: '0', label: 'Spent' },
];
const KINDS = ['Component', 'API', 'Resource', 'System'];

type ListKey =
  | 'owner'
  | 'kind'
  | 'tier'
  | 'level'
  | 'failingCheck'
  | 'type'
  | 'lifecycle'
  | 'system'
  | 'group'
  | 'domain';

/** Filters typed as text; group and domain count what their roll-ups count. */
const TEXT_FILTERS: Array<[ListKey, string]> = [
  ['type', 'Type'],
  ['lifecycle', 'Lifecycle'],
  ['system', 'System'],
  ['group', 'Team and sub-teams'],
  ['domain', 'Domain'],
];

function Select(props: {
  label: string;
  value?: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string | undefined) => void;
}) {
  const id = `ops-filter-${props.label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <TextField
      select
      fullWidth
      size="small"
      variant="outlined"
      id={id}
      label={props.label}
      value={props.value ?? ''}
      onChange={e => props.onChange(e.target.value || undefined)}
      SelectProps={{ inputProps: { 'data-testid': id } }}
    >
      <MenuItem value="">Any</MenuItem>
      {props.options.map(option => (
        <MenuItem key={option.value} value={option.value}>
          {option.label}
        </MenuItem>
      ))}
    </TextField>
  );
}

/** A free-text filter (type, lifecycle, system) applied on Enter or when the field loses focus. */
function TextFilter(props: {
  label: string;
  value?: string;
  onChange: (value: string | undefined) => void;
}) {
  const [text, setText] = useState(props.value ?? '');
  useEffect(() => setText(props.value ?? ''), [props.value]);
  const commit = () => {
    const value = text.trim() || undefined;
    if (value !== props.value) props.onChange(value);
  };
  const id = `ops-filter-${props.label.toLowerCase().replace(/\W+/g, '-')}`;
  return (
    <TextField
      fullWidth
      size="small"
      variant="outlined"
      id={id}
      label={props.label}
      value={text}
      onChange={e => setText(e.target.value)}
      onBlur={commit}
      onKeyDown={e => {
        if (e.key === 'Enter') commit();
      }}
      inputProps={{ 'data-testid': id, maxLength: 255 }}
    />
  );
}

/** Text typed into the search box reaches the URL (and the API) after a pause, not on every key. */
function useDebounced(
  value: string,
  commit: (value: string) => void,
  delayMs = 300,
) {
  useEffect(() => {
    const timer = setTimeout(() => commit(value), delayMs);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);
}

export function ComplianceFilters(props: {
  filter: ComplianceFilter;
  owners: string[];
  checks?: ChecksResponse;
  onChange: (filter: ComplianceFilter) => void;
}) {
  const { filter, onChange } = props;
  const [text, setText] = useState(filter.text ?? '');
  useEffect(() => setText(filter.text ?? ''), [filter.text]);
  useDebounced(text, value => {
    if ((filter.text ?? '') !== value)
      onChange({ ...filter, text: value || undefined });
  });
  const setList = (key: ListKey) => (value: string | undefined) =>
    onChange({ ...filter, [key]: value ? [value] : undefined });
  const single = (key: ListKey) => filter[key]?.[0];
  const owners = [
    ...new Set([...props.owners, ...(filter.owner ?? [])]),
  ].sort();
  const active = Object.values(filter).some(
    v => v !== undefined && (!Array.isArray(v) || v.length > 0),
  );

  return (
    <Grid
      container
      spacing={2}
      component="form"
      role="search"
      aria-label="Filter the compliance list"
      onSubmit={e => e.preventDefault()}
    >
      <Grid item xs={12} md={3}>
        <TextField
          // The id links the label to the input (without it the input has no accessible name).
          id="ops-filter-search"
          fullWidth
          size="small"
          variant="outlined"
          label="Search entities"
          value={text}
          onChange={e => setText(e.target.value)}
          inputProps={{ 'data-testid': 'ops-filter-search', maxLength: 200 }}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Select
          label="Owner"
          value={single('owner')}
          options={owners.map(o => ({ value: o, label: o }))}
          onChange={setList('owner')}
        />
      </Grid>
      <Grid item xs={6} md={1}>
        <Select
          label="Kind"
          value={single('kind')}
          options={KINDS.map(k => ({ value: k, label: k }))}
          onChange={setList('kind')}
        />
      </Grid>
      <Grid item xs={6} md={1}>
        <Select
          label="Tier"
          value={single('tier')}
          options={TIERS.map(t => ({ value: t, label: t }))}
          onChange={setList('tier')}
        />
      </Grid>
      <Grid item xs={6} md={1}>
        <Select
          label="Level"
          value={single('level')}
          options={LEVELS.map(l => ({ value: l, label: l }))}
          onChange={setList('level')}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Select
          label="Scorecard"
          value={filter.scorecard}
          options={(props.checks?.scorecards ?? []).map(s => ({
            value: s.id,
            label: s.title,
          }))}
          onChange={value => onChange({ ...filter, scorecard: value })}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Select
          label="Failing check"
          value={single('failingCheck')}
          options={(props.checks?.checks ?? []).map(c => ({
            value: c.id,
            label: c.title,
          }))}
          onChange={setList('failingCheck')}
        />
      </Grid>
      <Grid item xs={6} md={2}>
        <Select
          label="Error budget"
          value={
            filter.budgetBelow === undefined
              ? undefined
              : String(filter.budgetBelow)
          }
          options={[
            ...BUDGETS,
            // A shared link may carry another threshold: show it rather than "Any".
            ...(filter.budgetBelow !== undefined &&
            !BUDGETS.some(b => b.value === String(filter.budgetBelow))
              ? [
                  {
                    value: String(filter.budgetBelow),
                    label: `Below ${filter.budgetBelow} %`,
                  },
                ]
              : []),
          ]}
          onChange={value =>
            onChange({
              ...filter,
              budgetBelow: value === undefined ? undefined : Number(value),
            })
          }
        />
      </Grid>
      {TEXT_FILTERS.map(([key, label]) => (
        <Grid item xs={4} md={2} key={key}>
          <TextFilter
            label={label}
            value={single(key)}
            onChange={setList(key)}
          />
        </Grid>
      ))}
      {active && (
        <Grid
          item
          xs={12}
          md={2}
          style={{ display: 'flex', alignItems: 'center' }}
        >
          <Button size="small" onClick={() => onChange({})}>
            Clear filters
          </Button>
        </Grid>
      )}
    </Grid>
  );
}
