import type { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import {
  evaluated,
  janeAuth,
  startOpsTestBackend,
} from '../__testUtils__/opsTestBackend';
import { groupSubtree } from './rollupMembers';

jest.setTimeout(60_000);

const group = (name: string, spec: object = {}): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', ...spec },
});

describe('groupSubtree', () => {
  it('reads the hierarchy from spec.children and from spec.parent', () => {
    const groups = [
      group('org', { children: ['a'] }),
      group('a', { children: ['group:default/a1'] }),
      group('a1'),
      group('b', { parent: 'org' }),
      group('b1', { parent: 'group:default/b' }),
      group('elsewhere'),
    ];
    expect(groupSubtree(groups, 'group:default/org').sort()).toEqual([
      'group:default/a',
      'group:default/a1',
      'group:default/b',
      'group:default/b1',
      'group:default/org',
    ]);
    expect(groupSubtree(groups, 'group:default/a1')).toEqual([
      'group:default/a1',
    ]);
  });

  it('walks a cycle in the data once', () => {
    const groups = [
      group('x', { children: ['y'], parent: 'z' }),
      group('y', { children: ['z'] }),
      group('z', { children: ['x'], parent: 'z' }),
      group('self', { children: ['self'], parent: 'self' }),
    ];
    expect(groupSubtree(groups, 'group:default/x').sort()).toEqual([
      'group:default/x',
      'group:default/y',
      'group:default/z',
    ]);
    expect(groupSubtree(groups, 'group:default/self')).toEqual([
      'group:default/self',
    ]);
  });
});

describe('GET /rollups', () => {
  let server: any;
  beforeAll(async () => {
    // The examples, with commerce in a domain, and an empty domain.
    const entities = exampleCatalog().map(e =>
      e.kind === 'System' && e.metadata.name === 'commerce'
        ? { ...e, spec: { ...e.spec, domain: 'shop' } }
        : e,
    );
    for (const name of ['shop', 'empty'])
      entities.push({
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Domain',
        metadata: { name, namespace: 'default' },
        spec: { owner: 'group:default/engineering' },
      });
    ({ server } = await startOpsTestBackend({
      features: [catalogServiceMock.factory({ entities })],
    }));
    await evaluated(server);
  });

  const rollup = (path: string) =>
    request(server).get(`/api/ops/rollups/${path}`).set(janeAuth);

  it('counts what a group and every group under it owns, worst first, paged', async () => {
    const all = await rollup('group/default/engineering');
    expect(all.status).toBe(200);
    expect(all.body.members).toHaveLength(8);
    expect(all.body.members).toContain('group:default/payments-oncall');
    const list = await request(server)
      .get('/api/ops/compliance?limit=50')
      .set(janeAuth);
    expect(all.body.entityCount).toBe(list.body.totalItems);
    const scores = all.body.worst.map((r: any) => r.score);
    expect(scores).toEqual([...scores].sort((a, b) => a - b));

    const team = await rollup('group/default/payments-team?limit=1');
    expect(team.body.entityCount).toBe(1);
    expect(team.body.worst.map((r: any) => r.entityRef)).toEqual([
      'component:default/payments-api',
    ]);
    const platform = await rollup('group/default/platform-team?limit=1');
    expect(platform.body.entityCount).toBe(2);
    expect(platform.body.worst).toHaveLength(1);
    const next = await rollup(
      `group/default/platform-team?limit=1&cursor=${encodeURIComponent(
        platform.body.nextCursor,
      )}`,
    );
    expect(next.body.worst).toHaveLength(1);
    expect(next.body.worst[0].entityRef).not.toBe(
      platform.body.worst[0].entityRef,
    );
    expect(Object.keys(platform.body.failingCounts).length).toBeGreaterThan(0);
  });

  it('counts what a system and a domain contain; an empty domain counts nothing', async () => {
    const system = await rollup('system/default/commerce');
    expect(system.body.entityCount).toBe(2);
    const domain = await rollup('domain/default/shop');
    expect(domain.body).toMatchObject({
      members: ['system:default/commerce'],
      entityCount: 2,
    });
    const empty = await rollup('domain/default/empty');
    expect(empty.body).toMatchObject({
      members: [],
      entityCount: 0,
      worst: [],
    });
  });

  it('filters the compliance list, summary and export by a group with the groups under it, and by a domain, as the roll-ups count', async () => {
    const get = (query: string) =>
      request(server).get(`/api/ops/${query}`).set(janeAuth);
    const refs = (res: any) =>
      res.body.items.map((r: any) => r.entityRef).sort();
    const engineering = await rollup('group/default/engineering?limit=100');
    const tree = await get('compliance?group=engineering&limit=100');
    expect(tree.status).toBe(200);
    expect(refs(tree)).toEqual(
      engineering.body.worst.map((r: any) => r.entityRef).sort(),
    );
    const summary = await get(
      'compliance/summary?group=group%3Adefault%2Fengineering',
    );
    expect(summary.body).toMatchObject({
      entityCount: engineering.body.entityCount,
    });
    // With an owner too, both apply: the owner inside the tree, or nothing.
    const team = await get(
      'compliance?group=engineering&owner=payments-team&limit=100',
    );
    expect(refs(team)).toEqual(['component:default/payments-api']);
    const outside = await get(
      'compliance?group=payments-team&owner=platform-team',
    );
    expect(outside.body.items).toEqual([]);
    // A domain: the entities of its systems; an empty one, nothing (not everything).
    const shop = await get('compliance?domain=shop&limit=100');
    const commerce = await get('compliance?system=commerce&limit=100');
    expect(refs(shop)).toEqual(refs(commerce));
    expect(refs(shop)).toHaveLength(2);
    expect((await get('compliance?domain=empty')).body.items).toEqual([]);
    const exported = await get('compliance/export?format=json&domain=shop');
    expect(exported.body.items).toHaveLength(2);
    // A group the catalog does not have owns only what names it.
    expect((await get('compliance?group=nobody')).body.items).toEqual([]);
    expect((await get('compliance?group=group%3A')).status).toBe(400);
  });

  it('answers 404 for an entity the catalog does not have, 400 for another kind', async () => {
    expect((await rollup('group/default/nobody')).status).toBe(404);
    expect((await rollup('component/default/payments-api')).status).toBe(400);
  });
});
