import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  stringifyEntityRef,
  type CompoundEntityRef,
  type Entity,
} from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildOpsProfile,
  entityContentKey,
  escalationTargetCandidates,
  escalationTargetRefs,
  escalationTargets,
  evaluateScorecards,
  evaluationDay,
  resolveEscalationTargets,
  type EntityOpsResponse,
} from '@opskit/plugin-ops-common';
import type { OpsStore } from '../database/OpsStore';
import { LruCache } from '../database/LruCache';
import type { OpsBackendConfig } from './backendConfig';
import type { OpsCheckSet } from './checkSet';
import { entityFacts } from './facts/entityFacts';
import { callerKey, TargetLookup } from './targetLookup';

/** How long scorecards computed from the same inputs are reused. */
const SCORED_TTL_MS = 1000;
/** How long an entity read from the catalog for one caller is reused. */
const ENTITY_TTL_MS = 1000;

/**
 * One entity's ops data, evaluated now with the caller's credentials (so
 * catalog permissions hold): what the Ops tab and the agent actions read.
 *
 * @public
 */
export class EntityOpsReader {
  private readonly targets: TargetLookup;
  private readonly profiles = new LruCache<ReturnType<typeof buildOpsProfile>>(
    1000,
  );
  private readonly recentEntities = new Map<
    string,
    { at: number; read: Promise<Entity | undefined> }
  >();
  /** The profile key of an entity object read from the catalog (reused for a second, hashed once). */
  private readonly profileKeys = new WeakMap<
    Entity,
    { day: string; key: string }
  >();
  private readonly scored = new LruCache<{
    at: number;
    scorecards: ReturnType<typeof evaluateScorecards>;
  }>(1000);

  constructor(
    private readonly options: {
      store: OpsStore;
      catalog: CatalogService;
      config: OpsBackendConfig;
      checks: OpsCheckSet;
    },
  ) {
    this.targets = new TargetLookup(options.catalog);
  }

  /** The entity named by the ref, read with the caller's credentials; 404 when absent or not visible. */
  async entity(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
  ): Promise<{ entity: Entity; ref: string }> {
    const key = `${callerKey(credentials)}\n${ref.kind}:${ref.namespace}/${
      ref.name
    }`.toLowerCase();
    const hit = this.recentEntities.get(key);
    const now = Date.now();
    let read = hit && now - hit.at < ENTITY_TTL_MS ? hit.read : undefined;
    if (!read) {
      // Each read with the caller's credentials costs the framework a signed token: reused for a second per caller.
      read = this.options.catalog.getEntityByRef(ref, { credentials });
      const entry = { at: now, read };
      read.catch(() => {
        if (this.recentEntities.get(key) === entry)
          this.recentEntities.delete(key);
      });
      if (this.recentEntities.size >= 5000) this.recentEntities.clear();
      this.recentEntities.set(key, entry);
    }
    const entity = await read;
    if (!entity)
      throw new NotFoundError(
        `no entity ${ref.kind}:${ref.namespace}/${ref.name} in the catalog`,
      );
    return { entity, ref: stringifyEntityRef(entity).toLowerCase() };
  }

  private profileKeyOf(entityRef: string, entity: Entity, now: number) {
    const day = evaluationDay(now);
    const known = this.profileKeys.get(entity);
    if (known?.day === day) return known.key;
    const key = `${entityRef}\n${entityContentKey(day, entity)}`;
    this.profileKeys.set(entity, { day, key });
    return key;
  }

  /**
   * Evaluates the entity. `authorized` is the caller's permission check: it runs
   * alongside the catalog and store reads, so the three cost one round trip.
   */
  async read(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    authorized: Promise<void> = Promise.resolve(),
  ): Promise<EntityOpsResponse> {
    return (await this.readVersioned(ref, credentials, authorized)).response;
  }

  /**
   * {@link EntityOpsReader.read}, with a version of the answer: two reads
   * with one version answer alike (scorecards are reused for a second).
   */
  async readVersioned(
    ref: CompoundEntityRef,
    credentials: BackstageCredentials,
    authorized: Promise<void> = Promise.resolve(),
  ): Promise<{ response: EntityOpsResponse; version: string }> {
    const { store, config } = this.options;
    const pathRef = `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
    const stored = Promise.all([
      store.listSignOffs(pathRef),
      store.listWaivers(pathRef, { includeInactive: false }),
      store.latestRecord(pathRef),
      store.facts.list(pathRef),
    ]);
    stored.catch(() => undefined);
    // An entity the caller cannot see is a 404 whatever the permission says.
    const [allowed, found] = await Promise.allSettled([
      authorized,
      this.entity(ref, credentials),
    ]);
    if (found.status === 'rejected') throw found.reason;
    if (allowed.status === 'rejected') throw allowed.reason;
    const { entity, ref: entityRef } = found.value;
    const now = Date.now();
    // Parsing is the expensive part, and an entity's text changes rarely: profiles are kept by content (and day).
    // The ref is part of the key so that a 48-bit collision cannot serve another entity's profile.
    const profileKey = this.profileKeyOf(entityRef, entity, now);
    const { profile, issues } = this.profiles.get(profileKey, () =>
      buildOpsProfile(entity, { defaults: config.ops.defaults, now }),
    );
    const candidates = [
      ...new Set(
        escalationTargets(profile).flatMap(escalationTargetCandidates),
      ),
    ];
    const [[signOffs, waivers, latest, live], known] = await Promise.all([
      stored,
      this.targets.existing(candidates, credentials),
    ]);
    // Only approved waivers in force waive; pending requests are listed, not counted.
    const waiving = waivers.filter(w => w.active);
    // Equal inputs within a second score alike: a busy entity is scored once a second, not once per view.
    const scoredKey = `${profileKey}\n${entityContentKey(
      '',
      [signOffs, waiving, live],
      [...known].sort().join('\n'),
    )}`;
    const recent = this.scored.peek(scoredKey);
    const scorecards =
      recent && now - recent.at < SCORED_TTL_MS
        ? recent.scorecards
        : evaluateScorecards(profile, {
            defaults: config.ops.defaults,
            config: config.ops.scoring,
            checks: this.options.checks.checks,
            now,
            facts: entityFacts({
              signOffs,
              waivers: waiving,
              live,
              resolvedTargets: resolveEscalationTargets(profile, known),
            }),
          });
    const scoredAt = scorecards === recent?.scorecards ? recent.at : now;
    if (scoredAt === now) this.scored.set(scoredKey, { at: now, scorecards });
    const response: EntityOpsResponse = {
      entityRef,
      evaluatedAt: new Date(scoredAt).toISOString(),
      profile,
      issues,
      scorecards,
      escalationTargets: escalationTargetRefs(profile, known),
      signOffs,
      waivers,
      latest: latest ?? null,
      facts: live,
    };
    // Everything the answer is made from: equal versions are equal answers (the router keeps them serialized).
    const version = `${scoredKey}\n${scoredAt}\n${entityContentKey('', [
      waivers,
      latest ?? null,
    ])}`;
    return { response, version };
  }
}
