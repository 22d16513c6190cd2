import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  buildOpsProfile,
  entityContentKey,
  evaluationDay,
  markStale,
  mergeFacts,
  sameFactContent,
  type EntityFact,
  type OpsDefaults,
  type OpsProfile,
} from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import { durationToMilliseconds } from '@backstage/types';
import type { FactStore } from '../../database/FactStore';
import { LruCache } from '../../database/LruCache';
import { ENTITY_FIELDS, pageRequest } from '../catalogPages';

/** @public */
export interface FactCollectorOptions {
  catalog: CatalogService;
  auth: AuthService;
  facts: FactStore;
  logger: LoggerService;
  providers: OpsFactProvider[];
  defaults: OpsDefaults;
  kinds: string[];
  /** Per provider and entity, unless the provider sets its own. */
  timeoutMs: number;
  /** Entities collected at once per provider. */
  concurrency: number;
}

/** @public */
export interface FactRunResult {
  entities: number;
  collected: number;
  failed: number;
  /** Facts whose value, error or staleness differ from before: worth re-scoring for. */
  changed: number;
  /** Entities whose facts were written (a newer observation of the same value counts). */
  written: number;
  /** The entities of `changed`: whose scores may have moved. */
  changedRefs: string[];
  /** Entities whose facts went because they left the catalog (or the evaluated kinds). */
  gone: number;
}

const PAGE_SIZE = 500;
/** Profiles of measured entities kept between runs; beyond it they are parsed again (bounded memory at 100,000). */
const PROFILE_CACHE = 1000;
/** Shared by every entity no provider applies to. */
const NONE: readonly string[] = [];

interface Target {
  ref: string;
  entity: Entity;
  profile: OpsProfile;
  /** Ids of the providers that apply. */
  applies: Set<string>;
}

/** A catalog page read for collection, each provider's preparation of it started. */
interface PageRead {
  next?: string;
  targets: Target[];
  prepared: Map<string, Promise<void>>;
}

/** Runs `fn` over the items with at most `limit` at once. */
async function eachLimited<T>(
  items: T[],
  limit: number,
  fn: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from(
    { length: Math.min(limit, items.length) },
    async () => {
      while (next < items.length) await fn(items[next++]);
    },
  );
  await Promise.all(lanes);
}

/** Same facts, observation times included: anything else is written (the Ops tab shows their age). */
function sameFacts(
  a: readonly EntityFact[],
  b: readonly EntityFact[],
): boolean {
  if (!sameFactContent(a, b)) return false;
  const observed = new Set(a.map(f => `${f.name}\n${f.observedAt}`));
  return b.every(f => observed.has(`${f.name}\n${f.observedAt}`));
}

/**
 * Asks every fact provider about every entity it applies to and stores the
 * answers. Each (provider, entity) is isolated: a throw or a timeout keeps
 * that entity's previous facts from the provider, marked stale, and nothing
 * else is affected. Facts of entities that left the catalog are dropped.
 *
 * @public
 */
export class FactCollector {
  /**
   * Per entity ref: the hash of what its profile was built from and which
   * providers apply. An unchanged entity no provider applies to is skipped
   * without parsing (providers' `appliesTo` must depend on the profile only),
   * so a large catalog with a few measured services costs a hash per entity.
   * Profiles of measured entities are kept in a bounded cache.
   */
  private known = new Map<
    string,
    { hash: number; applies: readonly string[] }
  >();
  private profiles = new LruCache<OpsProfile>(PROFILE_CACHE);

  constructor(private readonly options: FactCollectorOptions) {}

  get hasProviders(): boolean {
    return this.options.providers.length > 0;
  }

