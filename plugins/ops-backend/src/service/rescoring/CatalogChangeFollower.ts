import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  scoredFieldsKey,
  type OpsEntityChangedEvent,
} from '@opskit/plugin-ops-common';
import { ENTITY_FIELDS } from '../catalogPages';
import type { EntityRescorer } from './EntityRescorer';

/** Refs per catalog request. */
const BATCH = 250;
/** First wait before asking the catalog; each unanswered ask doubles it. */
const FIRST_WAIT_MS = 100;
const MAX_WAIT_MS = 2_000;
/** Past this, the entity is scored as the catalog serves it (another processor may change what ours saw). */
const GIVE_UP_MS = 30_000;

interface Waiting {
  key: number;
  since: number;
  wait: number;
  due: number;
}

/** @public */
export interface CatalogChangeFollowerOptions {
  catalog: CatalogService;
  auth: AuthService;
  logger: LoggerService;
  rescorer: EntityRescorer;
  /** Injected in tests. */
  now?: () => number;
}

/**
 * Follows the catalog module's announcements (`opskit.entity-changed`): the
 * catalog processed an entity whose scored fields changed. The event comes
 * before the catalog stores and serves the new version (stitching follows
 * processing), so the entity is asked for until the catalog serves the
 * announced key, then scored again. Announcements of the same entity
 * merge; one catalog request serves many waiting entities.
 */
export class CatalogChangeFollower {
  private waiting = new Map<string, Waiting>();
  private timer?: ReturnType<typeof setTimeout>;
  private busy = false;
  private stopped = false;

  constructor(private readonly options: CatalogChangeFollowerOptions) {}

  private now() {
    return this.options.now?.() ?? Date.now();
  }

  /** Takes an event payload; anything that is not an announcement is ignored. */
  announce(payload: unknown) {
    const event = payload as Partial<OpsEntityChangedEvent> | undefined;
    if (
      typeof event?.entityRef !== 'string' ||
      typeof event.key !== 'number' ||
      this.stopped
    )
      return;
    const ref = event.entityRef.toLowerCase();
    const now = this.now();
    const previous = this.waiting.get(ref);
    this.waiting.set(ref, {
      key: event.key,
      since: previous?.since ?? now,
      wait: FIRST_WAIT_MS,
      due: now + FIRST_WAIT_MS,
    });
    this.schedule();
  }

  /** Waiting entities, for tests and logs. */
  get pending(): number {
    return this.waiting.size;
  }

  stop() {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.waiting.clear();
  }

  private schedule() {
    if (this.busy || this.stopped || this.waiting.size === 0) return;
    const next = Math.min(...[...this.waiting.values()].map(w => w.due));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(
      () => void this.tick(),
      Math.max(0, next - this.now()),
    );
    this.timer.unref?.();
  }

  /** Asks the catalog for every entity that is due; scores those it serves as announced. */
  async tick(): Promise<void> {
    if (this.busy) return;
    this.busy = true;
    this.timer = undefined;
    try {
      const now = this.now();
      const due = [...this.waiting.entries()].filter(([, w]) => w.due <= now);
      for (let i = 0; i < due.length; i += BATCH)
        await this.check(due.slice(i, i + BATCH));
    } catch (error) {
      this.options.logger.warn(
        `ops: following catalog changes failed; the next evaluation scores them: ${error}`,
      );
    } finally {
      this.busy = false;
      this.schedule();
    }
  }

  private async check(due: [string, Waiting][]) {
    const { catalog, auth, rescorer } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: due.map(([ref]) => ref), fields: ENTITY_FIELDS },
      { credentials },
    );
    const served = new Map<string, number>();
    for (const entity of items)
      if (entity)
        served.set(
          stringifyEntityRef(entity).toLowerCase(),
          scoredFieldsKey(entity),
        );
    const ready: string[] = [];
    const now = this.now();
    for (const [ref, waiting] of due) {
      // Announced again while this ask was under way: that newer one decides.
      if (this.waiting.get(ref) !== waiting) continue;
      if (
        served.get(ref) === waiting.key ||
        now - waiting.since >= GIVE_UP_MS
      ) {
        ready.push(ref);
        this.waiting.delete(ref);
      } else {
        waiting.wait = Math.min(waiting.wait * 2, MAX_WAIT_MS);
        waiting.due = now + waiting.wait;
      }
    }
    if (ready.length) await rescorer.rescore(ready);
  }
}
