/*
 * How fast the compliance API follows a change, against the real example
 * backend (real catalog reading the examples as file locations, the ops
 * catalog module, ops-backend, SQLite), with no full run in between (the
 * schedule is manual after the first one):
 *
 * - catalog change: payments-api's ops.yaml is edited (its tier flips
 *   between tier-1 and tier-2), the catalog is asked to refresh the entity,
 *   and the catalog API and the compliance API are polled every 20 ms. Times
 *   are from the refresh request to the catalog serving the new descriptor,
 *   and from there to the compliance list showing the new tier.
 * - waivers: a failing check of legacy-billing is waived, then the waiver is
 *   revoked. Times are from the request to the compliance list showing the
 *   change (the write returns after the re-score, so this is one POST and one GET).
 * - sign-offs: payments-api releases a new version (its ops.yaml gains a
 *   versionHistory entry), three of its four checklist items are signed off,
 *   and the last one is timed to the list no longer failing
 *   checklist-signed-off.
 *
 *   yarn workspace bench bench:follow      (BENCH_FOLLOW_ROUNDS, default 20)
 */
import {
  cpSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// eslint-disable-next-line @backstage/no-forbidden-package-imports -- the backend package's test helper, read from source
import {
  REPO_ROOT,
  STATIC_TOKEN,
  startBackendProcess,
  type BackendProcess,
} from 'backend/src/testing/backendProcess';

const ROUNDS = Number(process.env.BENCH_FOLLOW_ROUNDS ?? 20);
const POLL_MS = 20;
const auth = {
  Authorization: `Bearer ${STATIC_TOKEN}`,
  'Content-Type': 'application/json',
};

function pct(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

function line(what: string, values: number[]) {
  return `  ${what.padEnd(44)} n ${values.length}, p50 ${pct(
    values,
    0.5,
  )} ms, p95 ${pct(values, 0.95)} ms, max ${Math.max(...values)} ms`;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'opskit-follow-'));
  const examples = join(dir, 'examples');
  cpSync(join(REPO_ROOT, 'examples'), examples, { recursive: true });
  const opsFile = join(examples, 'payments-api/ops.yaml');
  const original = readFileSync(opsFile, 'utf8');
  let backend: BackendProcess | undefined;
  try {
    backend = await startBackendProcess({
      config: [
        'catalog:',
        '  locations:',
        `    - { type: file, target: ${join(examples, 'all.yaml')} }`,
        `    - { type: file, target: ${join(
          examples,
          'org.yaml',
        )}, rules: [{ allow: [User, Group] }] }`,
        'ops:',
        '  schedule: { frequency: { trigger: manual }, timeout: { minutes: 5 }, initialDelay: { seconds: 1 } }',
      ],
      readyTimeoutMs: 180_000,
    });
    const base = backend.baseUrl;
    const api = async (path: string, init: RequestInit = {}) => {
      const res = await fetch(`${base}${path}`, { ...init, headers: auth });
      if (!res.ok)
        throw new Error(`${path}: ${res.status} ${await res.text()}`);
      const text = await res.text();
      return text ? JSON.parse(text) : undefined;
    };
    const row = async (name: string) =>
      (await api(`/api/ops/compliance?q=${name}&limit=5`)).items.find(
        (r: any) => r.entityRef === `component:default/${name}`,
      );
    const poll = async (probe: () => Promise<boolean>, what: string) => {
      const started = Date.now();
      while (!(await probe())) {
        if (Date.now() - started > 60_000)
          throw new Error(`${what} did not happen within 60 s`);
        await new Promise(r => setTimeout(r, POLL_MS));
      }
      return Date.now();
    };
    await backend.waitFor(
      'the first evaluation of the examples',
      async () => ((await row('payments-api'))?.tier ? true : undefined),
      120_000,
    );

    const catalogServes: number[] = [];
    const complianceFollows: number[] = [];
    const refreshToScore: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const tier = i % 2 === 0 ? 'tier-2' : 'tier-1';
      writeFileSync(
        opsFile,
        original.replace(/^tier: tier-1$/m, `tier: ${tier}`),
      );
      const asked = Date.now();
      await api('/api/catalog/refresh', {
        method: 'POST',
        body: JSON.stringify({ entityRef: 'component:default/payments-api' }),
      });
      const served = await poll(async () => {
        const entity = await api(
          '/api/catalog/entities/by-name/component/default/payments-api',
        );
        return (
          entity.metadata.annotations['opskit.io/descriptor']?.includes(
            `"tier":"${tier}"`,
          ) ?? false
        );
      }, `the catalog serving ${tier}`);
      const scored = await poll(
        async () => (await row('payments-api'))?.tier === tier,
        `the compliance list showing ${tier}`,
      );
      catalogServes.push(served - asked);
      complianceFollows.push(scored - served);
      refreshToScore.push(scored - asked);
    }

    const legacy = await row('legacy-billing');
    const checkId: string = legacy.failingChecks[0];
    const waived: number[] = [];
    const revoked: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      let started = Date.now();
      const waiver = await api(
        '/api/ops/entities/component/default/legacy-billing/waivers',
        {
          method: 'POST',
          body: JSON.stringify({
            checkId,
            reason: 'benchmark',
            expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
          }),
        },
      );
      waived.push(
        (await poll(
          async () =>
            !(await row('legacy-billing')).failingChecks.includes(checkId),
          'the waiver showing',
        )) - started,
      );
      started = Date.now();
      await api(`/api/ops/waivers/${waiver.id}`, { method: 'DELETE' });
      revoked.push(
        (await poll(
          async () =>
            (await row('legacy-billing')).failingChecks.includes(checkId),
          'the revocation showing',
        )) - started,
      );
    }

    // Sign-offs: each round releases a new version (its checklist unsigned), signs off all but one item, then times the last.
    const items = [
      'tests-passing',
      'code-reviewed',
      'migrations-ready',
      'rollback-plan',
    ];
    const signedOff: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const version = `2.5.${i}`;
      writeFileSync(
        opsFile,
        original.replace(
          /^versionHistory:\n/m,
          `versionHistory:\n  - {version: "${version}", date: "2026-11-03", author: jane, changes: [Release ${version}]}\n`,
        ),
      );
      await api('/api/catalog/refresh', {
        method: 'POST',
        body: JSON.stringify({ entityRef: 'component:default/payments-api' }),
      });
      await poll(
        async () =>
          (
            await row('payments-api')
          )?.failingChecks.includes('checklist-signed-off'),
        `version ${version} awaiting its sign-offs`,
      );
      const signOff = (itemId: string) =>
        api('/api/ops/entities/component/default/payments-api/signoffs', {
          method: 'POST',
          body: JSON.stringify({ itemId, version }),
        });
      for (const itemId of items.slice(0, -1)) await signOff(itemId);
      const started = Date.now();
      await signOff(items.at(-1)!);
      signedOff.push(
        (await poll(
          async () =>
            !(
              await row('payments-api')
            ).failingChecks.includes('checklist-signed-off'),
          'the last sign-off showing',
        )) - started,
      );
    }

    console.log(`follow: the example backend (SQLite), ${ROUNDS} rounds each`);
    console.log(
      line('ops.yaml edit: refresh -> catalog serves it', catalogServes),
    );
    console.log(
      line('ops.yaml edit: catalog serves -> compliance', complianceFollows),
    );
    console.log(line('ops.yaml edit: refresh -> compliance', refreshToScore));
    console.log(line(`waiver of ${checkId}: request -> compliance`, waived));
    console.log(line('waiver revoked: request -> compliance', revoked));
    console.log(
      line('last checklist sign-off: request -> compliance', signedOff),
    );
  } finally {
    await backend?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