  /** `signal`: the scheduler's, aborted when the run outlives its timeout; checked between pages. */
  async run(signal?: AbortSignal): Promise<FactRunResult> {
    const { catalog, auth, facts, providers, kinds } = this.options;
    const result: FactRunResult = {
      entities: 0,
      collected: 0,
      failed: 0,
      changed: 0,
      written: 0,
      changedRefs: [],
      gone: 0,
    };
    if (providers.length === 0) return result;
    const credentials = await auth.getOwnServiceCredentials();
    // Only refs: the facts themselves are read a page at a time.
    const stored = new Map(
      await Promise.all(
        providers.map(async p => [p.id, await facts.entityRefs(p.id)] as const),
      ),
    );
    const seen = new Set<string>();
    const failures = new Map<string, number>();
    // Time-dependent validation (future dates) works in days: a profile keeps for the day.
    const day = evaluationDay();
    /**
     * One catalog page: its entities to collect and, started at once, each
     * provider's preparation of them. The next page is read and prepared
     * while this one is collected, so a provider's batched queries and this
     * process's own work overlap.
     */
    const readPage = async (cursor: string | undefined): Promise<PageRead> => {
      // Stop between pages: another run may take over, and must not race this one's writes.
      if (signal?.aborted)
        throw new Error(
          'the collection was aborted (it outlived ops.facts.schedule.timeout)',
        );
      const page = await catalog.queryEntities(
        pageRequest({ kinds, fields: ENTITY_FIELDS, limit: PAGE_SIZE }, cursor),
        { credentials },
      );
      const targets: Target[] = [];
      for (const entity of page.items) {
        const ref = stringifyEntityRef(entity).toLowerCase();
        if (seen.has(ref)) continue;
        seen.add(ref);
        result.entities++;
        const target = this.target(ref, entity, day, ref_ =>
          providers.some(p => stored.get(p.id)!.has(ref_)),
        );
        if (target) targets.push(target);
      }
      const prepared = new Map(
        providers.map(p => [p.id, this.preparePage(p, targets)] as const),
      );
      return { next: page.pageInfo.nextCursor, targets, prepared };
    };
    let upcoming: Promise<PageRead> | undefined = readPage(undefined);
    while (upcoming) {
      const { next, targets, prepared }: PageRead = await upcoming;
      upcoming = next ? readPage(next) : undefined;
      // Awaited below, after this page: a failure then is not an unhandled rejection meanwhile.
      upcoming?.catch(() => undefined);
      if (targets.length) {
        const pageFacts = await facts.forEntities(targets.map(t => t.ref));
        for (const provider of providers) {
          await prepared.get(provider.id);
          await facts.write(
            provider.id,
            await this.collectPage(
              provider,
              targets,
              pageFacts,
              result,
              failures,
            ),
          );
        }
      }
    }
    // Entities that left the catalog (or the evaluated kinds) take their facts with them.
    for (const provider of providers) {
      const gone = [...stored.get(provider.id)!].filter(ref => !seen.has(ref));
      await facts.write(
        provider.id,
        gone.map(entityRef => ({ entityRef, facts: [] })),
      );
      result.changed += gone.length;
      result.gone += gone.length;
      result.changedRefs.push(...gone);
    }
    result.changedRefs = [...new Set(result.changedRefs)];
    for (const ref of this.known.keys())
      if (!seen.has(ref)) this.known.delete(ref);
    for (const [id, count] of failures)
      if (count > 3)
        this.options.logger.warn(
          `ops fact provider "${id}" failed for ${count} entities in this run`,
        );
    return result;
  }

  /** The entity with its profile, when a provider applies to it or it has facts to clear; else undefined. */
  private target(
    ref: string,
    entity: Entity,
    day: string,
    hasFacts: (ref: string) => boolean,
  ): Target | undefined {
    const hash = entityContentKey(day, entity);
    const known = this.known.get(ref);
    if (known?.hash === hash && known.applies.length === 0 && !hasFacts(ref))
      return undefined;
    try {
      const key = `${ref}\n${hash}`;
      const parse = () =>
        buildOpsProfile(entity, { defaults: this.options.defaults }).profile;
      const unchanged = known?.hash === hash;
      // Only measured entities' profiles are cached: the others are not asked for again while unchanged.
      const profile = unchanged ? this.profiles.get(key, parse) : parse();
      let applies = unchanged
        ? known.applies
        : this.options.providers
            .filter(p => !p.appliesTo || safeAppliesTo(p, profile))
            .map(p => p.id);
      if (applies.length === 0) applies = NONE;
      else if (!unchanged) this.profiles.get(key, () => profile);
      this.known.set(ref, { hash, applies });
      // Not applicable now but with facts stored from before (an SLO query removed): collectPage clears them.
      return applies.length || hasFacts(ref)
        ? { ref, entity, profile, applies: new Set(applies) }
        : undefined;
    } catch (error) {
      this.options.logger.warn(
        `ops facts: could not build the profile of ${ref}: ${error}`,
      );
      return undefined;
    }
  }

