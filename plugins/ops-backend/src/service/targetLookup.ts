import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';

const TTL_MS = 60_000;

/**
 * Whether escalation targets exist in the catalog, remembered for a minute:
 * the Ops tab of every service of a team names the same on-call groups, and a
 * group's existence does not change from one page view to the next.
 *
 * What exists is what the caller may see: the catalog answers with the
 * caller's credentials, and an answer is remembered for that caller only, so
 * one user's lookup never tells another that a group hidden from them exists.
 */
export class TargetLookup {
  private known = new Map<string, { exists: boolean; at: number }>();

  constructor(private readonly catalog: CatalogService) {}

  async existing(
    refs: string[],
    credentials: BackstageCredentials,
  ): Promise<Set<string>> {
    const now = Date.now();
    const caller = callerKey(credentials);
    const key = (ref: string) => `${caller}\n${ref}`;
    const missing = refs.filter(ref => {
      const hit = this.known.get(key(ref));
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
      if (this.known.size > 10_000) this.known.clear();
      for (const ref of missing)
        this.known.set(key(ref), { exists: present.has(ref), at: now });
    }
    return new Set(refs.filter(ref => this.known.get(key(ref))?.exists));
  }
}

/** Who is asking, as far as catalog visibility can differ between callers. */
export function callerKey(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  return `${principal.type}:${
    principal.userEntityRef ?? principal.subject ?? ''
  }`;
}
