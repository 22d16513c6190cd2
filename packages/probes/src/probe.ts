/*
 * The probing suite: starts the real example backend (SQLite in files, the
 * examples plus a hostile catalog location) on 127.0.0.1 and tries it as an
 * attacker and an operator would, bounded in count and time:
 *
 *   auth     every spec route without a token, with a forged one, as a user and as a service
 *   fuzz     property-based bad input for every spec route (path, query, body from fast-check)
 *   catalog  the hostile entities: no 5xx, no secret served, no unsafe URL in a profile
 *   writes   concurrent sign-offs, every accepted one stored exactly once
 *   kill -9  sign-offs, kill -9 of the backend, restart on the same files: all still there
 *
 * It prints one table of figures and exits 1 when a defect figure is not 0.
 * `--short` (./run test) sends a few hundred requests; the full run
 * (./run probe) at least 100 per route. `--report FILE` writes the figures as
 * JSON. docs/reliability.md explains how to read them.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import knexFactory from 'knex';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  REPO_ROOT,
  STATIC_TOKEN,
  startBackendProcess,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';
import { writeHostileCatalog, type HostileCatalog } from './hostileCatalog';
import { DEFECTS, emptyFigures, table, type Figures } from './report';
import { escapedFiles, hostileDryRuns } from './scaffolder';
import { fillPath, readOperations, type Operation } from './spec';

const args = process.argv.slice(2);
const SHORT = args.includes('--short');
const REPORT = args.includes('--report')
  ? args[args.indexOf('--report') + 1]
  : undefined;
const SEED = Number(process.env.OPSKIT_PROBE_SEED ?? Date.now() % 1_000_000);
/** Fuzzed requests per route. */
const PER_ROUTE = SHORT ? 12 : 120;
const CONCURRENT_WRITES = SHORT ? 40 : 200;
const HANG_MS = 2000;
const UNSAFE_URL = /^\s*(javascript|data|vbscript):/i;

interface Probe {
  backend: BackendProcess;
  figures: Figures;
  /** The first few findings of each kind, to say what went wrong. */
  findings: string[];
}

function note(p: Probe, finding: string) {
  if (p.findings.length < 40) p.findings.push(finding);
}

/** One request; counted, timed, its 5xx and hangs noted. Never throws. */
async function call(
  p: Probe,
  path: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = {
    ...(init.body ? { 'Content-Type': 'application/json' } : {}),
    ...(init.token === null
      ? {}
      : { Authorization: `Bearer ${init.token ?? STATIC_TOKEN}` }),
  };
  const started = Date.now();
  p.figures.requests++;
  try {
    const res = await fetch(`${p.backend.baseUrl}${path}`, {
      ...init,
      headers,
      signal: AbortSignal.timeout(30_000),
    });
    const text = await res.text();
    const took = Date.now() - started;
    if (took > HANG_MS) {
      p.figures['hangs > 2 s']++;
      note(
        p,
        `hang: ${init.method ?? 'GET'} ${path.slice(0, 120)} took ${took} ms`,
      );
    }
    if (res.status >= 500) {
      p.figures['5xx']++;
      note(
        p,
        `${res.status}: ${init.method ?? 'GET'} ${path.slice(
          0,
          120,
        )}: ${text.slice(0, 200)}`,
      );
    }
    return { status: res.status, text };
  } catch (error) {
    p.figures['hangs > 2 s']++;
    note(
      p,
      `no answer: ${init.method ?? 'GET'} ${path.slice(0, 120)}: ${error}`,
    );
    return { status: 0, text: '' };
  }
}

/** Runs `tasks` with at most `width` in flight. */
async function pool<T>(
  tasks: Array<() => Promise<T>>,
  width = 16,
): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await tasks[i]();
      }
    }),
  );
  return out;
}

const PAYMENTS = {
  kind: 'component',
  namespace: 'default',
  name: 'payments-api',
};

