import { OPS_DESCRIPTOR_ANNOTATION, type OpsEntityLike } from '../annotations';
import { descriptorAnnotations } from '../descriptor/descriptorFile';
import { validateOpsDescriptor } from '../descriptor/parseDescriptor';
import { OPS_API_VERSION, OPS_KIND } from '../descriptor/vocabulary';
import { readYamlDocuments, writeYaml } from '../descriptor/yaml';
import { importRunbookMarkdown } from '../runbook/import/importRunbookMarkdown';
import { evaluateEntity } from '../evaluateEntity';
import { parseOpsRef, withLocalDescriptor } from '../opsRef';
import {
  OPS_OPENSLO_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
  OPS_REF_ANNOTATION,
} from '../annotations';
import { importOpenSlo } from '../openslo/importOpenSlo';
import { isOpenSloText } from '../openslo/readOpenSlo';
import {
  examineOpenSlo,
  openSloFileAnnotations,
  withLocalOpenSlo,
} from './openSloFiles';
import type { ScorecardResult } from '../scoring/types';
import { fetchEntityScorecards } from '../entityScorecards';
import { checkEntityRef } from '../validation/entityRefs';
import {
  GATE_USAGE,
  gateEntities,
  parseGateArgs,
  printGate,
} from './gateCommand';
import type { OpsIssue } from '../validation/issues';
import type { OpsProfile } from '../descriptor/types';
import { prometheusRules } from '../budgets/prometheusRules';

/** What the CLI needs from the outside world; main.ts passes the real one, tests a fake. */
export interface CliIo {
  readFile(path: string): string;
  /** Joins a file's directory with a relative path. */
  resolve(fromFile: string, relative: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
  now(): number;
  /** An environment variable (`OPSKIT_TOKEN` for `gate --url`). */
  env?(name: string): string | undefined;
  /** For `gate --url`; default the global fetch. */
  fetch?: typeof fetch;
}

interface Target {
  file: string;
  /** What the file holds: an ops descriptor or catalog entities, a Markdown runbook, OpenSLO. */
  format?: 'ops' | 'runbook' | 'openslo';
  entityRef?: string;
  /** With `score` and `rules`: the profile the scorecards were computed on. */
  profile?: OpsProfile;
  issues: OpsIssue[];
  scorecards?: ScorecardResult[];
}

const USAGE = `usage: opskit <validate|score> <ops.yaml | catalog-info.yaml | runbook.md | openslo.yaml>... [--format human|json]
       opskit import <runbook.md> [--format yaml|json]
       opskit gate --min-level <level> ... (opskit gate --help)
       opskit rules <ops.yaml | catalog-info.yaml | runbook.md | openslo.yaml>...

  validate   check descriptors, entity annotations, Markdown runbooks and OpenSLO v1 files; exit 1 on any error
  score      print the deployment and monitoring scorecards of each entity
  import     print the ops descriptor a Markdown runbook holds (issues on stderr)
  gate       exit 0 when an entity reaches a level on its scorecards, 1 when a check blocks it
  rules      print Prometheus rule groups for the SLOs: error ratios, burn-rate alerts, threshold alerts

  OpenSLO files are recognised by their content (apiVersion: openslo/v1); each
  spec.service is an entity. An ops.yaml with slos: {openslo: slos.yaml} reads
  that file beside it.
`;

const isMarkdown = (file: string) => /\.(md|markdown)$/i.test(file);

/** A Markdown runbook: its issues, and with `score` the scorecards of the descriptor it holds. */
function examineRunbook(
  file: string,
  text: string,
  io: CliIo,
  score: boolean,
): Target {
  const imported = importRunbookMarkdown(text, { source: file, now: io.now() });
  if (!score) return { file, format: 'runbook', issues: imported.issues };
  // `checkout.md` names its service; `docs/runbook.md` is named by the repository's folder.
  const parts = file.split('/');
  const base = parts[parts.length - 1].replace(/\.(md|markdown)$/i, '');
  const folder = parts.filter(p => p && p !== 'docs').slice(-2, -1)[0];
  const name = (/^(runbook|readme|index)$/i.test(base) ? folder : base) || '';
  // As the catalog module stores it: the profile then reports the import's
  // findings and points the validation's at the runbook's lines.
  return {
    ...scored(file, name, descriptorAnnotations(text, { path: file }), io),
    format: 'runbook',
  };
}

/** The scorecards of a descriptor file, as an entity named after it would get them. */
function scored(
  file: string,
  name: string,
  annotations: Record<string, string>,
  io: CliIo,
): Target {
  const evaluation = evaluateEntity(
    {
      kind: 'Component',
      metadata: { name: name || 'service', annotations },
      spec: {},
    },
    { now: io.now(), descriptorSource: file },
  );
  return {
    file,
    format: 'ops',
    entityRef: evaluation.profile.entityRef,
    profile: evaluation.profile,
    issues: evaluation.issues,
    scorecards: evaluation.scorecards,
  };
}

/** `slos: {openslo: x.yaml}` read beside the descriptor: its issues, and its text for the profile. */
function descriptorOpenSlo(
  file: string,
  openslo: string | undefined,
  io: CliIo,
): { issues: OpsIssue[]; annotations: Record<string, string> } {
  if (!openslo) return { issues: [], annotations: {} };
  const annotations = openSloFileAnnotations(openslo, relative =>
    io.readFile(io.resolve(file, relative)),
  );
  const text = annotations[OPS_OPENSLO_ANNOTATION];
  if (text === undefined)
    return {
      issues: [
        {
          path: 'slos.openslo',
          severity: 'error',
          message: annotations[OPS_OPENSLO_ERROR_ANNOTATION],
          source: file,
        },
      ],
      annotations,
    };
  return {
    issues: importOpenSlo(text, { source: openslo }).issues,
    annotations,
  };
}

function runImport(file: string, format: string, io: CliIo): number {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    io.stderr(`${file}: cannot read file: ${(error as Error).message}\n`);
    return 1;
  }
  const { descriptor, issues } = importRunbookMarkdown(text, {
    source: file,
    now: io.now(),
  });
  if (format === 'json')
    io.stdout(`${JSON.stringify({ descriptor, issues }, null, 2)}\n`);
  else io.stdout(writeYaml(descriptor));
  for (const issue of issues)
    io.stderr(
      `${issue.source ?? file}: ${issue.severity} ${issue.path || '(file)'}: ${
        issue.message
      }\n`,
    );
  return issues.some(i => i.severity === 'error') ? 1 : 0;
}

