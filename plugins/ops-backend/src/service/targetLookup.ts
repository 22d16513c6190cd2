import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const TTL_MS = 60_000;

/**
 * Whether escalation targets exist in the catalog, remembered for a minute:
 * the Ops tab of every service of a team names the same on-call groups, and a
 * group's existence does not change from one page view to the next.
 */
export class TargetLookup {
  private known = new Map<string, { exists: boolean; at: number }>();

  constructor(private readonly catalog: CatalogService) {}

  async existing(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const now = Date.now();
    const missing = refs.filter(ref => {
      const hit = this.known.get(ref);
      return !hit || now - hit.at > TTL_MS;
    });
    if (missing.length) {
      const found = await this.catalog.getEntitiesByRefs(
        {
          entityRefs: missing,
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      const present = new Set(
        found.items
          .filter((e): e is Entity => Boolean(e))
          .map(e => stringifyEntityRef(e).toLowerCase()),
      );
      for (const ref of missing)
        this.known.set(ref, { exists: present.has(ref), at: now });
      if (this.known.size > 10_000) this.known.clear();
    }
    return new Set(refs.filter(ref => this.known.get(ref)?.exists));
  }
}
