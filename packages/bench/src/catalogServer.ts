/*
 * A catalog-compatible HTTP server for the evaluation benchmark: serves N
 * synthetic components plus the example org under the catalog's own routes
 * (by-query with cursor paging and `fields`, the unpaged list, by-name,
 * by-refs), so that the
 * ops plugin in the benchmark's backend talks to it through its own
 * CatalogClient (the backend's discovery points `catalog` here). The plugin
 * token the client sends is not checked. It also stands in for Prometheus:
 * `/api/v1/query` answers every instant query at once with a one-sample
 * vector (a new value each time, so every collection changes the facts),
 * and `/api/v1/rules` with no rules loaded.
 * Every entity has a `metadata.etag`, as the catalog's stored entities do.
 * Runs in its own process so the backend's RSS is the backend's alone.
 * A request for any other route is answered 404 and reported on stderr.
 * With `budgets`, the N components are budgetEntities.ts's (three SLOs with
 * an SLI each, in three environments) for the fact-collection benchmark,
 * whose backend asks a real Prometheus instead.
 *
 *   node -r @backstage/cli/config/nodeTransform.cjs src/catalogServer.ts <count> [budgets]
 *   prints `listening <port>` when ready.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readYamlDocuments } from '@opskit/plugin-ops-common';
import { budgetEntities } from './budgetEntities';
import { syntheticEntities } from './syntheticEntities';

const count = Number(process.argv[2] ?? 10000);
const components =
  process.argv[3] === 'budgets'
    ? budgetEntities(count)
    : syntheticEntities(count).map(e => ({
        ...e,
        metadata: { ...e.metadata, namespace: 'default' },
      }));
const org = readYamlDocuments(
  readFileSync(resolve(__dirname, '../../../examples/org.yaml'), 'utf8'),
  'org.yaml',
)
  .map(doc => doc.value as any)
  .filter(Boolean);
/**
 * 1,017 groups in 5 levels, as a large organisation's: org → 8 divisions →
 * 48 departments → 240 groups → 720 teams. The synthetic entities are owned
 * by team-0 … team-49; a division's or the org's roll-up walks the tree.
 * Parents list their children and children name their parent, as real
 * catalogs have both.
 */
const LEVELS = [
  { prefix: 'org', count: 1, type: 'organization' },
  { prefix: 'division', count: 8, type: 'division' },
  { prefix: 'department', count: 48, type: 'department' },
  { prefix: 'group', count: 240, type: 'group' },
  { prefix: 'team', count: 720, type: 'team' },
];
const nameAt = (level: number, i: number) =>
  level === 0 ? 'org' : `${LEVELS[level].prefix}-${i}`;
const teams = LEVELS.flatMap(({ count: size, type }, level) =>
  Array.from({ length: size }, (_group, i) => {
    const below = LEVELS[level + 1];
    const perParent = below ? below.count / size : 0;
    const parentCount = level > 0 ? LEVELS[level - 1].count : 0;
    const parentIndex =
      level > 0 ? Math.floor(i / (size / parentCount)) : undefined;
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: nameAt(level, i), namespace: 'default' },
      spec: {
        type,
        ...(parentIndex !== undefined
          ? { parent: nameAt(level - 1, parentIndex) }
          : {}),
        children: Array.from({ length: perParent }, (_child, j) =>
          nameAt(level + 1, i * perParent + j),
        ),
      },
    };
  }),
);
const entities: any[] = [...components, ...org, ...teams];
// As the catalog stitches them: every stored entity has an etag that changes with its content.
for (const entity of entities)
  entity.metadata.etag = createHash('sha1')
    .update(JSON.stringify(entity))
    .digest('base64url');
const refOf = (e: any) =>
  `${e.kind}:${e.metadata.namespace ?? 'default'}/${
    e.metadata.name
  }`.toLowerCase();
const byRef = new Map(entities.map(e => [refOf(e), e]));

function pick(entity: any, fields: string[] | undefined): any {
  if (!fields?.length) return entity;
  const out: any = {};
  for (const field of fields) {
    const parts = field.split('.');
    let src = entity;
    let dst = out;
    for (let i = 0; i < parts.length && src !== undefined; i++) {
      src = src[parts[i]];
      if (src === undefined) break;
      if (i === parts.length - 1) dst[parts[i]] = src;
      else dst = dst[parts[i]] ??= {};
    }
  }
  return out;
}

