import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type ConditionalPolicyDecision,
  type PermissionCondition,
  type PermissionCriteria,
} from '@backstage/plugin-permission-common';
import {
  opsEntityReadPermission,
  type ComplianceFilter,
} from '@opskit/plugin-ops-common';

/** Which entities a caller's list may show, in the columns the store filters on. */
export type EntityScope = Pick<ComplianceFilter, 'owner' | 'kind'>;

/**
 * Matches no stored row: entity refs and kinds never contain a space. What an
 * empty intersection becomes, since an empty list means "no filter".
 */
export const MATCHES_NOTHING = 'nothing permitted';

/** The catalog rules the stored rows can answer: their owner and kind columns. */
const RULE_COLUMNS: Record<string, { key: keyof EntityScope; param: string }> =
  {
    IS_ENTITY_OWNER: { key: 'owner', param: 'claims' },
    IS_ENTITY_KIND: { key: 'kind', param: 'kinds' },
  };

/**
 * The entities `ops.entity.read` lets the caller see across the catalog, for
 * the compliance list, summary and export: all of them (`{}`), those a
 * policy's catalog conditions name (owner and kind rules, with allOf and
 * anyOf), or a 403 that says which condition the stored rows cannot apply.
 */
export async function entityReadScope(
  permissions: PermissionsService,
  credentials: BackstageCredentials,
): Promise<EntityScope> {
  const [decision] = await permissions.authorizeConditional(
    [{ permission: opsEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return {};
  if (decision.result === AuthorizeResult.DENY)
    throw new NotAllowedError(
      `you are not allowed to read ops data of any entity (${opsEntityReadPermission.name})`,
    );
  // Conditional: the policy's catalog conditions, as the stored rows can apply them.
  return toScope(
    (decision as ConditionalPolicyDecision).conditions as PermissionCriteria<
      PermissionCondition<string>
    >,
  );
}

function toScope(
  criteria: PermissionCriteria<PermissionCondition<string>>,
): EntityScope {
  if ('allOf' in criteria)
    return criteria.allOf.map(toScope).reduce(intersect, {});
  if ('anyOf' in criteria) {
    const scopes = criteria.anyOf.map(toScope);
    const keys = new Set(scopes.flatMap(s => Object.keys(s)));
    // (owner a) or (owner b) is owner a or b; (owner a) or (kind b) has no one filter.
    if (keys.size === 1 && scopes.every(s => Object.keys(s).length === 1)) {
      const [key] = keys as Set<keyof EntityScope>;
      return { [key]: [...new Set(scopes.flatMap(s => s[key]!))] };
    }
    return unsupported('anyOf over different rules');
  }
  if ('not' in criteria) return unsupported('not');
  const column = Object.prototype.hasOwnProperty.call(
    RULE_COLUMNS,
    criteria.rule,
  )
    ? RULE_COLUMNS[criteria.rule]
    : undefined;
  const values = column && (criteria.params as any)?.[column.param];
  if (!column || !Array.isArray(values)) return unsupported(criteria.rule);
  return {
    [column.key]: values.length
      ? values.map(v => String(v).toLowerCase())
      : [MATCHES_NOTHING],
  };
}

function intersect(a: EntityScope, b: EntityScope): EntityScope {
  const out: EntityScope = { ...a };
  for (const key of Object.keys(b) as Array<keyof EntityScope>) {
    const both = a[key] ? a[key]!.filter(v => b[key]!.includes(v)) : b[key]!;
    out[key] = both.length ? both : [MATCHES_NOTHING];
  }
  return out;
}

/** A caller's filter within their scope: what they asked, and only what they may see. */
export function withinScope(
  filter: ComplianceFilter,
  scope: EntityScope,
): ComplianceFilter {
  const lower = (f: EntityScope) => ({
    ...(f.owner?.length ? { owner: f.owner.map(v => v.toLowerCase()) } : {}),
    ...(f.kind?.length ? { kind: f.kind.map(v => v.toLowerCase()) } : {}),
  });
  const asked = lower(filter);
  return { ...filter, ...intersect(asked, scope) };
}

function unsupported(what: string): never {
  throw new NotAllowedError(
    `the permission policy allows ${opsEntityReadPermission.name} only under a condition the compliance list cannot apply (${what}); allow it, or condition it on isEntityOwner or isEntityKind`,
  );
}
