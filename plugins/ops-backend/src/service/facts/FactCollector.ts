import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { buildOpsProfile, markStale, mergeFacts, type EntityFact, type OpsDefaults, type OpsProfile } from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import { durationToMilliseconds } from '@backstage/types';
import type { FactStore } from '../../database/FactStore';
import { ENTITY_FIELDS } from '../CatalogEvaluator';

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

export interface FactRunResult {
  entities: number;
  collected: number;
  failed: number;
  /** Facts whose value, error or staleness differ from before: worth re-scoring for. */
  changed: number;
}

const PAGE_SIZE = 500;

/** Runs `fn` over the items with at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(lanes);
}

function sameFacts(a: readonly EntityFact[], b: readonly EntityFact[]): boolean {
  if (a.length !== b.length) return false;
  const key = (f: EntityFact) => JSON.stringify([f.name, f.value, f.observedAt, f.error ?? null, f.stale]);
  const before = new Set(a.map(key));
  return b.every(f => before.has(key(f)));
}

/**
 * Asks every fact provider about every entity it applies to and stores the
 * answers. Each (provider, entity) is isolated: a throw or a timeout keeps
 * that entity's previous facts from the provider, marked stale, and nothing
 * else is affected. Facts of entities that left the catalog are dropped.
 */
export class FactCollector {
  constructor(private readonly options: FactCollectorOptions) {}

  get hasProviders(): boolean {
    return this.options.providers.length > 0;
  }

  async run(): Promise<FactRunResult> {
    const { catalog, auth, facts, logger, providers, kinds } = this.options;
    const result: FactRunResult = { entities: 0, collected: 0, failed: 0, changed: 0 };
    if (providers.length === 0) return result;
    const credentials = await auth.getOwnServiceCredentials();
    const previous = new Map(await Promise.all(providers.map(async p => [p.id, await facts.all(p.id)] as const)));
    const seen = new Set<string>();
    const failures = new Map<string, number>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor ? { cursor, limit: PAGE_SIZE, fields: ENTITY_FIELDS } : { filter: { kind: kinds }, limit: PAGE_SIZE, fields: ENTITY_FIELDS, totalItems: 'exclude' },
        { credentials },
      );
      const targets: { ref: string; entity: Entity; profile: OpsProfile }[] = [];
      for (const entity of page.items) {
        const ref = stringifyEntityRef(entity).toLowerCase();
        if (seen.has(ref)) continue;
        seen.add(ref);
        try {
          targets.push({ ref, entity, profile: buildOpsProfile(entity, { defaults: this.options.defaults }).profile });
        } catch (error) {
          logger.warn(`ops facts: could not build the profile of ${ref}: ${error}`);
        }
      }
      result.entities += targets.length;
      for (const provider of providers) {
        const before = previous.get(provider.id)!;
        const writes: { entityRef: string; facts: EntityFact[] }[] = [];
        await eachLimited(targets, this.options.concurrency, async ({ ref, entity, profile }) => {
          const old = before.get(ref) ?? [];
          let next: EntityFact[];
          if (provider.appliesTo && !safeAppliesTo(provider, profile)) {
            next = [];
          } else {
            try {
              next = mergeFacts(provider.id, old, await this.collect(provider, { entity, profile, previous: old }), new Date());
              result.collected++;
            } catch (error) {
              result.failed++;
              const count = (failures.get(provider.id) ?? 0) + 1;
              failures.set(provider.id, count);
              if (count <= 3) logger.warn(`ops fact provider "${provider.id}" failed for ${ref}; its previous facts stay, marked stale: ${message(error)}`);
              next = markStale(provider.id, old, message(error), new Date());
            }
          }
          if (!sameFacts(old, next)) {
            result.changed += Math.max(1, next.length);
            writes.push({ entityRef: ref, facts: next });
          }
        });
        await facts.write(provider.id, writes);
      }
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    // Entities that left the catalog (or the evaluated kinds) take their facts with them.
    for (const provider of providers) {
      const gone = [...previous.get(provider.id)!.keys()].filter(ref => !seen.has(ref));
      await facts.write(provider.id, gone.map(entityRef => ({ entityRef, facts: [] })));
      result.changed += gone.length;
    }
    for (const [id, count] of failures) if (count > 3) logger.warn(`ops fact provider "${id}" failed for ${count} entities in this run`);
    return result;
  }

  /** One provider for one entity, cut off at its timeout. */
  private async collect(provider: OpsFactProvider, context: { entity: Entity; profile: OpsProfile; previous: EntityFact[] }) {
    const timeoutMs = provider.timeout ? durationToMilliseconds(provider.timeout) : this.options.timeoutMs;
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new Error(`timed out after ${timeoutMs} ms`));
      }, timeoutMs);
    });
    try {
      const inputs = await Promise.race([provider.collect({ ...context, signal: controller.signal }), timedOut]);
      if (!Array.isArray(inputs)) throw new Error(`returned ${typeof inputs} instead of a list of facts`);
      return inputs;
    } finally {
      clearTimeout(timer);
    }
  }
}

function safeAppliesTo(provider: OpsFactProvider, profile: OpsProfile): boolean {
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
