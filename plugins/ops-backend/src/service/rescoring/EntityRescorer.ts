import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { OpsConfig } from '@opskit/plugin-ops-common';
import type { ComplianceRow, OpsStore } from '../../database/OpsStore';
import type { RescoreOutcome } from '../../database/RescoreWriter';
import { ENTITY_FIELDS, readKnownPrincipals } from '../catalogPages';
import type { OpsCheckSet } from '../checkSet';
import { scoreEntities } from '../scoring/scoreEntities';

/** Refs per catalog request and per write. */
const BATCH = 250;
/** How long the catalog's users and groups are taken as known between full runs. */
const PRINCIPALS_TTL_MS = 10 * 60_000;

/** @public */
export interface EntityRescorerOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: OpsStore;
  logger: LoggerService;
  ops: OpsConfig;
  kinds: string[];
  checks: OpsCheckSet;
  /** Lower-case refs of the catalog's users and groups; default: read from the catalog, as a full run does. */
  knownPrincipals?: () => Promise<Set<string>>;
}

/** One batch waiting to be scored; its callers await `done`. */
interface Batch {
  refs: Set<string>;
  into?: number;
  done: Promise<RescoreOutcome>;
  resolve: (outcome: RescoreOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Scores entities again between full runs, from what the catalog serves and
 * the store holds now, and writes their rows (see RescoreWriter): what makes
 * the compliance page follow a sign-off, a waiver or a catalog change in
 * about a second instead of at the next schedule.
 *
 * Requests made while a batch is being scored wait for the next one, so a
 * burst of sign-offs costs a few batches, not one write each.
 */
export class EntityRescorer {
  private queue: Batch[] = [];
  private working = false;
  private principals?: { at: number; known: Promise<Set<string>> };

  constructor(private readonly options: EntityRescorerOptions) {}

  /** The full run hands over the principals it just read. */
  principalsRead(known: Set<string>) {
    this.principals = { at: Date.now(), known: Promise.resolve(known) };
  }

  /**
   * Re-scores `entityRefs` (lower-case refs) and resolves once their rows
   * are written. `into` names a running full run that takes the rows.
   */
  async rescore(entityRefs: string[], into?: number): Promise<RescoreOutcome> {
    const kinds = new Set(this.options.kinds.map(k => k.toLowerCase()));
    const refs = [...new Set(entityRefs.map(ref => ref.toLowerCase()))].filter(
      ref => kinds.has(ref.split(':')[0]),
    );
    const outcomes: Promise<RescoreOutcome>[] = [];
    for (let i = 0; i < refs.length; i += BATCH)
      outcomes.push(this.enqueue(refs.slice(i, i + BATCH), into));
    const all = await Promise.all(outcomes);
    return {
      evaluationIds: [...new Set(all.flatMap(o => o.evaluationIds))],
      changed: all.flatMap(o => o.changed),
    };
  }

  private enqueue(refs: string[], into?: number): Promise<RescoreOutcome> {
    let batch = this.queue.find(
      b => b.into === into && b.refs.size + refs.length <= BATCH,
    );
    if (!batch) {
      let resolve!: Batch['resolve'];
      let reject!: Batch['reject'];
      const done = new Promise<RescoreOutcome>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      batch = { refs: new Set(), into, done, resolve, reject };
      this.queue.push(batch);
    }
    for (const ref of refs) batch.refs.add(ref);
    const { done } = batch;
    void this.work();
    return done;
  }

  /**
   * Re-scores after a write and never throws: a failure is logged, and the
   * next full run scores the entity. Writes await it, so their caller reads
   * the new score in the compliance API as soon as the write returns.
   */
  async followWrite(entityRef: string, why: string): Promise<void> {
    try {
      await this.rescore([entityRef]);
    } catch (error) {
      this.options.logger.warn(
        `ops re-score of ${entityRef} after ${why} failed; the next evaluation scores it: ${error}`,
      );
    }
  }

  private async work() {
    if (this.working) return;
    this.working = true;
    try {
      for (let batch = this.queue.shift(); batch; batch = this.queue.shift()) {
        try {
          batch.resolve(await this.scoreAndWrite([...batch.refs], batch.into));
        } catch (error) {
          batch.reject(error);
        }
      }
    } finally {
      this.working = false;
    }
  }

  private async scoreAndWrite(
    refs: string[],
    into?: number,
  ): Promise<RescoreOutcome> {
    const { catalog, auth, store, ops, checks } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const [found, signOffs, waivers, live, known] = await Promise.all([
      catalog.getEntitiesByRefs(
        { entityRefs: refs, fields: ENTITY_FIELDS },
        { credentials },
      ),
      store.allSignOffs(refs),
      store.activeWaivers(refs),
      store.facts.forEntities(refs),
      this.known(),
    ]);
    // An entity the catalog no longer has is left to the next full run, which drops it.
    const entities = found.items.filter((e): e is Entity => Boolean(e));
    const now = Date.now();
    const rows: ComplianceRow[] = scoreEntities(
      entities.map(entity => {
        const ref = stringifyEntityRef(entity).toLowerCase();
        return {
          entity,
          signOffs: signOffs.get(ref),
          waivers: waivers.get(ref),
          live: live.get(ref),
        };
      }),
      {
        known,
        defaults: ops.defaults,
        scoring: ops.scoring,
        now,
        checks: checks.checks,
        custom: checks.custom,
      },
    );
    return store.writeRescored(rows, {
      checkIds: checks.checks.map(c => c.id),
      at: new Date(now),
      into,
    });
  }

  private known(): Promise<Set<string>> {
    if (
      !this.principals ||
      Date.now() - this.principals.at > PRINCIPALS_TTL_MS
    ) {
      const known =
        this.options.knownPrincipals?.() ??
        readKnownPrincipals(this.options.catalog, this.options.auth);
      known.catch(() => (this.principals = undefined));
      this.principals = { at: Date.now(), known };
    }
    return this.principals.known;
  }
}
