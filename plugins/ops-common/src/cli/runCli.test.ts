import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { EXAMPLES, NOW } from '../__testUtils__/examples';
import { aliasBomb } from '../__testUtils__/fuzzInputs';
import { exampleIo } from '../__testUtils__/cliIo';
import { readYaml } from '../descriptor/yaml';
import { runCli } from './runCli';

function run(args: string[]) {
  const { io, printed } = exampleIo();
  const code = runCli(args, io);
  return { code, ...printed };
}

describe('opskit validate', () => {
  it('passes the compliant examples with exit code 0', () => {
    const result = run([
      'validate',
      'payments-api/catalog-info.yaml',
      'payments-api/ops.yaml',
      'inventory-service/catalog-info.yaml',
    ]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('0 error(s), 0 warning(s)');
  });

  it('prints JSON in the documented shape and exits 1 on errors', () => {
    const result = run([
      'validate',
      'legacy-billing/catalog-info.yaml',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['files']);
    expect(json.files[0].file).toBe('legacy-billing/catalog-info.yaml');
    expect(json.files[0].issues).toContainEqual(
      expect.objectContaining({
        path: 'environments[1].url',
        severity: 'error',
        message: expect.stringMatching(/javascript/),
        entity: 'component:default/legacy-billing',
      }),
    );
  });

  it('reads every entity of a catalog file, including unquoted annotations', () => {
    const result = run([
      'validate',
      '--format=json',
      'invalid/catalog-info.yaml',
    ]);
    expect(result.code).toBe(1);
    const messages = JSON.parse(result.stdout).files[0].issues.map(
      (i: any) => i.message,
    );
    expect(messages).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/number 1; quote it/),
        expect.stringMatching(/did you mean "opskit.io\/runbook"/),
      ]),
    );
  });

  it('reports unreadable files and a missing descriptor', () => {
    const result = run(['validate', 'nope.yaml']);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/cannot read file/);
  });

  it('refuses bad usage with exit code 2', () => {
    expect(run([]).code).toBe(2);
    expect(run(['lint', 'x']).code).toBe(2);
    expect(run(['validate', 'x', '--format', 'xml']).code).toBe(2);
  });
});

