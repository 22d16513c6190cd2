import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  entityContentKey,
  evaluationDay,
  findRegressions,
  type EntityFact,
  type OpsConfig,
} from '@opskit/plugin-ops-common';
import { rowsId } from '../database/EvaluationRuns';
import type { EvaluationRun, OpsStore } from '../database/OpsStore';
import type { OpsCheckSet } from './checkSet';
import type { RegressionNotifier } from './notifications/RegressionNotifier';
import { InlineScorer } from './scoring/InlineScorer';
import type { Scorer } from './scoring/Scorer';
import { WorkerScorer } from './scoring/WorkerScorer';
import type { ScoringItem } from './scoring/scoreEntities';
import {
  ENTITY_FIELDS,
  pageRequest,
  readKnownPrincipals,
} from './catalogPages';
import type { EntityRescorer } from './rescoring/EntityRescorer';
import { INTERRUPTED } from './staleness';

export { ENTITY_FIELDS } from './catalogPages';

const PAGE_SIZE = 250;
/** What a run reads of every entity: with `metadata.etag`, so that the next run can compare versions. */
const FULL_FIELDS = [...ENTITY_FIELDS, 'metadata.etag'];
/** What a run reads of every entity when it holds the last run's hashes: the ref and the catalog's version. */
const VERSION_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.etag',
];

/**
 * The hash of an entity by the catalog's version of it (its etag changes
 * with any change of the stored entity) and everything else its result is
 * computed from; undefined for an entity without an etag (then its JSON is
 * hashed, read whole).
 */
function versionKey(
  day: string,
  entity: { metadata: { etag?: string } },
  knownHash: string,
  inputs: string,
): number | undefined {
  const etag = entity.metadata.etag;
  return etag ? entityContentKey(day, { etag }, knownHash, inputs) : undefined;
}

/** @public */
export interface CatalogEvaluatorOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: OpsStore;
  logger: LoggerService;
  ops: OpsConfig;
  kinds: string[];
  historyRetentionMs: number;
  /** How long a run may stay `running` before the next one marks it interrupted (the schedule's timeout). */
  leaseMs?: number;
  /** The checks in effect; an `inlineOnly` set is scored in this thread whatever `workers` says. */
  checks: OpsCheckSet;
  /** Worker threads that score; 0 scores in the main thread. */
  workers?: number;
  /** Told what got worse after each successful run (owners are notified). */
  notifier?: RegressionNotifier;
  /** Check ids whose new failures never notify. */
  notificationOptOut?: string[];
  /** Called after each successful run (campaigns follow it); must not throw. */
  afterRun?: (run: EvaluationRun) => Promise<void>;
  /** Scores entities that changed while the run was under way again before it completes. */
  rescorer?: EntityRescorer;
}

/**
 * Scores the whole catalog: pages through the catalog service with the
 * plugin's own credentials, scores each page with ops-common and writes it in
 * one transaction. A run that fails leaves the previous one served.
 *
 * @public
 */
export class CatalogEvaluator {
  /**
   * For the last successful run: entity ref → hash of everything its result
   * was computed from. An entity whose hash is unchanged is not parsed again;
   * its stored row is copied inside the database, so memory stays at a hash
   * per entity however large the catalog.
   */
  private hashes = { evaluationId: -1, byRef: new Map<string, number>() };

  private readonly scorer: Scorer;

  constructor(private readonly options: CatalogEvaluatorOptions) {
    const workers = options.workers ?? 0;
    this.scorer =
      workers > 0 && !options.checks.inlineOnly
        ? new WorkerScorer(workers, m => options.logger.warn(m))
        : new InlineScorer();
  }

  /** Compares with the previous run; a notification problem is logged, never fails the run. */
  private async notifyRegressions(
    previous: EvaluationRun,
    current: EvaluationRun,
  ) {
    const previousId = previous.id;
    const currentId = current.id;
    // A run that kept the previous rows changed nothing.
    if (rowsId(previous) === rowsId(current)) return;
    try {
      const optOut = new Set(this.options.notificationOptOut ?? []);
      const changes = await this.options.store.changesBetween(
        rowsId(previous),
        rowsId(current),
      );
      const regressions = changes.flatMap(change =>
        findRegressions(change, optOut),
      );
      if (regressions.length) {
        this.options.logger.info(
          `ops evaluation ${currentId}: ${regressions.length} regression(s) since evaluation ${previousId}; notifying owners`,
        );
        await this.options.notifier!.notify(regressions);
      }
    } catch (error) {
      this.options.logger.warn(
        `ops regression notifications for evaluation ${currentId} failed: ${error}`,
      );
    }
  }

