import type { DatabaseService } from '@backstage/backend-plugin-api';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import type { Knex } from 'knex';
import { ComplianceReader } from './ComplianceReader';
import { EvaluationRuns } from './EvaluationRuns';
import { EvaluationWriter } from './EvaluationWriter';
import { DatabaseFactStore, type FactStore } from './FactStore';
import { RescoreWriter } from './RescoreWriter';
import { ReviewStore } from './ReviewStore';
import { DatabaseCampaignStore, type CampaignStore } from './CampaignStore';
import type {
  ComplianceFilter,
  ComplianceQuery,
  ComplianceRow,
  ComplianceSort,
  NewSignOff,
  NewWaiver,
  StoredWaiver,
  WaiverDecision,
  OpsStore,
} from './OpsStore';

const migrationsDir = resolvePackagePath(
  '@opskit/plugin-ops-backend',
  'migrations',
);

/**
 * The OpsStore on the plugin's database, made of parts that each hold one
 * concern. This class only wires them, so that a run completing
 * (EvaluationWriter) empties the caches of the reads it outdates
 * (EvaluationRuns, ComplianceReader).
 *
 * @public
 */
export class DatabaseOpsStore implements OpsStore {
  static async create(options: {
    database: DatabaseService;
    skipMigrations?: boolean;
  }): Promise<DatabaseOpsStore> {
    const client = await options.database.getClient();
    if (!options.database.migrations?.skip && !options.skipMigrations) {
      await client.migrate.latest({
        directory: migrationsDir,
        tableName: 'ops_knex_migrations',
      });
    }
    return new DatabaseOpsStore(client);
  }

  /** The migrations directory, for tests that run them up and down. */
  static readonly migrationsDirectory = migrationsDir;

  /** Live facts share the database and its migrations. */
  readonly facts: FactStore;
  /** So do campaigns. */
  readonly campaigns: CampaignStore;

  private readonly runs: EvaluationRuns;
  private readonly writer: EvaluationWriter;
  private readonly reader: ComplianceReader;
  private readonly reviews: ReviewStore;
  private readonly rescores: RescoreWriter;

  constructor(db: Knex) {
    this.facts = new DatabaseFactStore(db);
    this.campaigns = new DatabaseCampaignStore(db);
    this.runs = new EvaluationRuns(db);
    this.reader = new ComplianceReader(db, this.runs);
    this.writer = new EvaluationWriter(db, this.runs, () =>
      this.reader.forgetCached(),
    );
    this.reviews = new ReviewStore(db);
    this.rescores = new RescoreWriter(db, this.runs, () =>
      this.reader.forgetCached(),
    );
  }

  // Evaluation runs: EvaluationWriter, EvaluationRuns

  startEvaluation(trigger: string) {
    return this.writer.startEvaluation(trigger);
  }

  writeResults(
    evaluationId: number,
    rows: ComplianceRow[],
    evaluatedAt: Date,
    unchanged?: { evaluationId: number; entityRefs: string[] },
  ) {
    return this.writer.writeResults(evaluationId, rows, evaluatedAt, unchanged);
  }

  completeEvaluation(
    evaluationId: number,
    options: {
      checkIds: string[];
      historyRetentionMs: number;
      rowsOf?: number;
    },
  ) {
    return this.writer.completeEvaluation(evaluationId, options);
  }

  failEvaluation(evaluationId: number, error: string) {
    return this.writer.failEvaluation(evaluationId, error);
  }

  failInterruptedEvaluations(options: { startedBefore: Date; reason: string }) {
    return this.writer.failInterrupted(options);
  }

  // Re-scores between runs: RescoreWriter

  writeRescored(
    rows: ComplianceRow[],
    options: { checkIds: string[]; at: Date; into?: number },
  ) {
    return this.rescores.write(rows, options);
  }

  rescoredSince(since: Date) {
    return this.rescores.rescoredSince(since);
  }

  latestEvaluation() {
    return this.runs.latest();
  }

  currentRun() {
    return this.runs.current();
  }

  lastRun() {
    return this.runs.last();
  }

  // Results: ComplianceReader

  listCompliance(query: ComplianceQuery) {
    return this.reader.listCompliance(query);
  }

  streamCompliance(filter: ComplianceFilter, sort: ComplianceSort) {
    return this.reader.streamCompliance(filter, sort);
  }

  summary(filter: ComplianceFilter, checkIds: string[]) {
    return this.reader.summary(filter, checkIds);
  }

  trend(options: { owner?: string; limit: number }) {
    return this.reader.trend(options);
  }

  latestRecord(entityRef: string) {
    return this.reader.latestRecord(entityRef);
  }

  changesBetween(previousId: number, currentId: number) {
    return this.reader.changesBetween(previousId, currentId);
  }

  entityHistory(entityRef: string, limit: number) {
    return this.reader.entityHistory(entityRef, limit);
  }

  // Sign-offs and waivers: ReviewStore

  addSignOff(signOff: NewSignOff) {
    return this.reviews.addSignOff(signOff);
  }

  listSignOffs(entityRef: string) {
    return this.reviews.listSignOffs(entityRef);
  }

  allSignOffs(entityRefs?: string[]) {
    return this.reviews.allSignOffs(entityRefs);
  }

  addWaiver(waiver: NewWaiver) {
    return this.reviews.addWaiver(waiver);
  }

  listWaivers(entityRef: string, options: { includeInactive: boolean }) {
    return this.reviews.listWaivers(entityRef, options);
  }

  getWaiver(id: string) {
    return this.reviews.getWaiver(id);
  }

  revokeWaiver(id: string, by: string, reason?: string) {
    return this.reviews.revokeWaiver(id, by, reason);
  }

  decideWaiver(id: string, decision: WaiverDecision) {
    return this.reviews.decideWaiver(id, decision);
  }

  waiversByStatus(status: StoredWaiver['status'], limit: number) {
    return this.reviews.waiversByStatus(status, limit);
  }

  activeWaivers(entityRefs?: string[]) {
    return this.reviews.activeWaivers(entityRefs);
  }
}