async function guestToken(p: Probe): Promise<string> {
  const res = await fetch(`${p.backend.baseUrl}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  return (await res.json()).backstageIdentity.token;
}

/** Every route without a token, with a forged one, as the guest user and as the CI service. */
async function authMatrix(p: Probe, operations: Operation[]) {
  const guest = await guestToken(p);
  const forged = `${guest.split('.').slice(0, 2).join('.')}.${'A'.repeat(43)}`;
  for (const op of operations) {
    const path = `/api/ops${fillPath(op, {
      ...PAYMENTS,
      id: '6f1c1b7e-0000-4000-8000-000000000000',
    })}`;
    const body = op.hasBody
      ? JSON.stringify({
          itemId: 'tests-passing',
          checkId: 'backups-scheduled',
          reason: 'probe',
          expiresAt: '2099-01-01T00:00:00Z',
        })
      : undefined;
    for (const [who, token] of [
      ['nobody', null],
      ['forged', forged],
      ['guest', guest],
      ['service', STATIC_TOKEN],
    ] as const) {
      const res = await call(p, path, { method: op.method, body, token });
      const refused = res.status === 401;
      const shouldRefuse = !op.open && (who === 'nobody' || who === 'forged');
      if (refused !== shouldRefuse) {
        p.figures['auth wrong']++;
        note(p, `auth: ${op.id} as ${who} answered ${res.status}`);
      }
    }
  }
}

/** Values for a parameter: valid ones and the kinds of junk that broke servers before. */
const junkText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    '..',
    '../../etc/passwd',
    '%00',
    '\u0000',
    '__proto__',
    'constructor',
    ' ',
    'a'.repeat(5000),
    '{}',
    '[]',
    '-1',
    '1e309',
    'NaN',
    'true',
    '<script>alert(1)</script>',
    'javascript:alert(1)',
    "' OR 1=1 --",
    'component:default/payments-api',
  ),
);
const jsonJunk = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.record(
    {
      itemId: junkText,
      version: fc.oneof(junkText, fc.integer(), fc.constant(null)),
      environment: fc.oneof(junkText, fc.array(junkText)),
      comment: fc.oneof(junkText, fc.object()),
      checkId: junkText,
      reason: junkText,
      expiresAt: fc.oneof(
        junkText,
        fc.date({ noInvalidDate: false }).map(String),
        fc.integer(),
      ),
    },
    { requiredKeys: [] },
  ),
);

/** Property-based bad input for every route, generated from the spec's parameters. */
async function fuzz(p: Probe, operations: Operation[]) {
  let run = 0;
  for (const op of operations) {
    const samples = fc.sample(
      fc.record({
        path: fc.record(
          Object.fromEntries(
            op.pathParams.map(name => [
              name,
              fc.oneof(
                junkText,
                fc.constant(
                  name === 'id'
                    ? '6f1c1b7e-0000-4000-8000-000000000000'
                    : (PAYMENTS as any)[name] ?? 'x',
                ),
              ),
            ]),
          ),
        ),
        query: fc.dictionary(
          fc.oneof(
            fc.constantFrom(
              ...(op.queryParams.length ? op.queryParams : ['q']),
            ),
            junkText,
          ),
          fc.oneof(junkText, fc.array(junkText, { maxLength: 3 })),
          { maxKeys: 4 },
        ),
        body: fc.oneof(jsonJunk, fc.constant(undefined)),
        rawBody: fc.oneof(
          fc.constant(undefined),
          fc.constantFrom('{', 'null', '"x"', '[1,2', '\u0000'),
        ),
      }),
      { numRuns: PER_ROUTE, seed: SEED + run++ },
    );
    await pool(
      samples.map(sample => () => {
        const query = new URLSearchParams();
        for (const [key, value] of Object.entries(sample.query))
          for (const v of Array.isArray(value) ? value : [value])
            query.append(key, v);
        const qs = query.toString();
        const path = `/api/ops${fillPath(
          op,
          sample.path as Record<string, string>,
        )}${qs ? `?${qs}` : ''}`;
        const body = op.hasBody
          ? sample.rawBody ?? JSON.stringify(sample.body ?? {})
          : undefined;
        return call(p, path, { method: op.method, body });
      }),
    );
  }
}

/** The hostile entities: answered without a 5xx, without the secret, without an unsafe URL in what the UI renders. */
async function hostile(p: Probe, catalog: HostileCatalog) {
  const walk = (value: unknown, at: string, found: string[]) => {
    if (typeof value === 'string') {
      if (UNSAFE_URL.test(value)) found.push(`${at}: ${value.slice(0, 40)}`);
    } else if (value && typeof value === 'object')
      for (const [k, v] of Object.entries(value)) walk(v, `${at}.${k}`, found);
  };
  for (const name of catalog.entities) {
    const res = await call(p, `/api/ops/entities/component/default/${name}`);
    if (res.text.includes(catalog.secret)) {
      p.figures['files leaked']++;
      note(p, `leak: ${name}'s ops data holds the secret`);
    }
    if (res.status !== 200) {
      note(
        p,
        `catalog: ${name} answered ${res.status}: ${res.text.slice(0, 160)}`,
      );
      continue;
    }
    const body = JSON.parse(res.text);
    const found: string[] = [];
    walk(body.profile, 'profile', found);
    walk(body.escalationTargets, 'escalationTargets', found);
    p.figures['unsafe links'] += found.length;
    for (const f of found.slice(0, 3)) note(p, `unsafe: ${name} ${f}`);
  }
  // What the catalog serves of them (annotations included) holds no secret either.
  const entities = await call(
    p,
    '/api/catalog/entities/by-query?filter=kind=component&limit=100',
  );
  if (entities.text.includes(catalog.secret)) {
    p.figures['files leaked']++;
    note(p, 'leak: the catalog serves the secret in an annotation');
  }
  for (const path of [
    '/api/ops/compliance?limit=500',
    '/api/ops/compliance/export?format=json',
  ])
    if ((await call(p, path)).text.includes(catalog.secret)) {
      p.figures['files leaked']++;
      note(p, `leak: ${path} holds the secret`);
    }
}