  /** Loads the scoring workers; call at startup so the first run starts at full speed. */
  ready(): Promise<void> {
    return this.scorer.ready();
  }

  /** Lower-case refs of every catalog user and group: what escalation targets must name. */
  knownPrincipals(): Promise<Set<string>> {
    return readKnownPrincipals(this.options.catalog, this.options.auth);
  }

  /** Runs a stopped backend left `running` (past their lease) become failed, with the reason shown in the UI. */
  private async failInterrupted(now: number) {
    const leaseMs = this.options.leaseMs ?? 15 * 60_000;
    const ids = await this.options.store.failInterruptedEvaluations({
      startedBefore: new Date(now - leaseMs),
      reason: `${INTERRUPTED}: the backend running it stopped before it finished (no result within its ${Math.round(
        leaseMs / 60_000,
      )}-minute lease); a new evaluation started`,
    });
    if (ids.length)
      this.options.logger.warn(
        `ops evaluation ${ids.join(
          ', ',
        )} marked interrupted: still running past its lease`,
      );
  }

  async run(trigger: string): Promise<EvaluationRun> {
    const { catalog, auth, store, logger, kinds } = this.options;
    const started = Date.now();
    const id = await store.startEvaluation(trigger);
    try {
      await this.failInterrupted(started);
      const credentials = await auth.getOwnServiceCredentials();
      const [known, signOffs, waivers, hasFacts] = await Promise.all([
        this.knownPrincipals(),
        store.allSignOffs(),
        store.activeWaivers(),
        store.facts.hasAny(),
      ]);
      this.options.rescorer?.principalsRead(known);
      const now = Date.now();
      const knownHash = createHash('sha1')
        .update([...known].sort().join('\n'))
        .digest('hex');
      const day = evaluationDay(now);
      // Only the latest run's rows may be copied (older ones may have been pruned, or be another replica's).
      const latest = await store.latestEvaluation();
      const previous =
        latest?.id === this.hashes.evaluationId
          ? this.hashes.byRef
          : new Map<string, number>();
      // Rows re-scored into the latest run no longer match the hashes it was scored from: never copied.
      const rescoredIntoLatest =
        latest && previous.size
          ? await store.rescoredSince(new Date(latest.startedAt))
          : [];
      for (const ref of rescoredIntoLatest) previous.delete(ref);
      // Entries leave `previous` as they are compared, so the two maps together stay one catalog's worth at 100,000 entities.
      // Until this run completes, no run's hashes are kept: a failed run costs the next one a full parse, never a wrong copy.
      this.hashes = { evaluationId: -1, byRef: new Map() };
      const nextHashes = new Map<string, number>();
      let hits = 0;
      // With the last run's hashes, pages carry only refs and etags; whole entities are read for those whose hash changed.
      const light = previous.size > 0;
      const fetchPage = (cursor?: string) =>
        catalog.queryEntities(
          pageRequest(
            {
              kinds,
              fields: light ? VERSION_FIELDS : FULL_FIELDS,
              limit: PAGE_SIZE,
            },
            cursor,
          ),
          { credentials },
        );
      this.scorer.begin({
        known,
        defaults: this.options.ops.defaults,
        scoring: this.options.ops.scoring,
        now,
        checks: this.options.checks.checks,
        custom: this.options.checks.custom,
      });
      // Pipelined: the next page is fetched and hashed while earlier pages are scored (in workers) and written (in order).
      let pending: ReturnType<typeof fetchPage> | undefined = fetchPage();
      let writes: Promise<void> = Promise.resolve();
      const inFlight: Promise<void>[] = [];
      // Until an entity changes, unchanged rows are not copied: a run that changed nothing serves the latest run's rows as they are.
      let held: string[] = [];
      let ownRows = false;
      while (pending) {
        const page: Awaited<ReturnType<typeof fetchPage>> = await pending;
        pending = page.pageInfo.nextCursor
          ? fetchPage(page.pageInfo.nextCursor)
          : undefined;
        // Attach a handler now, so a failing prefetch is not an unhandled rejection while we work.
        pending?.catch(() => undefined);
        const items: ScoringItem[] = [];
        const unchanged: string[] = [];
        const fresh = page.items
          .map(entity => ({
            entity,
            ref: stringifyEntityRef(entity).toLowerCase(),
          }))
          .filter(({ ref }) => !nextHashes.has(ref));
        // Live facts a page at a time (they are part of what the hash covers).
        const live = hasFacts
          ? await store.facts.forEntities(fresh.map(f => f.ref))
          : new Map<string, EntityFact[]>();
        const keyed = fresh.map(({ entity, ref }) => {
          const item: ScoringItem = {
            entity,
            signOffs: signOffs.get(ref),
            waivers: waivers.get(ref),
            live: live.get(ref),
          };
          const inputs = JSON.stringify([
            item.signOffs ?? null,
            item.waivers ?? null,
            item.live ?? null,
          ]);
          return {
            ref,
            item,
            inputs,
            key: versionKey(day, entity, knownHash, inputs),
          };
        });
        if (light) {
          // The catalog changes an entity's etag with any change: only those (and any without one) are read whole.
          const whole = keyed.filter(
            k => k.key === undefined || previous.get(k.ref) !== k.key,
          );
          const read = whole.length
            ? await catalog.getEntitiesByRefs(
                { entityRefs: whole.map(k => k.ref), fields: FULL_FIELDS },
                { credentials },
              )
            : { items: [] };
          whole.forEach((k, i) => {
            const entity = read.items[i];
            // Gone since the page was listed: the next run drops it, as if listed after.
            if (entity) k.item.entity = entity;
            else k.key = -1;
          });
        }
        for (const k of keyed) {
          if (nextHashes.has(k.ref) || k.key === -1) continue;
          const key =
            k.key ??
            versionKey(day, k.item.entity, knownHash, k.inputs) ??
            entityContentKey(day, k.item.entity, knownHash, k.inputs);
          nextHashes.set(k.ref, key);
          const before = previous.get(k.ref);
          previous.delete(k.ref);
          if (before === key) {
            unchanged.push(k.ref);
            hits++;
          } else {
            items.push(k.item);
          }
        }
        const scored = this.scorer.score(items);
        scored.catch(() => undefined);
        // From the first changed entity on, this run stores rows of its own: what was held is copied with this page.
        let copied: string[] = [];
        if (items.length || ownRows) {
          copied = [...held, ...unchanged];
          held = [];
          ownRows = true;
        } else held.push(...unchanged);
        const copy = copied.length
          ? { evaluationId: rowsId(latest!), entityRefs: copied }
          : undefined;
        writes = writes.then(async () =>
          store.writeResults(id, await scored, new Date(now), copy),
        );
        inFlight.push(writes);
        // At most two pages beyond the one being fetched in memory at once.
        if (inFlight.length > 1) await inFlight.shift();
      }
      await writes;
      // What changed since this run read it (a sign-off, a waiver, a catalog change) is scored again from what is there now.
      let changedSince = await store.rescoredSince(new Date(started));
      // Listed by the latest run and not by this one: gone, so this run's rows differ.
      const removed = previous.size > 0;
      // An entity re-scored into the latest run may since have left the catalog, which its rows would still hold: kept only without such.
      const keepRows =
        latest !== undefined &&
        !ownRows &&
        !removed &&
        held.length > 0 &&
        rescoredIntoLatest.length === 0 &&
        changedSince.length === 0;
      if (!keepRows && held.length) {
        await store.writeResults(id, [], new Date(now), {
          evaluationId: rowsId(latest!),
          entityRefs: held,
        });
        // A re-score that landed while the held rows were copied may have found them not yet there: asked again after the copy.
        changedSince = await store.rescoredSince(new Date(started));
      }
      if (changedSince.length && this.options.rescorer)
        await this.options.rescorer.rescore(changedSince, id);
      const run = await store.completeEvaluation(id, {
        checkIds: this.options.checks.checks.map(c => c.id),
        historyRetentionMs: this.options.historyRetentionMs,
        ...(keepRows ? { rowsOf: rowsId(latest!) } : {}),
      });
      this.hashes = { evaluationId: id, byRef: nextHashes };
      if (latest && this.options.notifier)
        await this.notifyRegressions(latest, run);
      await this.options.afterRun?.(run);
      logger.info(
        `ops evaluation ${id} scored ${
          run.entityCount
        } entities (${hits} unchanged) in ${Date.now() - started} ms`,
      );
      return run;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store
        .failEvaluation(id, message)
        .catch(e =>
          logger.error(`could not record failed ops evaluation ${id}`, e),
        );
      logger.warn(
        `ops evaluation ${id} failed; the previous results stay served: ${message}`,
      );
      throw error;
    }
  }
}
