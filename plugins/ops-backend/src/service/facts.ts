import type { OpsFacts } from '@opskit/plugin-ops-common';
import type { StoredSignOff, StoredWaiver } from '../database/OpsStore';

/** The outside facts ops-common scores with: what the store and the catalog know about an entity. */
export function entityFacts(options: {
  signOffs?: StoredSignOff[];
  waivers?: StoredWaiver[];
  resolvedTargets?: Record<string, boolean>;
}): OpsFacts {
  return {
    signOffs: (options.signOffs ?? []).map(({ itemId, version, environment, by, at }) => ({ itemId, version, environment, by, at })),
    waivers: (options.waivers ?? [])
      .filter(w => w.active)
      .map(({ checkId, reason, expiresAt, by, createdAt }) => ({ checkId, reason, expiresAt, by, createdAt })),
    ...(options.resolvedTargets ? { resolvedTargets: options.resolvedTargets } : {}),
  };
}
