import type { OpsProfile } from '../descriptor/types';
import { inputKeyedRecord } from '../lookupTable';

/**
 * The catalog refs an escalation target may mean, most specific first.
 * `group:payments-oncall` and `user:default/jane` mean themselves; a bare
 * name is tried as a group, then as a user (how people write on-call rotas).
 * Refs come back in the catalog's lower-case `kind:namespace/name` form.
 *
 * @public
 */
export function escalationTargetCandidates(target: string): string[] {
  const text = target.trim().toLowerCase();
  if (!text) return [];
  const colon = text.indexOf(':');
  if (colon > 0) {
    const kind = text.slice(0, colon);
    const rest = text.slice(colon + 1);
    if (!rest) return [];
    return [rest.includes('/') ? `${kind}:${rest}` : `${kind}:default/${rest}`];
  }
  const name = text.includes('/') ? text : `default/${text}`;
  return [`group:${name}`, `user:${name}`];
}

/**
 * Every escalation target of a profile, as written.
 *
 * @public
 */
export function escalationTargets(
  profile: Pick<OpsProfile, 'escalation'>,
): string[] {
  return [
    ...new Set((profile.escalation ?? []).flatMap(level => level.targets)),
  ];
}

/**
 * The `resolvedTargets` fact: for each target as written, whether one of its
 * candidate refs is in `known` (lower-case refs of catalog users and groups).
 *
 * @public
 */
export function resolveEscalationTargets(
  profile: Pick<OpsProfile, 'escalation'>,
  known: ReadonlySet<string>,
): Record<string, boolean> {
  return Object.fromEntries(
    Object.entries(escalationTargetRefs(profile, known)).map(
      ([target, ref]) => [target, ref !== null],
    ),
  );
}

/**
 * For each target as written, the catalog ref it resolves to (the first
 * candidate in `known`), or null: what the Ops tab links to.
 *
 * @public
 */
export function escalationTargetRefs(
  profile: Pick<OpsProfile, 'escalation'>,
  known: ReadonlySet<string>,
): Record<string, string | null> {
  const out = inputKeyedRecord<string | null>();
  for (const target of escalationTargets(profile)) {
    out[target] =
      escalationTargetCandidates(target).find(ref => known.has(ref)) ?? null;
  }
  return out;
}
