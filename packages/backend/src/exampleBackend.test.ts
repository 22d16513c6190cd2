/*
 * Starts the real example backend (real catalog loading examples/ through the
 * ops catalog module, SQLite, ops-backend) as a child process and exercises
 * the ops API over HTTP with the static token from app-config.yaml.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

jest.setTimeout(240_000);

const PORT = 7017;
const BASE = `http://localhost:${PORT}`;
const TOKEN = 'opskit-example-static-token';
const auth = { Authorization: `Bearer ${TOKEN}` };
const ROOT = resolve(__dirname, '../../..');

let child: ChildProcess | undefined;
let output = '';

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < until) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`backend exited (${child.exitCode}) while waiting for ${what}:\n${output.slice(-4000)}`);
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error(`timed out waiting for ${what} (${String(last)}):\n${output.slice(-4000)}`);
}

const get = (path: string, headers: Record<string, string> = auth) => fetch(`${BASE}${path}`, { headers });

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-it-'));
  const config = join(dir, 'app-config.test.yaml');
  writeFileSync(
    config,
    [
      'backend:',
      `  baseUrl: ${BASE}`,
      `  listen: { port: ${PORT} }`,
      'ops:',
      '  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 }, initialDelay: { seconds: 1 } }',
      '',
    ].join('\n'),
  );
  child = spawn(
    process.execPath,
    [join(ROOT, 'node_modules/@backstage/cli/bin/backstage-cli'), 'package', 'start', '--config', join(ROOT, 'app-config.yaml'), '--config', config],
    { cwd: join(ROOT, 'packages/backend'), env: { ...process.env, NODE_ENV: 'development' }, detached: true, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  child.stdout!.on('data', d => (output += d));
  child.stderr!.on('data', d => (output += d));
  await waitFor('the ops plugin', async () => ((await fetch(`${BASE}/api/ops/health`)).ok ? true : undefined), 180_000);
  // The catalog module has carried payments-api's ops.yaml into its annotations.
  await waitFor(
    'the examples in the catalog',
    async () => {
      const res = await get('/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name,metadata.annotations');
      const body = await res.json();
      const withDescriptor = body.items?.filter((e: any) => e.metadata.annotations?.['opskit.io/descriptor']);
      return body.items?.length === 4 && withDescriptor.length === 3 ? true : undefined;
    },
    60_000,
  );
});

afterAll(async () => {
  if (child?.pid) {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      // already gone
    }
  }
});

describe('the example backend', () => {
  it('refuses the ops API without a token', async () => {
    expect((await get('/api/ops/compliance', {})).status).toBe(401);
    expect((await get('/api/ops/health', {})).status).toBe(200);
  });

  it('evaluates the examples on refresh and serves the compliance list', async () => {
    const refresh = await fetch(`${BASE}/api/ops/refresh`, { method: 'POST', headers: auth });
    expect([202, 409]).toContain(refresh.status);
    const summary = await waitFor(
      'an evaluation',
      async () => {
        const body = await (await get('/api/ops/compliance/summary')).json();
        return body.evaluation?.entityCount === 4 ? body : undefined;
      },
      60_000,
    );
    expect(summary.stale).toBe(false);
    expect(summary.owners.map((o: any) => o.owner).sort()).toEqual(['group:default/inventory-team', 'group:default/payments-team', 'group:default/platform-team']);

    const list = await (await get('/api/ops/compliance?sort=score&order=desc')).json();
    expect(list.items.map((i: any) => i.entityRef)).toContain('component:default/payments-api');
    const csv = await (await get('/api/ops/compliance/export?format=csv')).text();
    expect(csv.trim().split('\r\n')).toHaveLength(5);
  });

  it("serves a service's profile read from its ops.yaml, and a broken one's issues", async () => {
    const payments = await (await get('/api/ops/entities/component/default/payments-api')).json();
    expect(payments.profile.tier).toBe('tier-1');
    expect(payments.profile.sources.slos).toBe('descriptor');
    expect(payments.issues.filter((i: any) => i.severity === 'error')).toEqual([]);
    const broken = await (await get('/api/ops/entities/component/default/legacy-billing')).json();
    expect(broken.issues.filter((i: any) => i.severity === 'error').length).toBeGreaterThan(0);
  });

  it('records a sign-off from CI with the static token', async () => {
    const res = await fetch(`${BASE}/api/ops/entities/component/default/payments-api/signoffs`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ itemId: 'tests-passing', version: '2.4.0' }),
    });
    expect(res.status).toBe(201);
    expect((await res.json()).by).toBe('opskit-scripts');
    const bad = await fetch(`${BASE}/api/ops/entities/component/default/payments-api/signoffs`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({ itemId: 42 }),
    });
    expect(bad.status).toBe(400);
  });
});
