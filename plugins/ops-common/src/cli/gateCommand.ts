import { gateReport, gateResult, type GateResult } from '../scoring/gate';
import {
  CHECK_LEVELS,
  type CheckLevel,
  type ScorecardResult,
} from '../scoring/types';

/**
 * `opskit gate`: exit 0 when the entity reaches the level, 1 when a failing
 * check blocks it, 2 when the gate cannot decide (bad arguments, backend
 * unreachable or refusing, entity unknown). Scorecards come from a running
 * backend (`--url`) or from local files, scored as `opskit score` does.
 */

export const GATE_USAGE = `usage: opskit gate --min-level bronze|silver|gold [--scorecard <id>]... [--format human|json]
         (--entity <ref> --url <backstage backend>  |  <ops.yaml | catalog-info.yaml | runbook.md>... [--entity <ref>])

  With --url, asks the backend's ops API (GET /api/ops/entities/…) with the token in OPSKIT_TOKEN.
  Exit 0 when every scorecard reaches the level, 1 when a failing check blocks it, 2 when it cannot tell.
`;

export interface GateArgs {
  minLevel: CheckLevel;
  scorecards: string[];
  entity?: string;
  url?: string;
  format: 'human' | 'json';
  files: string[];
}

/** The gate's arguments, or why they are wrong. */
export function parseGateArgs(argv: string[]): GateArgs | string {
  const values: Record<string, string[]> = {};
  const files: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      files.push(arg);
      continue;
    }
    const [flag, inline] = arg.slice(2).split(/=(.*)/s);
    if (!['min-level', 'scorecard', 'entity', 'url', 'format'].includes(flag))
      return `unknown option --${flag}`;
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') return `--${flag} needs a value`;
    (values[flag] ??= []).push(value);
  }
  const one = (flag: string) => values[flag]?.at(-1);
  const minLevel = one('min-level');
  if (!minLevel) return '--min-level is required';
  if (!(CHECK_LEVELS as readonly string[]).includes(minLevel))
    return `--min-level must be one of ${CHECK_LEVELS.join(
      ', ',
    )}, not "${minLevel}"`;
  const format = one('format') ?? 'human';
  if (format !== 'human' && format !== 'json')
    return `--format must be human or json, not "${format}"`;
  const url = one('url');
  const entity = one('entity');
  if (url && files.length) return 'give --url or files, not both';
  if (url && !entity) return '--url needs --entity <ref>';
  if (!url && files.length === 0)
    return 'give --entity <ref> --url <backend>, or the files to score';
  if (url && !/^https?:\/\//i.test(url))
    return `--url must be an http(s) URL, not "${url}"`;
  return {
    minLevel: minLevel as CheckLevel,
    scorecards: values.scorecard ?? [],
    entity,
    url,
    format,
    files,
  };
}

export interface GatedEntity extends GateResult {
  entityRef: string;
}

export function printGate(
  entities: GatedEntity[],
  write: (text: string) => void,
) {
  for (const entity of entities)
    write(`${gateReport(entity.entityRef, entity).join('\n')}\n`);
}

/** Holds each entity's scorecards to the level. */
export function gateEntities(
  scored: Array<{ entityRef: string; scorecards: ScorecardResult[] }>,
  args: GateArgs,
): GatedEntity[] {
  return scored.map(({ entityRef, scorecards }) => ({
    entityRef,
    ...gateResult(scorecards, {
      minLevel: args.minLevel,
      scorecards: args.scorecards,
    }),
  }));
}