function examine(file: string, io: CliIo, score: boolean): Target[] {
  let text: string;
  try {
    text = io.readFile(file);
  } catch (error) {
    return [
      {
        file,
        issues: [
          {
            path: '',
            severity: 'error',
            message: `cannot read file: ${(error as Error).message}`,
          },
        ],
      },
    ];
  }
  if (isMarkdown(file)) return [examineRunbook(file, text, io, score)];
  if (isOpenSloText(text)) return examineOpenSlo(file, text, io.now(), score);
  const docs = readYamlDocuments(text, file);
  const targets: Target[] = [];
  for (const doc of docs) {
    if (doc.value === undefined || doc.value === null) {
      if (doc.issues.length) targets.push({ file, issues: doc.issues });
      continue;
    }
    const value = doc.value as Record<string, unknown>;
    // An ops document with a mistyped kind is a broken descriptor, not a catalog entity of that kind.
    const opsDocument =
      typeof value === 'object' &&
      (value.kind === OPS_KIND || value.apiVersion === OPS_API_VERSION);
    if (opsDocument) {
      const validated = validateOpsDescriptor(value, {
        source: file,
        now: io.now(),
      });
      const openSlo = descriptorOpenSlo(file, validated.openslo, io);
      if (!score) {
        targets.push({
          file,
          format: 'ops',
          issues: [...validated.issues, ...openSlo.issues],
        });
        continue;
      }
      targets.push(
        scored(
          file,
          file.split('/').slice(-2, -1)[0],
          { [OPS_DESCRIPTOR_ANNOTATION]: text, ...openSlo.annotations },
          io,
        ),
      );
      continue;
    }
    if (
      typeof value !== 'object' ||
      Array.isArray(value) ||
      typeof value.kind !== 'string'
    ) {
      targets.push({
        file,
        issues: [
          {
            path: '',
            severity: 'error',
            message: `neither an ${OPS_KIND} nor a catalog entity (no kind)`,
          },
        ],
      });
      continue;
    }
    const readBeside = (relative: string) =>
      io.readFile(io.resolve(file, relative));
    const described = withLocalDescriptor(value as OpsEntityLike, readBeside);
    const opsRef = parseOpsRef(
      described.metadata?.annotations?.[OPS_REF_ANNOTATION],
    );
    const entity = withLocalOpenSlo(
      described,
      readBeside,
      opsRef.type === 'path' ? opsRef.path : undefined,
    );
    const evaluation = evaluateEntity(entity, { now: io.now() });
    targets.push({
      file,
      format: 'ops',
      entityRef: evaluation.profile.entityRef,
      issues: evaluation.issues,
      ...(score
        ? { scorecards: evaluation.scorecards, profile: evaluation.profile }
        : {}),
    });
  }
  return targets;
}