  /** Asks one provider about a page of entities, a few at a time; returns what changed. */
  private async collectPage(
    provider: OpsFactProvider,
    targets: Target[],
    pageFacts: Map<string, EntityFact[]>,
    result: FactRunResult,
    failures: Map<string, number>,
  ): Promise<{ entityRef: string; facts: EntityFact[] }[]> {
    const writes: { entityRef: string; facts: EntityFact[] }[] = [];
    await eachLimited(
      targets,
      this.options.concurrency,
      async ({ ref, entity, profile, applies }) => {
        const old = (pageFacts.get(ref) ?? []).filter(
          f => f.provider === provider.id,
        );
        let next: EntityFact[] = [];
        if (applies.has(provider.id)) {
          try {
            next = mergeFacts(
              provider.id,
              old,
              await this.collect(provider, { entity, profile, previous: old }),
              new Date(),
            );
            result.collected++;
          } catch (error) {
            result.failed++;
            const count = (failures.get(provider.id) ?? 0) + 1;
            failures.set(provider.id, count);
            if (count <= 3)
              this.options.logger.warn(
                `ops fact provider "${
                  provider.id
                }" failed for ${ref}; its previous facts stay, marked stale: ${message(
                  error,
                )}`,
              );
            next = markStale(provider.id, old, message(error), new Date());
          }
        }
        if (!sameFactContent(old, next)) {
          result.changed += Math.max(1, next.length);
          result.changedRefs.push(ref);
        }
        if (!sameFacts(old, next)) {
          result.written++;
          writes.push({ entityRef: ref, facts: next });
        }
      },
    );
    return writes;
  }

  /** Lets a provider ask for the page's entities at once; what it could not read, `collect` asks per entity. Never rejects. */
  private async preparePage(provider: OpsFactProvider, targets: Target[]) {
    const entities = targets
      .filter(t => t.applies.has(provider.id))
      .map(({ entity, profile }) => ({ entity, profile }));
    if (!provider.preparePage || entities.length === 0) return;
    try {
      await provider.preparePage(entities, {
        signal: AbortSignal.timeout(this.timeoutOf(provider)),
      });
    } catch (error) {
      this.options.logger.warn(
        `ops fact provider "${provider.id}" could not prepare a page of ${
          entities.length
        } entities; asking each: ${message(error)}`,
      );
    }
  }

  private timeoutOf(provider: OpsFactProvider): number {
    return provider.timeout
      ? durationToMilliseconds(provider.timeout)
      : this.options.timeoutMs;
  }

  /** One provider for one entity, cut off at its timeout. */
  private async collect(
    provider: OpsFactProvider,
    context: { entity: Entity; profile: OpsProfile; previous: EntityFact[] },
  ) {
    const timeoutMs = this.timeoutOf(provider);
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const inputs = await Promise.race([
        provider.collect({ ...context, signal: controller.signal }),
        timedOut,
      ]);
      if (!Array.isArray(inputs))
        throw new Error(`returned ${typeof inputs} instead of a list of facts`);
      return inputs;
    } finally {
      clearTimeout(timer);
    }
  }
}

function safeAppliesTo(
  provider: OpsFactProvider,
  profile: OpsProfile,
): boolean {
  try {
    return provider.appliesTo!(profile);
  } catch {
    // A broken filter should not hide the entity: let collect decide (and fail visibly).
    return true;
  }
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