const SIGNOFFS = '/api/ops/entities/component/default/payments-api/signoffs';

async function storedComments(p: Probe): Promise<string[]> {
  const res = await call(p, SIGNOFFS);
  return res.status === 200
    ? (JSON.parse(res.text).items as Array<{ comment?: string }>).map(
        s => s.comment ?? '',
      )
    : [];
}

/** Concurrent sign-offs: each one accepted is stored exactly once. */
async function writes(p: Probe, tag: string, count: number): Promise<string[]> {
  const comments = Array.from({ length: count }, (_, i) => `probe ${tag} ${i}`);
  const results = await pool(
    comments.map(
      comment => () =>
        call(p, SIGNOFFS, {
          method: 'POST',
          body: JSON.stringify({
            itemId: 'tests-passing',
            version: tag,
            comment,
          }),
        }),
    ),
    50,
  );
  const accepted = comments.filter((_, i) => results[i].status === 201);
  const stored = await storedComments(p);
  for (const comment of accepted) {
    const times = stored.filter(s => s === comment).length;
    if (times !== 1) {
      p.figures['writes lost']++;
      note(p, `write: "${comment}" stored ${times} times`);
    }
  }
  if (accepted.length !== count)
    note(p, `write: ${count - accepted.length} of ${count} sign-offs refused`);
  return accepted;
}

/** SQLite files in a directory (survive kill -9), or a PostgreSQL with a prefix of its own. */
type Database = { sqliteDir: string } | { postgres: string; prefix: string };

/** The scaffolder's dry run with hostile inputs: 200 (a failed step) or 4xx, nothing written outside the workspace. */
async function scaffolder(p: Probe) {
  const runs = hostileDryRuns(REPO_ROOT, SHORT ? 6 : 60, SEED);
  const statuses = new Map<string, number>();
  let refusedByAction = 0;
  await pool(
    runs.map(run => async () => {
      const res = await call(p, '/api/scaffolder/v2/dry-run', {
        method: 'POST',
        body: JSON.stringify(run.body),
      });
      if (res.status >= 500) note(p, `scaffolder: ${run.label}`);
      statuses.set(
        String(res.status),
        (statuses.get(String(res.status)) ?? 0) + 1,
      );
      // The ops actions' own refusals (InputError in the step's log): the inputs reached them.
      if (
        /outside the workspace|could not be|is not an? |InputError/.test(
          res.text,
        )
      )
        refusedByAction++;
      let answer: unknown;
      try {
        answer = JSON.parse(res.text);
      } catch {
        answer = undefined;
      }
      const escaped = escapedFiles(answer);
      if (escaped.length) {
        p.figures['files leaked'] += escaped.length;
        note(p, `scaffolder: ${run.label} wrote ${escaped.join(', ')}`);
      }
    }),
    4,
  );
  console.log(
    `probes: scaffolder dry runs ${[...statuses]
      .map(([k, v]) => `${v}×${k}`)
      .join(
        ', ',
      )}; ${refusedByAction} refused by an ops action with its message`,
  );
}

