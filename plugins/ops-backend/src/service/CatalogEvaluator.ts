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
      let cursor: string | undefined;
      do {
        const page = await catalog.queryEntities(
          cursor
            ? { cursor, limit: PAGE_SIZE, fields: ENTITY_FIELDS }
            : { filter: { kind: kinds }, limit: PAGE_SIZE, fields: ENTITY_FIELDS, totalItems: 'exclude' },
          { credentials },
        );
        const rows: ComplianceRow[] = [];
        for (const entity of page.items) {
          const ref = stringifyEntityRef(entity).toLowerCase();
          if (seen.has(ref)) continue;
          seen.add(ref);
          rows.push(this.score(entity, known, signOffs.get(ref), waivers.get(ref), now));
        }
        await store.writeResults(id, rows, new Date(now));
        cursor = page.pageInfo.nextCursor;
      } while (cursor);
      const run = await store.completeEvaluation(id, { checkIds: this.checkIds, historyRetentionMs: this.options.historyRetentionMs });
      logger.info(`ops evaluation ${id} scored ${run.entityCount} entities in ${Date.now() - started} ms`);
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
