import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  stringifyEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { LruCache } from '../database/LruCache';
import type { ComplianceFilter } from '../database/OpsStore';
import { MATCHES_NOTHING } from './entityReadScope';

/** `kind:namespace/name`, lower-case, with the kind and namespace a relation field implies. */
function refOf(
  value: unknown,
  defaultKind: string,
  defaultNamespace: string,
): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    return stringifyEntityRef(
      parseEntityRef(value, { defaultKind, defaultNamespace }),
    ).toLowerCase();
  } catch {
    return undefined;
  }
}

const ownRef = (entity: Entity) => stringifyEntityRef(entity).toLowerCase();

/**
 * A group and every group under it. The hierarchy is read both ways (a
 * parent's `spec.children` and a child's `spec.parent`), since catalogs fill
 * in one or the other; a cycle in the data is walked once.
 */
export function groupSubtree(groups: Entity[], root: string): string[] {
  const children = new Map<string, Set<string>>();
  const add = (parent: string | undefined, child: string | undefined) => {
    if (!parent || !child || parent === child) return;
    const set = children.get(parent) ?? new Set<string>();
    set.add(child);
    children.set(parent, set);
  };
  for (const group of groups) {
    const self = ownRef(group);
    const namespace = group.metadata.namespace ?? 'default';
    const spec = (group.spec ?? {}) as { children?: unknown; parent?: unknown };
    if (Array.isArray(spec.children))
      for (const child of spec.children)
        add(self, refOf(child, 'group', namespace));
    add(refOf(spec.parent, 'group', namespace), self);
  }
  const seen = new Set<string>([root]);
  const queue = [root];
  while (queue.length) {
    for (const child of children.get(queue.shift()!) ?? [])
      if (!seen.has(child)) {
        seen.add(child);
        queue.push(child);
      }
  }
  return [...seen];
}

/** How long a caller's view of the group tree (or the systems) is reused: an org chart changes rarely. */
const TREE_TTL_MS = 30_000;

/**
 * What a roll-up counts, as the caller may see it in the catalog: the
 * owners (a group's subtree) or the systems (a system, or a domain's
 * systems). The groups and systems are read once per caller and kind every
 * 30 s: keyed by caller, so one caller's view never answers another's.
 */
export class RollupMembers {
  private readonly lists = new LruCache<{
    at: number;
    items: Promise<Entity[]>;
  }>(200);

  constructor(private readonly catalog: CatalogService) {}

  private list(kind: 'Group' | 'System', credentials: BackstageCredentials) {
    const principal = credentials.principal as {
      userEntityRef?: string;
      subject?: string;
      type: string;
    };
    const key = `${kind}\n${principal.type}:${
      principal.userEntityRef ?? principal.subject ?? ''
    }`;
    const load = () => ({
      at: Date.now(),
      items: this.catalog
        .getEntities(
          {
            filter: { kind },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'spec.children',
              'spec.parent',
              'spec.domain',
            ],
          },
          { credentials },
        )
        .then(r => r.items),
    });
    let entry = this.lists.get(key, load);
    if (Date.now() - entry.at > TREE_TTL_MS) {
      this.lists.delete(key);
      entry = this.lists.get(key, load);
    }
    return entry.items;
  }

  async of(
    entity: Entity,
    credentials: BackstageCredentials,
  ): Promise<{ owner?: string[]; system?: string[] }> {
    const self = ownRef(entity);
    const kind = entity.kind.toLowerCase();
    if (kind === 'system') return { system: [self] };
    if (kind === 'group')
      return {
        owner: groupSubtree(await this.list('Group', credentials), self),
      };
    // A domain: the systems whose spec.domain names it.
    return {
      system: (await this.list('System', credentials))
        .filter(
          system =>
            refOf(
              (system.spec as { domain?: unknown } | undefined)?.domain,
              'domain',
              system.metadata.namespace ?? 'default',
            ) === self,
        )
        .map(ownRef),
    };
  }

  /**
   * A compliance filter's `group` and `domain` as the owners and systems
   * their roll-ups count, met with any owner or system asked as well (the
   * filters all apply): "payments-team and the teams under it, tier-1 only".
   */
  async resolve(
    filter: ComplianceFilter,
    credentials: BackstageCredentials,
  ): Promise<ComplianceFilter> {
    const { group, domain, ...rest } = filter;
    const out: ComplianceFilter = rest;
    const members = async (kind: 'Group' | 'Domain', refs: string[]) => {
      const found = await Promise.all(
        refs.map(ref => {
          const { namespace, name } = parseEntityRef(ref);
          return this.of(
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind,
              metadata: { namespace, name },
            },
            credentials,
          );
        }),
      );
      return found.flatMap(m => m.owner ?? m.system ?? []);
    };
    if (group?.length)
      out.owner = meet(rest.owner, await members('Group', group));
    if (domain?.length)
      out.system = meet(rest.system, await members('Domain', domain));
    return out;
  }
}

/** What both lists allow; a filter that allows nothing must not read as no filter. */
function meet(asked: string[] | undefined, members: string[]): string[] {
  const allowed = asked
    ? members.filter(m => asked.some(a => a.toLowerCase() === m))
    : members;
  return allowed.length ? [...new Set(allowed)] : [MATCHES_NOTHING];
}