async function startBackend(database: Database, catalog: HostileCatalog) {
  const db =
    'sqliteDir' in database
      ? `{ client: better-sqlite3, connection: { directory: ${JSON.stringify(
          database.sqliteDir,
        )} } }`
      : `{ client: pg, connection: ${JSON.stringify(
          database.postgres,
        )}, prefix: ${database.prefix} }`;
  return startBackendProcess({
    host: '127.0.0.1',
    config: [
      'backend:',
      `  database: ${db}`,
      'catalog:',
      '  locations:',
      `    - { type: file, target: ${JSON.stringify(
        join(REPO_ROOT, 'examples/all.yaml'),
      )} }`,
      `    - { type: file, target: ${JSON.stringify(
        join(REPO_ROOT, 'examples/org.yaml'),
      )}, rules: [{ allow: [User, Group] }] }`,
      `    - { type: file, target: ${JSON.stringify(catalog.location)} }`,
      'ops:',
      '  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 10 }, initialDelay: { seconds: 2 } }',
    ],
    readyTimeoutMs: 180_000,
  });
}

/** PostgreSQL for the replicas phase: OPSKIT_PROBE_POSTGRES, or the local server when it answers. */
async function postgresUrl(): Promise<string | undefined> {
  const url =
    process.env.OPSKIT_PROBE_POSTGRES ?? 'postgresql://postgres@127.0.0.1:5432';
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  try {
    await db.raw('select 1');
    return url;
  } catch {
    return undefined;
  } finally {
    await db.destroy();
  }
}

/**
 * Two replicas on one PostgreSQL: sign-offs sent to both at once are all
 * stored once, and the startup evaluation (scope: global) runs on one of them.
 */
async function replicas(
  catalog: HostileCatalog,
  probe: (name: string, b: BackendProcess) => Probe,
  crashed: (p: Probe) => boolean,
) {
  const url = await postgresUrl();
  if (!url) {
    console.log(
      'probes: no PostgreSQL answering; the replicas phase is skipped',
    );
    return;
  }
  const prefix = `opskit_probe_${randomBytes(4).toString('hex')}_`;
  const database = { postgres: url, prefix };
  // One at a time: both would run the migrations at once otherwise (as replicas rolled out together do, but slower here).
  const a = await startBackend(database, catalog);
  const b = await startBackend(database, catalog).catch(async error => {
    await a.stop();
    throw error;
  });
  try {
    const pa = probe('2 replicas (PostgreSQL)', a);
    const pb: Probe = { ...pa, backend: b };
    // Wait until the startup evaluation is stored, then see how many runs there were.
    await a.waitFor(
      'the startup evaluation',
      async () =>
        (
          await (await a.api('/api/ops/compliance/summary')).json()
        ).evaluation,
      120_000,
    );
    await new Promise(r => setTimeout(r, 5000));
    const trend = JSON.parse((await call(pa, '/api/ops/compliance/trend')).text)
      .points as unknown[];
    if (trend.length !== 1) {
      pa.figures['double runs'] += Math.max(trend.length - 1, 1);
      note(pa, `replicas: ${trend.length} evaluations after one start`);
    }
    // Sign-offs to both replicas at once.
    const count = SHORT ? 40 : 200;
    const comments = Array.from(
      { length: count },
      (_, i) => `probe replica ${i}`,
    );
    const results = await pool(
      comments.map(
        (comment, i) => () =>
          call(i % 2 ? pb : pa, SIGNOFFS, {
            method: 'POST',
            body: JSON.stringify({
              itemId: 'tests-passing',
              version: 'replicas',
              comment,
            }),
          }),
      ),
      50,
    );
    const stored = await storedComments(pb);
    for (const [i, comment] of comments.entries())
      if (
        results[i].status === 201 &&
        stored.filter(s => s === comment).length !== 1
      ) {
        pa.figures['writes lost']++;
        note(pa, `replicas: "${comment}" not stored exactly once`);
      }
    crashed(pa);
    crashed(pb);
  } finally {
    await Promise.all([a.stop(), b.stop()]);
    await dropDatabases(url, prefix);
  }
}