/** The entities of some kinds, listed once per kinds: a page is a slice of it (at 1,000,000, filtering per page was this server's own quadratic cost). */
const byKinds = new Map<string, any[]>();
function ofKinds(kinds: string[]): any[] {
  const key = kinds.join(',');
  let listed = byKinds.get(key);
  if (!listed) {
    listed = entities.filter(
      e => kinds.length === 0 || kinds.includes(e.kind.toLowerCase()),
    );
    byKinds.set(key, listed);
  }
  return listed;
}

function query(url: URL) {
  let state: { kinds: string[]; offset: number; fields?: string[] };
  const cursor = url.searchParams.get('cursor');
  const limit = Number(url.searchParams.get('limit') ?? 500);
  if (cursor) state = JSON.parse(Buffer.from(cursor, 'base64url').toString());
  else {
    const kinds = url.searchParams
      .getAll('filter')
      .flatMap(f => f.split(','))
      .filter(f => f.startsWith('kind='))
      .map(f => f.slice(5).toLowerCase());
    state = { kinds, offset: 0 };
  }
  const fields = url.searchParams
    .getAll('fields')
    .flatMap(f => f.split(','))
    .filter(Boolean);
  const matching = ofKinds(state.kinds);
  const items = matching
    .slice(state.offset, state.offset + limit)
    .map(e => pick(e, fields));
  const next =
    state.offset + limit < matching.length
      ? Buffer.from(
          JSON.stringify({ ...state, offset: state.offset + limit }),
        ).toString('base64url')
      : undefined;
  return {
    items,
    totalItems: matching.length,
    pageInfo: next ? { nextCursor: next } : {},
  };
}

const server = http.createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  const send = (status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  if (url.pathname === '/api/v1/query') {
    // Drained first: the client keeps its connection alive.
    req.resume();
    req.on('end', () =>
      send(200, {
        status: 'success',
        data: {
          resultType: 'vector',
          result: [
            {
              metric: {},
              value: [Date.now() / 1000, String(100 + Math.random())],
            },
          ],
        },
      }),
    );
    return undefined;
  }
  // No rules loaded: drift is not what this benchmark measures.
  if (url.pathname === '/api/v1/rules')
    return send(200, { status: 'success', data: { groups: [] } });
  if (req.method === 'GET' && url.pathname === '/api/catalog/entities/by-query')
    return send(200, query(url));
  // The unpaged list (CatalogClient.getEntities): what a roll-up reads the group tree with.
  if (req.method === 'GET' && url.pathname === '/api/catalog/entities') {
    const all: any[] = [];
    let cursor: string | undefined;
    do {
      const page = new URL(url);
      page.searchParams.set('limit', '10000');
      if (cursor) page.searchParams.set('cursor', cursor);
      const answer = query(page);
      all.push(...answer.items);
      cursor = answer.pageInfo.nextCursor;
    } while (cursor);
    return send(200, all);
  }
  const byName = url.pathname.match(
    /^\/api\/catalog\/entities\/by-name\/([^/]+)\/([^/]+)\/([^/]+)$/,
  );
  if (req.method === 'GET' && byName) {
    const entity = byRef.get(
      `${byName[1]}:${byName[2]}/${byName[3]}`.toLowerCase(),
    );
    return entity
      ? send(200, entity)
      : send(404, { error: { name: 'NotFoundError', message: 'not found' } });
  }
  if (
    req.method === 'POST' &&
    url.pathname === '/api/catalog/entities/by-refs'
  ) {
    let body = '';
    req.on('data', c => (body += c));
    req.on('end', () => {
      const { entityRefs, fields } = JSON.parse(body || '{}');
      send(200, {
        items: (entityRefs ?? []).map((r: string) =>
          byRef.has(r.toLowerCase())
            ? pick(byRef.get(r.toLowerCase()), fields)
            : null,
        ),
      });
    });
    return undefined;
  }
  console.error(`catalog server: no route for ${req.method} ${req.url}`);
  return send(404, {
    error: { name: 'NotFoundError', message: `${req.method} ${url.pathname}` },
  });
});

server.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`listening ${address.port}`);
});
