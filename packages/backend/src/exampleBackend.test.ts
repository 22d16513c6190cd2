/*
 * Starts the real example backend (real catalog loading examples/ through the
 * ops catalog module, SQLite, ops-backend) as a child process and exercises
 * the ops API over HTTP with the static token from app-config.yaml.
 */
import { readdirSync, readFileSync } from 'node:fs';
import {
  buildOpsProfile,
  readYaml,
  withLocalDescriptor,
} from '@opskit/plugin-ops-common';
import { join } from 'node:path';
import {
  REPO_ROOT as ROOT,
  STATIC_TOKEN as TOKEN,
  startBackendProcess,
  type BackendProcess,
} from './testing/backendProcess';

jest.setTimeout(240_000);

const auth = { Authorization: `Bearer ${TOKEN}` };

let backend: BackendProcess | undefined;
let BASE = '';

const waitFor = <T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
) => backend!.waitFor(what, probe, timeoutMs);

const get = (path: string, headers: Record<string, string> = auth) =>
  fetch(`${BASE}${path}`, { headers });

beforeAll(async () => {
  // A free port, so a backend on 7007 (or another run of this test) is no obstacle.
  backend = await startBackendProcess({
    config: [
      'ops:',
      '  schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 }, initialDelay: { seconds: 1 } }',
    ],
    readyTimeoutMs: 180_000,
  });
  BASE = backend.baseUrl;
  // The catalog module has carried payments-api's ops.yaml into its annotations.
  await waitFor(
    'the examples in the catalog',
    async () => {
      const res = await get(
        '/api/catalog/entities/by-query?filter=kind=component&fields=metadata.name,metadata.annotations',
      );
      const body = await res.json();
      const withDescriptor = body.items?.filter(
        (e: any) => e.metadata.annotations?.['opskit.io/descriptor'],
      );
      return body.items?.length === 5 && withDescriptor.length === 4
        ? true
        : undefined;
    },
    60_000,
  );
});

afterAll(async () => {
  await backend?.stop();
});

