export {
  budgetFraction,
  budgetSpent,
  describeShare,
  objectivePercent,
  burnRate,
  errorBudget,
  timeToExhaustionMs,
  type ErrorBudget,
} from './errorBudget';
export {
  BURN_RATE_WINDOWS,
  DEFAULT_BURN_RATE_CONDITIONS,
  burnRateVerdicts,
  burnRateWindowMs,
  readBurnRateConditions,
  type BurnRateCondition,
  type BurnRateVerdict,
  type BurnRateWindow,
} from './burnRateAlerts';
export { histogramBucket, type HistogramBucket } from './histogramBucket';
export {
  BATCH_PART_LABEL,
  batchedCountersQuery,
  type BatchCounter,
} from './sliBatches';
export {
  errorRatioRecord,
  pagedSlos,
  prometheusRules,
  prometheusRulesError,
  type PrometheusRule,
  type PrometheusRuleGroups,
  type PrometheusRulesOptions,
} from './prometheusRules';
export {
  BUDGET_FACT_PREFIX,
  WINDOW_LABEL,
  budgetFactName,
  observeBudget,
  parseBudgetFactName,
  sliQueries,
  sliTargets,
  type SliTarget,
  type BudgetObservation,
  type SliQuery,
} from './sliMeasurement';
export {
  entityAlerts,
  firingAlerts,
  missingAlerts,
  rulesFactName,
  type DeployedAlert,
} from './deployedRules';
export {
  budgetSample,
  productionBudget,
  type BudgetSample,
  type ProductionBudget,
} from './productionBudget';
