import type { HumanDuration } from '@backstage/types';
import type { Entity } from '@backstage/catalog-model';
import type {
  EntityFact,
  FactInput,
  OpsProfile,
} from '@opskit/plugin-ops-common';

/**
 * What a fact provider is given for one entity.
 *
 * @public
 */
export interface FactProviderContext {
  entity: Entity;
  /** The entity's merged ops profile (descriptor, annotations and org defaults). */
  profile: OpsProfile;
  /** What this provider returned last time, for providers that only need to add to it. */
  previous: EntityFact[];
  /** Aborted when the provider's timeout for this entity runs out. */
  signal: AbortSignal;
}

/**
 * Observes something about a running service (an SLO's current value, the
 * last deploy, open incidents) and returns it as facts, each with the time it
 * was observed. ops-backend runs providers on their own schedule, one entity
 * at a time per provider with a timeout, and stores what they return; checks
 * read the stored facts (`facts.live`) like sign-offs.
 *
 * A provider that throws or times out for an entity loses nothing: that
 * entity's previous facts from it are kept and marked stale. Other providers
 * and other entities are not affected.
 *
 * @public
 */
export interface OpsFactProvider {
  /** A lower-case slug; stored with each fact. */
  id: string;
  /** Skips entities with nothing to observe without calling `collect` (e.g. no SLO has a query). */
  appliesTo?(profile: OpsProfile): boolean;
  collect(context: FactProviderContext): Promise<FactInput[]>;
  /**
   * Called with each page of entities this provider applies to (up to 500)
   * before `collect` is called for each of them: a provider that can observe
   * many entities in one request (one query for a page instead of one per
   * entity) asks here and answers their `collect` from what it read. The
   * next page is prepared while the one before is still being collected:
   * keep what two pages read. Optional; when it throws, `collect` runs as it
   * would without it. Its signal is aborted after the provider's per-entity
   * timeout.
   */
  preparePage?(
    entities: ReadonlyArray<{ entity: Entity; profile: OpsProfile }>,
    options: { signal: AbortSignal },
  ): Promise<void>;
  /** Per entity; defaults to `ops.facts.timeout` (10 seconds). */
  timeout?: HumanDuration;
}
