/*
 * The scaffolder's dry run with hostile inputs: the ops actions given paths
 * out of the workspace, directories, files where folders should be,
 * malformed entity refs and junk values. Each must end as a failed step or a
 * 4xx, never a 5xx, and nothing may be written outside the workspace.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import fc from 'fast-check';
import { readYaml } from '@opskit/plugin-ops-common';

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap(name => {
    const path = join(dir, name);
    return statSync(path).isDirectory()
      ? listFiles(path, base)
      : [relative(base, path)];
  });
}

const HOSTILE_PATHS = [
  '../escape.yaml',
  '../../etc/passwd',
  '/etc/passwd',
  '.',
  'docs',
  'catalog-info.yaml/ops.yaml',
  '%2e%2e/x',
  'a'.repeat(300),
  '\u0000',
];
const HOSTILE_REFS = [
  'group:../../etc',
  'component:../../etc',
  'group:default/',
  ':',
  'user:a b',
  '__proto__',
  'group:default/payments-oncall/../x',
];

/** One dry-run request body: a template of the ops actions with these inputs. */
export interface DryRun {
  label: string;
  body: object;
}

export function hostileDryRuns(
  repoRoot: string,
  count: number,
  seed: number,
): DryRun[] {
  const dir = join(repoRoot, 'examples/templates/service-with-ops');
  const ours = readYaml(
    readFileSync(join(dir, 'template.yaml'), 'utf8'),
    'template.yaml',
  ).value as any;
  const directoryContents = [
    {
      path: 'skeleton/catalog-info.yaml',
      base64Content: Buffer.from(
        'apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: probe\nspec:\n  type: service\n  owner: group:default/payments-team\n  lifecycle: experimental\n',
      ).toString('base64'),
    },
    {
      path: 'skeleton/docs/index.md',
      base64Content: Buffer.from('# Probe\n').toString('base64'),
    },
  ];
  const template = (steps: object[]) => ({
    apiVersion: 'scaffolder.backstage.io/v1beta3',
    kind: 'Template',
    metadata: { name: 'probe' },
    // The workspace starts empty: lay out the skeleton first, as real templates do.
    spec: {
      type: 'service',
      parameters: [],
      steps: [
        { id: 'skeleton', action: 'fetch:plain', input: { url: './skeleton' } },
        ...steps,
      ],
    },
  });
  const runs: DryRun[] = [];
  /** A dry run of our own template around these steps, on the small workspace. */
  const run = (label: string, steps: object[]) =>
    runs.push({
      label,
      body: { template: template(steps), values: {}, directoryContents },
    });
  const descriptor = (input: object) => ({
    id: 'ops',
    action: 'ops:descriptor:create',
    input: { tier: 'tier-3', ...input },
  });
  const runbook = (input: object) => ({
    id: 'runbook',
    action: 'ops:runbook:create',
    input,
  });
  const shown = (path: string) => JSON.stringify(path).slice(0, 30);
  for (const path of HOSTILE_PATHS) {
    for (const input of ['path', 'catalogInfoPath', 'runbookPath'])
      run(`ops:descriptor:create ${input}=${shown(path)}`, [
        descriptor({ [input]: path }),
      ]);
    for (const input of ['outputPath', 'mkdocsPath', 'catalogInfoPath'])
      run(`ops:runbook:create ${input}=${shown(path)}`, [
        descriptor({}),
        runbook({ [input]: path }),
      ]);
  }
  // The example template itself, with its skeleton, given a hostile on-call group.
  const skeleton = listFiles(join(dir, 'skeleton')).map(p => ({
    path: `skeleton/${p}`,
    base64Content: readFileSync(join(dir, 'skeleton', p)).toString('base64'),
  }));
  for (const ref of HOSTILE_REFS)
    runs.push({
      label: `the template with onCallGroup=${ref}`,
      body: {
        template: ours,
        values: {
          name: 'probe',
          owner: 'group:default/payments-team',
          tier: 'tier-2',
          onCallGroup: ref,
        },
        directoryContents: skeleton,
      },
    });
  for (const ref of HOSTILE_REFS)
    run(`ops:runbook:create entityRef=${ref}`, [runbook({ entityRef: ref })]);
  // And junk of every shape in every input.
  const junk = fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string(),
    fc.constantFrom(...HOSTILE_PATHS, ...HOSTILE_REFS),
  );
  for (const input of fc.sample(
    fc.record(
      {
        tier: fc.oneof(fc.constantFrom('tier-1', 'tier-3'), junk),
        environments: junk,
        onCallGroup: junk,
        escalation: junk,
        slos: junk,
        backups: junk,
        runbook: junk,
        version: junk,
      },
      { requiredKeys: ['tier'] },
    ),
    { numRuns: count, seed },
  ))
    run(
      `ops:descriptor:create with junk ${JSON.stringify(input).slice(0, 60)}`,
      [{ id: 'ops', action: 'ops:descriptor:create', input }],
    );
  return runs;
}

/** Whether a dry run's answer wrote a file outside its workspace. */
export function escapedFiles(answer: unknown): string[] {
  const files = (answer as { directoryContents?: Array<{ path: string }> })
    ?.directoryContents;
  return (files ?? [])
    .map(f => f.path)
    .filter(path => path.startsWith('/') || path.split(/[\\/]/).includes('..'));
}
