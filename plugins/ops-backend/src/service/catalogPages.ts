import type { AuthService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

type QueryEntitiesRequest = NonNullable<
  Parameters<CatalogService['queryEntities']>[0]
>;

/**
 * Only what building a profile reads: keeps catalog pages small at 100,000 entities.
 *
 * @public
 */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.dependsOn',
  'relations',
];

/**
 * One page of a catalog walk: the filter on the first request, then only the
 * cursor (which carries it), as the catalog's cursor API requires. The
 * evaluation, the fact collection and the principal lookup all page this way.
 */
export function pageRequest(
  options: { kinds: string[]; fields: string[]; limit: number },
  cursor?: string,
): QueryEntitiesRequest {
  return cursor
    ? { cursor, limit: options.limit, fields: options.fields }
    : {
        filter: { kind: options.kinds },
        limit: options.limit,
        fields: options.fields,
        totalItems: 'exclude',
      };
}

/** Lower-case refs of every catalog user and group: what escalation targets must name. */
export async function readKnownPrincipals(
  catalog: CatalogService,
  auth: AuthService,
): Promise<Set<string>> {
  const credentials = await auth.getOwnServiceCredentials();
  const known = new Set<string>();
  let cursor: string | undefined;
  do {
    const page = await catalog.queryEntities(
      pageRequest(
        {
          kinds: ['User', 'Group'],
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
          limit: 1000,
        },
        cursor,
      ),
      { credentials },
    );
    for (const entity of page.items)
      known.add(stringifyEntityRef(entity).toLowerCase());
    cursor = page.pageInfo.nextCursor;
  } while (cursor);
  return known;
}