describe('the example backend', () => {
  it('refuses the ops API without a token', async () => {
    expect((await get('/api/ops/compliance', {})).status).toBe(401);
    expect((await get('/api/ops/health', {})).status).toBe(200);
  });

  it('evaluates the examples on refresh and serves the compliance list', async () => {
    const refresh = await fetch(`${BASE}/api/ops/refresh`, {
      method: 'POST',
      headers: auth,
    });
    expect([202, 409]).toContain(refresh.status);
    const summary = await waitFor(
      'an evaluation',
      async () => {
        const body = await (await get('/api/ops/compliance/summary')).json();
        return body.evaluation?.entityCount === 5 ? body : undefined;
      },
      60_000,
    );
    expect(summary.stale).toBe(false);
    expect(summary.owners.map((o: any) => o.owner).sort()).toEqual([
      'group:default/inventory-team',
      'group:default/payments-team',
      'group:default/platform-team',
    ]);

    const list = await (
      await get('/api/ops/compliance?sort=score&order=desc')
    ).json();
    expect(list.items.map((i: any) => i.entityRef)).toContain(
      'component:default/payments-api',
    );
    const csv = await (
      await get('/api/ops/compliance/export?format=csv')
    ).text();
    expect(csv.trim().split('\r\n')).toHaveLength(6);
  });

  it("serves a service's profile read from its ops.yaml, and a broken one's issues", async () => {
    const payments = await (
      await get('/api/ops/entities/component/default/payments-api')
    ).json();
    expect(payments.profile.tier).toBe('tier-1');
    expect(payments.profile.sources.slos).toBe('descriptor');
    expect(payments.issues.filter((i: any) => i.severity === 'error')).toEqual(
      [],
    );
    const broken = await (
      await get('/api/ops/entities/component/default/legacy-billing')
    ).json();
    expect(
      broken.issues.filter((i: any) => i.severity === 'error').length,
    ).toBeGreaterThan(0);
  });

  it('records a sign-off from CI with the static token', async () => {
    const res = await fetch(
      `${BASE}/api/ops/entities/component/default/payments-api/signoffs`,
      {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ itemId: 'tests-passing', version: '2.4.0' }),
      },
    );
    expect(res.status).toBe(201);
    expect((await res.json()).by).toBe('opskit-scripts');
    const bad = await fetch(
      `${BASE}/api/ops/entities/component/default/payments-api/signoffs`,
      {
        method: 'POST',
        headers: { ...auth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ itemId: 42 }),
      },
    );
    expect(bad.status).toBe(400);
  });

  it('runs the service-with-ops template through the real scaffolder (dry run)', async () => {
    const dir = join(ROOT, 'examples/templates/service-with-ops');
    const template = readYaml(
      readFileSync(join(dir, 'template.yaml'), 'utf8'),
      'template.yaml',
    ).value;
    const directoryContents = listFiles(join(dir, 'skeleton')).map(path => ({
      path: `skeleton/${path}`,
      base64Content: readFileSync(join(dir, 'skeleton', path)).toString(
        'base64',
      ),
    }));
    const res = await fetch(`${BASE}/api/scaffolder/v2/dry-run`, {
      method: 'POST',
      headers: { ...auth, 'Content-Type': 'application/json' },
      body: JSON.stringify({
        template,
        values: {
          name: 'orders-api',
          description: 'Takes orders',
          owner: 'group:default/payments-team',
          tier: 'tier-2',
          onCallGroup: 'group:default/payments-oncall',
          environments: [
            { name: 'staging' },
            { name: 'production', url: 'https://orders.example.com' },
          ],
        },
        directoryContents,
      }),
    });
    const body = await res.json();
    expect({
      status: res.status,
      log: res.status === 200 ? undefined : body,
    }).toEqual({ status: 200, log: undefined });
    const files = Object.fromEntries(
      body.directoryContents.map(
        (f: { path: string; base64Content: string }) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ],
      ),
    );
    expect(Object.keys(files).sort()).toEqual([
      'README.md',
      'catalog-info.yaml',
      'docs/index.md',
      'docs/runbook.md',
      'mkdocs.yml',
      'ops.yaml',
      'package.json',
      'src/index.js',
    ]);

    // The catalog would read this pair as a valid tier-2 service with the answers and the org defaults.
    const entity = withLocalDescriptor(
      readYaml(files['catalog-info.yaml'], 'catalog-info.yaml').value as any,
      path => files[path],
    );
    expect(entity.metadata?.annotations).toMatchObject({
      'opskit.io/ops-ref': 'dir:.',
      'opskit.io/tier': 'tier-2',
      'backstage.io/techdocs-ref': 'dir:.',
    });
    expect(files['catalog-info.yaml']).toContain(
      '# orders-api: created from the "New service with ops defaults" template.',
    );
    const { profile, issues } = buildOpsProfile(entity);
    expect(issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(profile.environments?.map(e => e.name)).toEqual([
      'staging',
      'production',
    ]);
    expect(profile.escalation?.[0].targets).toEqual([
      'group:default/payments-oncall',
    ]);
    expect(profile.slos?.length).toBeGreaterThan(0);
    expect(files['docs/runbook.md']).toMatch(
      /^# orders-api — operations runbook/,
    );
    expect(files['docs/runbook.md']).toContain(
      '> **TODO:** Name the monitoring tools',
    );
    expect(files['mkdocs.yml']).toContain('Runbook: runbook.md');
    expect(JSON.stringify(body.output)).toContain('starts at tier-2');
  });
});

function listFiles(root: string, prefix = ''): string[] {
  return readdirSync(join(root, prefix), { withFileTypes: true }).flatMap(
    entry =>
      entry.isDirectory()
        ? listFiles(root, join(prefix, entry.name))
        : [join(prefix, entry.name)],
  );
}