function human(targets: Target[], io: CliIo) {
  let lastFile = '';
  for (const t of targets) {
    if (t.file !== lastFile) io.stdout(`${t.file}\n`);
    lastFile = t.file;
    if (t.entityRef) io.stdout(`  ${t.entityRef}\n`);
    if (t.issues.length === 0) io.stdout('    ✔ no issues\n');
    for (const issue of t.issues) {
      const from =
        issue.source && issue.source !== t.file ? ` (${issue.source})` : '';
      io.stdout(
        `    ${issue.severity === 'error' ? '✖ error  ' : '⚠ warning'} ${
          issue.path || '(file)'
        }: ${issue.message}${from}\n`,
      );
    }
    for (const card of t.scorecards ?? []) {
      io.stdout(
        `    ${card.title}: ${
          card.score === null ? 'n/a' : `${card.score}%`
        } · level ${card.level}\n`,
      );
      for (const r of card.results) {
        const mark = {
          pass: '✔',
          fail: '✖',
          warn: '⚠',
          waived: '⊘',
          'not-applicable': '–',
        }[r.status];
        io.stdout(`      ${mark} ${r.title}: ${r.message}\n`);
      }
    }
  }
  const errors = targets.reduce(
    (n, t) => n + t.issues.filter(i => i.severity === 'error').length,
    0,
  );
  const warnings = targets.reduce(
    (n, t) => n + t.issues.filter(i => i.severity === 'warning').length,
    0,
  );
  io.stdout(`\n${errors} error(s), ${warnings} warning(s)\n`);
}

async function runGate(argv: string[], io: CliIo): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(GATE_USAGE);
    return 0;
  }
  const args = parseGateArgs(argv);
  if (typeof args === 'string') {
    io.stderr(`opskit gate: ${args}\n\n${GATE_USAGE}`);
    return 2;
  }
  // Checked with catalog-model's rules, as the scaffolder's inputs are.
  const checked = args.entity
    ? checkEntityRef(args.entity, { defaultKind: 'component' })
    : undefined;
  if (checked && 'error' in checked) {
    io.stderr(`opskit gate: --entity: ${checked.error}\n`);
    return 2;
  }
  const wanted = checked?.ref;
  let toGate: Array<{ entityRef: string; scorecards: ScorecardResult[] }>;
  if (args.url) {
    const cards = await fetchEntityScorecards({
      opsApiUrl: `${args.url.replace(/\/+$/, '')}/api/ops`,
      entityRef: wanted!,
      token: io.env?.('OPSKIT_TOKEN'),
      fetch: io.fetch,
    });
    if (typeof cards === 'string') {
      io.stderr(`opskit gate: ${cards}\n`);
      return 2;
    }
    toGate = [{ entityRef: wanted!, scorecards: cards }];
  } else {
    const targets = args.files.flatMap(file => examine(file, io, true));
    // A file that could not be read or holds no entity cannot pass a gate.
    const unscored = targets.filter(t => !t.scorecards || !t.entityRef);
    for (const t of unscored)
      for (const issue of t.issues)
        io.stderr(`opskit gate: ${t.file}: ${issue.message}\n`);
    if (unscored.length) return 2;
    toGate = targets.map(t => ({
      entityRef: t.entityRef!.toLocaleLowerCase('en-US'),
      scorecards: t.scorecards!,
    }));
    if (wanted) {
      toGate = toGate.filter(s => s.entityRef === wanted);
      if (toGate.length === 0) {
        io.stderr(`opskit gate: no ${wanted} in ${args.files.join(', ')}\n`);
        return 2;
      }
    }
  }
  const gated = gateEntities(toGate, args);
  const passed = gated.every(g => g.passed);
  if (args.format === 'json')
    io.stdout(
      `${JSON.stringify(
        { passed, minLevel: args.minLevel, entities: gated },
        null,
        2,
      )}\n`,
    );
  else printGate(gated, io.stdout);
  return passed ? 0 : 1;
}

