/**
 * What the ops API returns, named for the code that stores and shows it. The
 * shapes are the OpenAPI spec's (plugins/ops-backend/src/schema/openapi.yaml),
 * through the types generated from it; nothing here restates a field.
 */
import type { OpsProfile } from '../descriptor/types';
import type { EntityFact } from '../facts/liveFacts';
import type { components } from './generated/openapi';

/**
 * The spec's component schemas, by name.
 *
 * @public
 */
export type OpsApiSchemas = components['schemas'];

/** @public */
export type EvaluationRun = OpsApiSchemas['EvaluationRun'];
/** @public */
export type EvaluationStatus = EvaluationRun['status'];
/**
 * A compliance record as stored, with the entity's display title.
 *
 * @public
 */
export type ComplianceRow = OpsApiSchemas['ComplianceRow'];
/** @public */
export type StoredSignOff = OpsApiSchemas['StoredSignOff'];
/** @public */
export type StoredWaiver = OpsApiSchemas['StoredWaiver'];
/** @public */
export type OwnerRollup = OpsApiSchemas['OwnerRollup'];
/** @public */
export type TrendPoint = OpsApiSchemas['TrendPoint'];
/** @public */
export type HistoryPoint = OpsApiSchemas['HistoryPoint'];
/**
 * Whether the served evaluation should be trusted, and why not.
 *
 * @public
 */
export type Staleness = Pick<
  OpsApiSchemas['CompliancePage'],
  'stale' | 'reason' | 'retrying'
>;
/** @public */
export type SignOffRequest = OpsApiSchemas['SignOffRequest'];
/** @public */
export type WaiverRequest = OpsApiSchemas['WaiverRequest'];

/**
 * `GET /compliance`.
 *
 * @public
 */
export type ComplianceListResponse = OpsApiSchemas['CompliancePage'];
/**
 * `GET /compliance/summary`.
 *
 * @public
 */
export type ComplianceSummaryResponse = OpsApiSchemas['ComplianceSummary'];
/**
 * `GET /rollups/{kind}/{namespace}/{name}`.
 *
 * @public
 */
export type RollupResponse = OpsApiSchemas['Rollup'];
/**
 * `GET /compliance/trend`.
 *
 * @public
 */
export type ComplianceTrendResponse = OpsApiSchemas['ComplianceTrend'];
/**
 * `GET /entities/{kind}/{namespace}/{name}/history`.
 *
 * @public
 */
export type EntityHistoryResponse = OpsApiSchemas['EntityHistory'];
/**
 * `GET /entities/{kind}/{namespace}/{name}/budgets/history`.
 *
 * @public
 */
export type BudgetHistoryResponse = OpsApiSchemas['BudgetHistory'];
/**
 * `GET /checks`.
 *
 * @public
 */
export type ChecksResponse = OpsApiSchemas['Checks'];

/**
 * `GET /entities/{kind}/{namespace}/{name}`. The spec describes the profile's
 * sections only as objects (their shape is the descriptor schema's, generated
 * from zod) and a fact's value as any JSON; here they get their exact types.
 *
 * @public
 */
export type EntityOpsResponse = Omit<
  OpsApiSchemas['EntityOps'],
  'profile' | 'facts'
> & {
  profile: OpsProfile;
  facts: EntityFact[];
};

/**
 * A page of the compliance list as the store reads it; the API adds staleness.
 *
 * @public
 */
export type CompliancePage = Omit<ComplianceListResponse, keyof Staleness>;
/**
 * The summary as the store computes it; the API adds staleness and the last run.
 *
 * @public
 */
export type ComplianceSummary = Omit<
  ComplianceSummaryResponse,
  keyof Staleness | 'lastRun'
>;

/** @public */
export type SortField = OpsApiSchemas['SortField'];

/**
 * The sort fields, in the order the UI offers them.
 *
 * @public
 */
export const SORT_FIELDS = [
  'entityRef',
  'owner',
  'kind',
  'tier',
  'score',
  'level',
  'errorCount',
  'budget',
] as const satisfies readonly SortField[];

// Fails to compile when the spec gains a sort field this list lacks.
type MissingSortFields = Exclude<SortField, (typeof SORT_FIELDS)[number]>;
const everySortField: [MissingSortFields] extends [never] ? true : never = true;
void everySortField;

/**
 * Filters of the compliance list; lists match any of their values.
 *
 * @public
 */
export interface ComplianceFilter {
  owner?: string[];
  kind?: string[];
  type?: string[];
  lifecycle?: string[];
  tier?: string[];
  system?: string[];
  /** Owned by these groups or any group under them (a group's roll-up). */
  group?: string[];
  /** In the systems of these domains (a domain's roll-up). */
  domain?: string[];
  /** With `level`: that scorecard's level; alone: entities the scorecard applies to. */
  scorecard?: string;
  level?: OpsApiSchemas['Level'][];
  failingCheck?: string[];
  /** Worst production error budget left below this percentage (entities without a measured budget never match). */
  budgetBelow?: number;
  /** Case-insensitive substring of the entity ref or title. */
  text?: string;
}

/** @public */
export interface ComplianceSort {
  field: SortField;
  order: 'asc' | 'desc';
}

/** @public */
export interface ComplianceQuery {
  filter: ComplianceFilter;
  sort: ComplianceSort;
  limit: number;
  cursor?: string;
}
