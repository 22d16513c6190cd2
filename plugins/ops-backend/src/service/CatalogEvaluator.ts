import { createHash } from 'node:crypto';
import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  BUILT_IN_CHECKS,
  complianceRecord,
  effectiveChecks,
  evaluateEntity,
  resolveEscalationTargets,
  type OpsCheck,
  type OpsConfig,
} from '@opskit/plugin-ops-common';
import type { ComplianceRow, EvaluationRun, OpsStore, StoredSignOff, StoredWaiver } from '../database/OpsStore';
import { entityFacts } from './facts';

/** Only what building a profile reads: keeps catalog pages small at 100,000 entities. */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.type',
  'spec.lifecycle',
  'spec.owner',
  'spec.system',
  'spec.dependsOn',
  'relations',
];

const PAGE_SIZE = 500;

export interface CatalogEvaluatorOptions {
  catalog: CatalogService;
  auth: AuthService;
  store: OpsStore;
  logger: LoggerService;
  ops: OpsConfig;
  kinds: string[];
  historyRetentionMs: number;
  checks?: readonly OpsCheck[];
}

/**
 * Scores the whole catalog: pages through the catalog service with the
 * plugin's own credentials, scores each page with ops-common and writes it in
 * one transaction. A run that fails leaves the previous one served.
 */

export class CatalogEvaluator {
  /**
   * For the last successful run: entity ref → hash of everything its result
   * was computed from. An entity whose hash is unchanged is not parsed again;
   * its stored row is copied inside the database, so memory stays at a hash
   * per entity however large the catalog.
   */
  private hashes = { evaluationId: -1, byRef: new Map<string, string>() };

  constructor(private readonly options: CatalogEvaluatorOptions) {}

  get checkIds(): string[] {
    return effectiveChecks(this.options.checks ?? BUILT_IN_CHECKS, this.options.ops.scoring).map(c => c.id);
  }

  /** Lower-case refs of every catalog user and group: what escalation targets must name. */
  async knownPrincipals(): Promise<Set<string>> {
    const { catalog, auth } = this.options;
    const credentials = await auth.getOwnServiceCredentials();
    const known = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await catalog.queryEntities(
        cursor
          ? { cursor, limit: 1000, fields: ['kind', 'metadata.name', 'metadata.namespace'] }
          : { filter: { kind: ['User', 'Group'] }, limit: 1000, fields: ['kind', 'metadata.name', 'metadata.namespace'], totalItems: 'exclude' },
        { credentials },
      );
      for (const entity of page.items) known.add(stringifyEntityRef(entity).toLowerCase());
      cursor = page.pageInfo.nextCursor;
    } while (cursor);
    return known;
  }

  async run(trigger: string): Promise<EvaluationRun> {
    const { catalog, auth, store, logger, kinds } = this.options;
    const started = Date.now();
    const id = await store.startEvaluation(trigger);
    try {
      const credentials = await auth.getOwnServiceCredentials();
      const [known, signOffs, waivers] = await Promise.all([this.knownPrincipals(), store.allSignOffs(), store.activeWaivers()]);
      const seen = new Set<string>();
      const now = Date.now();
      const knownHash = createHash('sha1').update([...known].sort().join('\n')).digest('hex');
      // Time-dependent rules (recovery test age, future dates) work in days, so results keep for the day.
      const day = new Date(now).toISOString().slice(0, 10);
      // Only the latest run's rows may be copied (older ones may have been pruned, or be another replica's).
      const latest = await store.latestEvaluation();
      const previous = latest?.id === this.hashes.evaluationId ? this.hashes.byRef : new Map<string, string>();
      const nextHashes = new Map<string, string>();
      let hits = 0;
      const fetchPage = (cursor?: string) =>
        catalog.queryEntities(
          cursor
            ? { cursor, limit: PAGE_SIZE, fields: ENTITY_FIELDS }
            : { filter: { kind: kinds }, limit: PAGE_SIZE, fields: ENTITY_FIELDS, totalItems: 'exclude' },
          { credentials },
        );
      // Pipelined: the next page is being fetched and the previous page written while this one is scored.
      let pending: ReturnType<typeof fetchPage> | undefined = fetchPage();
      let writing: Promise<void> = Promise.resolve();
      while (pending) {
        const page: Awaited<ReturnType<typeof fetchPage>> = await pending;
        pending = page.pageInfo.nextCursor ? fetchPage(page.pageInfo.nextCursor) : undefined;
        // Attach a handler now, so a failing prefetch is not an unhandled rejection while we score.
        pending?.catch(() => undefined);
        const rows: ComplianceRow[] = [];
        const unchanged: string[] = [];
        for (const entity of page.items) {
          const ref = stringifyEntityRef(entity).toLowerCase();
          if (seen.has(ref)) continue;
          seen.add(ref);
          const entityFactsIn = { signOffs: signOffs.get(ref), waivers: waivers.get(ref) };
          const key = createHash('sha1')
            .update(day)
            .update(knownHash)
            .update(JSON.stringify(entity))
            .update(JSON.stringify(entityFactsIn))
            .digest('hex');
          nextHashes.set(ref, key);
          if (previous.get(ref) === key) {
            unchanged.push(ref);
            hits++;
          } else {
            rows.push(this.score(entity, known, entityFactsIn.signOffs, entityFactsIn.waivers, now));
          }
        }
        await writing;
        writing = store.writeResults(id, rows, new Date(now), unchanged.length ? { evaluationId: latest!.id, entityRefs: unchanged } : undefined);
      }
      await writing;
      const run = await store.completeEvaluation(id, { checkIds: this.checkIds, historyRetentionMs: this.options.historyRetentionMs });
      this.hashes = { evaluationId: id, byRef: nextHashes };
      logger.info(`ops evaluation ${id} scored ${run.entityCount} entities (${hits} unchanged) in ${Date.now() - started} ms`);
      return run;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      await store.failEvaluation(id, message).catch(e => logger.error(`could not record failed ops evaluation ${id}`, e));
      logger.warn(`ops evaluation ${id} failed; the previous results stay served: ${message}`);
      throw error;
    }
  }

  private score(entity: Entity, known: Set<string>, signOffs: StoredSignOff[] | undefined, waivers: StoredWaiver[] | undefined, now: number): ComplianceRow {
    const { ops, checks } = this.options;
    const evaluation = evaluateEntity(entity, {
      defaults: ops.defaults,
      config: ops.scoring,
      checks,
      now,
      facts: profile => entityFacts({ signOffs, waivers, resolvedTargets: resolveEscalationTargets(profile, known) }),
    });
    return { ...complianceRecord(evaluation), title: entity.metadata.title };
  }
}