/** `opskit rules`: the rule groups of every entity in the files; nothing when one has errors. */
function runRules(files: string[], io: CliIo): number {
  const targets = files.flatMap(file => examine(file, io, true));
  const broken = targets.filter(t =>
    t.issues.some(i => i.severity === 'error'),
  );
  for (const t of broken)
    for (const issue of t.issues.filter(i => i.severity === 'error'))
      io.stderr(
        `${issue.source ?? t.file}: error ${issue.path || '(file)'}: ${
          issue.message
        }\n`,
      );
  if (broken.length) return 1;
  const groups = [];
  for (const t of targets) {
    if (!t.profile) continue;
    try {
      groups.push(...prometheusRules(t.profile).groups);
    } catch (error) {
      io.stderr(`${t.file}: ${(error as Error).message}\n`);
      return 1;
    }
  }
  io.stdout(writeYaml({ groups }));
  return 0;
}

/**
 * Runs the CLI; returns the exit code (0 ok, 1 errors found or gate blocked,
 * 2 usage or undecidable), as a promise for `gate`, which may ask a backend.
 */
export function runCli(argv: string[], io: CliIo): number | Promise<number> {
  if (argv[0] === 'gate') return runGate(argv.slice(1), io);
  const args = [...argv];
  let format: string | undefined;
  const formatAt = args.findIndex(
    a => a === '--format' || a.startsWith('--format='),
  );
  if (formatAt >= 0) {
    const [flag] = args.splice(formatAt, 1);
    format = flag.includes('=')
      ? flag.split('=')[1]
      : args.splice(formatAt, 1)[0];
  }
  const [command, ...files] = args;
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(USAGE);
    return 0;
  }
  if (command === 'import') {
    const importFormat = format ?? 'yaml';
    if (
      files.length !== 1 ||
      (importFormat !== 'yaml' && importFormat !== 'json')
    ) {
      io.stderr(USAGE);
      return 2;
    }
    return runImport(files[0], importFormat, io);
  }
  if (command === 'rules') {
    if (files.length === 0 || format !== undefined) {
      io.stderr(USAGE);
      return 2;
    }
    return runRules(files, io);
  }
  format ??= 'human';
  if (
    (command !== 'validate' && command !== 'score') ||
    files.length === 0 ||
    (format !== 'human' && format !== 'json')
  ) {
    io.stderr(USAGE);
    return 2;
  }
  const targets = files.flatMap(file => examine(file, io, command === 'score'));
  if (format === 'json') {
    if (command === 'validate') {
      const byFile = files.map(file => ({
        file,
        format:
          targets.find(t => t.file === file)?.format ??
          (isMarkdown(file) ? 'runbook' : 'ops'),
        issues: targets
          .filter(t => t.file === file)
          .flatMap(t =>
            t.issues.map(i =>
              t.entityRef ? { ...i, entity: t.entityRef } : i,
            ),
          ),
      }));
      io.stdout(`${JSON.stringify({ files: byFile }, null, 2)}\n`);
    } else {
      io.stdout(
        `${JSON.stringify(
          {
            entities: targets.map(t => ({
              file: t.file,
              entityRef: t.entityRef,
              issues: t.issues,
              scorecards: t.scorecards ?? [],
            })),
          },
          null,
          2,
        )}\n`,
      );
    }
  } else human(targets, io);
  return targets.some(t => t.issues.some(i => i.severity === 'error')) ? 1 : 0;
}