/** The replicas' databases (one per plugin, named with the prefix) go when the run ends. */
async function dropDatabases(url: string, prefix: string) {
  const db = knexFactory({
    client: 'pg',
    connection: url,
    pool: { min: 0, max: 1 },
  });
  try {
    const { rows } = await db.raw(
      'select datname from pg_database where datname like ?',
      [`${prefix}%`],
    );
    for (const { datname } of rows as Array<{ datname: string }>)
      await db.raw(`drop database if exists "${datname}" with (force)`);
  } finally {
    await db.destroy();
  }
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-probes-'));
  const dbDir = join(dir, 'db');
  const catalog = writeHostileCatalog(dir);
  const operations = readOperations(REPO_ROOT);
  const phases: Array<[string, Figures]> = [];
  const findings: string[] = [];
  let backend = await startBackend({ sqliteDir: dbDir }, catalog);
  const probe = (name: string, b: BackendProcess): Probe => {
    const figures = emptyFigures();
    phases.push([name, figures]);
    return { backend: b, figures, findings };
  };
  const crashed = (p: Probe) => {
    if (p.backend.exited() !== undefined) {
      p.figures.crashes++;
      note(p, `crash: the backend exited (${p.backend.exited()})`);
      return true;
    }
    return false;
  };
  try {
    await backend.waitFor(
      'the hostile entities in the catalog',
      async () => {
        const res = await backend.api(
          '/api/catalog/entities/by-query?filter=kind=component,metadata.name=probe-unsafe-file&fields=metadata.annotations',
        );
        const body = await res.json();
        return (
          body.items?.[0]?.metadata.annotations?.['opskit.io/descriptor'] !==
          undefined
        );
      },
      120_000,
    );
    const started = Date.now();
    for (const [name, run] of [
      ['auth', (p: Probe) => authMatrix(p, operations)],
      ['fuzz', (p: Probe) => fuzz(p, operations)],
      ['catalog', (p: Probe) => hostile(p, catalog)],
      ['writes', (p: Probe) => writes(p, 'concurrent', CONCURRENT_WRITES)],
      ['scaffolder', (p: Probe) => scaffolder(p)],
    ] as const) {
      const p = probe(name, backend);
      await run(p);
      if (crashed(p)) break;
    }
    // kill -9 after writes, restart on the same database files: nothing accepted is lost.
    const before = probe('kill -9', backend);
    const accepted = await writes(before, 'before-kill', SHORT ? 20 : 100);
    process.kill(-backend.pid, 'SIGKILL');
    await new Promise(r => setTimeout(r, 500));
    await backend.stop();
    backend = await startBackend({ sqliteDir: dbDir }, catalog);
    before.backend = backend;
    const after = await storedComments(before);
    for (const comment of accepted)
      if (!after.includes(comment)) {
        before.figures['writes lost']++;
        note(before, `kill -9: "${comment}" lost`);
      }
    crashed(before);
    await replicas(catalog, probe, crashed);
    console.log(
      `probes: seed ${SEED}, ${SHORT ? 'short' : 'full'} run, ${
        operations.length
      } routes, ${((Date.now() - started) / 1000).toFixed(0)} s`,
    );
  } finally {
    await backend.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(table(phases));
  if (findings.length)
    console.log(`\nfindings:\n${findings.map(f => `  ${f}`).join('\n')}`);
  const total = emptyFigures();
  for (const [, f] of phases)
    for (const k of Object.keys(total) as Array<keyof Figures>)
      total[k] += f[k];
  const defects = DEFECTS.filter(d => total[d] > 0);
  if (REPORT)
    writeFileSync(
      REPORT,
      JSON.stringify({
        seed: SEED,
        figures: total,
        defects,
        passed: DEFECTS.length - defects.length,
        failed: defects.length,
      }),
    );
  console.log(
    defects.length
      ? `probes: defects in ${defects.join(', ')}`
      : 'probes: no defect figure above 0',
  );
  process.exit(defects.length ? 1 : 0);
}

main().catch(error => {
  console.error(`probes: ${error?.stack ?? error}`);
  if (REPORT)
    writeFileSync(
      REPORT,
      JSON.stringify({ passed: 0, failed: 1, error: String(error) }),
    );
  process.exit(1);
});