describe('opskit score', () => {
  it('prints both scorecards per entity', () => {
    const result = run([
      'score',
      'notifications-worker/catalog-info.yaml',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const [entity] = JSON.parse(result.stdout).entities;
    expect(entity.entityRef).toBe('component:default/notifications-worker');
    expect(entity.scorecards.map((c: any) => [c.scorecard, c.level])).toEqual([
      ['deployment', 'none'],
      ['monitoring', 'none'],
    ]);
  });

  it('scores a bare ops.yaml', () => {
    const result = run(['score', 'payments-api/ops.yaml']);
    expect(result.stdout).toMatch(
      /Monitoring compliance: \d+(\.\d)?% · level gold/,
    );
  });
});

describe('the opskit binary', () => {
  const bin = resolve(__dirname, '../../bin/opskit');
  it('exits 1 with errors and 0 without, from a real process', () => {
    const bad = spawnSync(
      process.execPath,
      [bin, 'validate', resolve(EXAMPLES, 'legacy-billing/catalog-info.yaml')],
      { encoding: 'utf8' },
    );
    expect(bad.status).toBe(1);
    expect(bad.stdout).toMatch(
      /✖ error {3}environments\[1\]\.url: javascript: URLs are never allowed/,
    );
    const good = execFileSync(
      process.execPath,
      [bin, 'validate', resolve(EXAMPLES, 'payments-api/catalog-info.yaml')],
      { encoding: 'utf8' },
    );
    expect(good).toContain('no issues');
  });

  it('exits quietly when the reader closes early (opskit score … | head)', async () => {
    // Far more output than a pipe buffers, so the process is still writing when the reader goes.
    const file = resolve(EXAMPLES, 'payments-api/catalog-info.yaml');
    const child = spawn(
      process.execPath,
      [bin, 'score', ...Array.from({ length: 100 }, () => file)],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', text => {
      stderr += text;
    });
    let firstChunk = '';
    child.stdout.setEncoding('utf8');
    child.stdout.once('data', text => {
      firstChunk = text;
      child.stdout.destroy();
    });
    const code = await new Promise(done => child.on('close', done));
    expect(firstChunk).toContain('payments-api/catalog-info.yaml');
    expect(stderr).toBe('');
    expect(code).toBe(0);
  }, 60_000);
});

describe('opskit with Markdown runbooks', () => {
  const runbook =
    '../plugins/ops-common/src/runbook/import/__fixtures__/checkout-service.md';
  const template =
    '../plugins/ops-common/src/runbook/import/__fixtures__/sre-template.md';

  it('imports a runbook as ops.yaml, issues on stderr with their lines', () => {
    const result = run(['import', runbook]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^apiVersion: opskit.io\/v1\nkind: OpsDescriptor\n/,
    );
    expect(result.stdout).toContain('    - name: Ship to staging\n');
    expect(result.stderr).toBe(
      `${runbook}:103: warning notes: chapter "Feature Flag Inventory" is not one OpsKit reads; it is kept as a note\n`,
    );
  });

  it('imports as JSON with the issues alongside', () => {
    const result = run(['import', template, '--format', 'json']);
    const body = JSON.parse(result.stdout);
    expect(Object.keys(body)).toEqual(['descriptor', 'issues']);
    expect(body.descriptor.kind).toBe('OpsDescriptor');
    expect(body.issues).toContainEqual(
      expect.objectContaining({
        path: 'versionHistory[0].author',
        source: `${template}:147`,
      }),
    );
  });

  it('exits 1 when the runbook holds errors, 2 on bad usage', () => {
    expect(run(['import']).code).toBe(2);
    expect(run(['import', runbook, '--format', 'xml']).code).toBe(2);
    expect(run(['import', 'no-such.md']).code).toBe(1);
  });

  it('validates and scores .md files like descriptors', () => {
    const validated = run(['validate', runbook, '--format', 'json']);
    expect(validated.code).toBe(0);
    expect(JSON.parse(validated.stdout).files[0].issues).toHaveLength(1);
    const scored = run(['score', runbook, '--format', 'json']);
    const [entity] = JSON.parse(scored.stdout).entities;
    expect(entity.entityRef).toBe('component:default/checkout-service');
    expect(entity.scorecards.map((c: any) => c.scorecard)).toEqual([
      'deployment',
      'monitoring',
    ]);
    // Found once, by the import, with the line: not again by the evaluation.
    expect(entity.issues.filter((i: any) => i.path === 'notes')).toHaveLength(
      1,
    );
  });
});

/** Runs the CLI on one file named ops.yaml holding `text`. */
function runOnText(text: string, args: string[]) {
  let stdout = '';
  const code = runCli(args, {
    readFile: () => text,
    resolve: (_from, rel) => rel,
    stdout: t => {
      stdout += t;
    },
    stderr: () => {},
    now: () => NOW,
  });
  return { code, stdout };
}

describe('opskit validate on a mistyped kind', () => {
  it('reports an opskit.io/v1 document of another kind as a broken descriptor', () => {
    const { code, stdout } = runOnText(
      'apiVersion: opskit.io/v1\nkind: Deployment\ntier: tier-1\n',
      ['validate', 'ops.yaml', '--format', 'json'],
    );
    expect(code).toBe(1);
    expect(JSON.parse(stdout).files[0].issues).toEqual([
      {
        path: 'kind',
        severity: 'error',
        message:
          '"Deployment" is not a kind of opskit.io/v1; an ops descriptor is kind: OpsDescriptor',
        source: 'ops.yaml',
      },
    ]);
  });
});

describe('opskit on an alias bomb', () => {
  it('refuses it with an error naming the limit, for validate and score alike', () => {
    for (const command of ['validate', 'score']) {
      const { code, stdout } = runOnText(aliasBomb(), [
        command,
        'ops.yaml',
        '--format',
        'json',
      ]);
      expect(code).toBe(1);
      expect(stdout.length).toBeLessThan(10_000);
      expect(stdout).toMatch(/expands to more than 1048576 characters/);
    }
  });
});

describe('opskit with OpenSLO files', () => {
  const fixtures = '../plugins/ops-common/src/openslo/__fixtures__';
  const payments = `${fixtures}/payments.openslo.yaml`;

  /** The CLI over files held in memory, paths joined as POSIX paths. */
  function inMemory(files: Record<string, string>, args: string[]) {
    const { io, printed } = exampleIo({
      readFile: path => {
        if (path in files) return files[path];
        throw new Error(`ENOENT: no such file, open '${path}'`);
      },
      resolve: (from, relative) =>
        `${from.slice(0, from.lastIndexOf('/') + 1)}${relative}`,
    });
    const code = runCli(args, io);
    return { code, ...printed };
  }

  it('recognises OpenSLO by content and gives every file entry its format', () => {
    const result = run([
      'validate',
      payments,
      'payments-api/ops.yaml',
      '../plugins/ops-common/src/runbook/import/__fixtures__/checkout-service.md',
      '--format',
      'json',
    ]);
    expect(result.code).toBe(0);
    const { files } = JSON.parse(result.stdout);
    expect(files.map((f: any) => [f.file, f.format])).toEqual([
      [payments, 'openslo'],
      ['payments-api/ops.yaml', 'ops'],
      [
        '../plugins/ops-common/src/runbook/import/__fixtures__/checkout-service.md',
        'runbook',
      ],
    ]);
    expect(files[0].issues).toEqual([]);
  });

  it("reports OpenSLO's own rules with the document and field, and exits 1", () => {
    const result = inMemory(
      {
        'slos.yaml': readFileSync(resolve(EXAMPLES, payments), 'utf8').replace(
          'target: 0.999',
          'target: 1.5',
        ),
      },
      ['validate', 'slos.yaml'],
    );
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(
      '✖ error   SLO payments-availability: spec.objectives[0].target: 1.5 is outside [0, 1)',
    );
  });

  it('writes rules for an OpenSLO file, the entity named by spec.service', () => {
    const result = run(['rules', payments]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const { groups } = readYaml(result.stdout, 'rules.yml').value as any;
    expect(groups.map((g: any) => g.name)).toEqual([
      'opskit:component-default-payments-api:payments-availability:production',
    ]);
    const alerts = groups[0].rules.filter((r: any) => r.alert);
    expect(alerts).toEqual([
      expect.objectContaining({
        for: '5m',
        labels: expect.objectContaining({
          opskit_entity: 'component:default/payments-api',
          opskit_window: '1h',
          severity: 'page',
        }),
      }),
    ]);
  });

  it("reads an ops.yaml's slos: {openslo: …} beside it, and says when it is missing", () => {
    const descriptor =
      'apiVersion: opskit.io/v1\nkind: OpsDescriptor\ntier: tier-2\nslos: {openslo: slos/payments.yaml}\n';
    const openslo = readFileSync(resolve(EXAMPLES, payments), 'utf8');
    const rules = inMemory(
      {
        'payments-api/ops.yaml': descriptor,
        'payments-api/slos/payments.yaml': openslo,
      },
      ['rules', 'payments-api/ops.yaml'],
    );
    expect(rules.stderr).toBe('');
    expect(rules.code).toBe(0);
    expect(rules.stdout).toContain('opskit_slo: payments-availability');
    expect(rules.stdout).toContain('opskit_window: 1h');

    const validated = inMemory({ 'payments-api/ops.yaml': descriptor }, [
      'validate',
      'payments-api/ops.yaml',
      '--format',
      'json',
    ]);
    expect(validated.code).toBe(1);
    expect(JSON.parse(validated.stdout).files[0].issues).toEqual([
      {
        path: 'slos.openslo',
        severity: 'error',
        message: expect.stringMatching(
          /^could not read the OpenSLO file slos\/payments.yaml: ENOENT/,
        ),
        source: 'payments-api/ops.yaml',
      },
    ]);
  });

  it('shows OpenSLO in the usage text', () => {
    expect(run(['--help']).stdout).toMatch(
      /openslo\.yaml[\s\S]*recognised by their content \(apiVersion: openslo\/v1\)/,
    );
  });
});
