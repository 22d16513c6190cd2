import type {
  EntityFact,
  OpsFacts,
  SignOff,
  Waiver,
} from '@opskit/plugin-ops-common';

/**
 * The outside facts ops-common scores with: sign-offs, active waivers (the
 * store only hands out unrevoked, unexpired ones), which escalation targets
 * exist in the catalog, and what fact providers observed. Stored records carry more (ids, comments);
 * only the fact fields are passed on.
 */
export function entityFacts(options: {
  signOffs?: SignOff[];
  waivers?: Waiver[];
  resolvedTargets?: Record<string, boolean>;
  live?: EntityFact[];
}): OpsFacts {
  return {
    signOffs: (options.signOffs ?? []).map(
      ({ itemId, version, environment, by, at }) => ({
        itemId,
        version,
        environment,
        by,
        at,
      }),
    ),
    waivers: (options.waivers ?? []).map(
      ({ checkId, reason, expiresAt, by, createdAt }) => ({
        checkId,
        reason,
        expiresAt,
        by,
        createdAt,
      }),
    ),
    ...(options.resolvedTargets
      ? { resolvedTargets: options.resolvedTargets }
      : {}),
    ...(options.live?.length ? { live: options.live } : {}),
  };
}
