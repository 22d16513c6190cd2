/**
 * The OpsKit ops model: annotations, the `ops.yaml` schema, parsing and
 * validation with actionable issues, org defaults, scoring and permissions.
 * Pure and isomorphic: no I/O, safe in the browser and the backend.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './durations';
export * from './defaults';
export * from './config';
export * from './profile';
export * from './permissions';
export * from './backups';
export * from './budgets';
export * from './campaigns';
export * from './descriptor/vocabulary';
export type * from './descriptor/types';
export {
  descriptorSchema,
  sectionSchemas,
  SECTION_NAMES,
  type SectionName,
} from './descriptor/schema';
export {
  parseOpsDescriptor,
  validateOpsDescriptor,
  type DescriptorParse,
} from './descriptor/parseDescriptor';
export {
  parseOpsAnnotations,
  type AnnotationParse,
} from './descriptor/parseAnnotations';
export {
  readYaml,
  readYamlDocuments,
  writeYaml,
  canonicalDescriptorText,
  MAX_YAML_LENGTH,
  type YamlResult,
} from './descriptor/yaml';
export type { OpsIssue } from './validation/issues';
export { hasErrors } from './validation/issues';
export { checkUrl, isSafeUrl, type UrlVerdict } from './validation/urls';
export type { RuleSection } from './validation/ruleContext';
export { visibleText } from './validation/freeText';
export { checkEntityRef } from './validation/entityRefs';
export {
  validateSections,
  type SectionLocator,
} from './validation/validateSections';
export {
  describeAlert,
  describeThreshold,
  describeValue,
  isAlertOnRightSide,
} from './validation/sloRules';
export { backupIntervalMs } from './validation/dataRules';
export { didYouMean } from './validation/didYouMean';
export * from './scoring/types';
export {
  evaluateScorecards,
  effectiveChecks,
  appliesTo,
  type EvaluateOptions,
} from './scoring/engine';
export {
  BUILT_IN_CHECKS,
  BUILT_IN_SCORECARDS,
  describeCheck,
} from './scoring/builtInChecks';
export {
  DEPLOYMENT_SCORECARD,
  DEPLOYMENT_CHECKS,
  signOffFor,
} from './scoring/deploymentChecks';
export {
  MONITORING_SCORECARD,
  MONITORING_CHECKS,
} from './scoring/monitoringChecks';
export { latestVersion, productionEnvironment } from './scoring/profileFacts';
export { evaluateEntity, type EntityEvaluation } from './evaluateEntity';
export {
  entityContentKey,
  evaluationDay,
  scoredFieldsKey,
  type ScoredFields,
} from './scoring/contentKey';
export {
  complianceRecord,
  levelRank,
  isScoreLevel,
  type ComplianceRecord,
} from './scoring/complianceRecord';
export {
  escalationTargetCandidates,
  escalationTargets,
  escalationTargetRefs,
  resolveEscalationTargets,
} from './scoring/escalationTargets';
export * from './opsRef';
export * from './openslo';
export {
  opsDescriptorJsonSchema,
  OPS_DESCRIPTOR_SCHEMA_ID,
} from './descriptor/jsonSchema';
export * from './api/types';
export {
  renderRunbook,
  renderRunbookChapters,
  RUNBOOK_CHAPTERS,
  type RunbookChapter,
  type RunbookInput,
  type RenderRunbookOptions,
} from './runbook/renderRunbook';
export {
  descriptorAnnotations,
  isRunbookPath,
  type DescriptorFile,
} from './descriptor/descriptorFile';
export {
  importRunbookMarkdown,
  MAX_RUNBOOK_LENGTH,
  type ImportRunbookOptions,
  type RunbookImport,
} from './runbook/import/importRunbookMarkdown';
export {
  createOpsDescriptor,
  type DescriptorInputs,
  type CreatedDescriptor,
} from './scaffold/createDescriptor';
export {
  findRegressions,
  type Regression,
  type RecordChange,
} from './scoring/regressions';
export * from './facts/liveFacts';
export * from './facts/sloFacts';
export { slosMetInProductionCheck } from './scoring/sloAttainmentCheck';
export { errorBudgetLeftCheck } from './scoring/errorBudgetCheck';
export { alertsDeployedCheck } from './scoring/alertsDeployedCheck';
export { backupsFreshCheck } from './scoring/backupsFreshCheck';
export {
  readCustomChecks,
  type CustomCheckCondition,
  type CustomCheckDefinition,
  type CustomCheckRule,
} from './scoring/customCheckConfig';
export { customCheck, customChecks } from './scoring/customChecks';
export {
  fetchEntityScorecards,
  type EntityScorecardsRequest,
} from './entityScorecards';
export {
  gateReport,
  gateResult,
  type GateOptions,
  type GateResult,
  type GateScorecard,
} from './scoring/gate';
export { entityPathParams, complianceQuery } from './api/paths';
export {
  OpsApiClient,
  type OpsApiClientOptions,
  type OpsApiRequest,
  type OpsApiResponse,
} from './api/OpsApiClient';
export type {
  OperationId as OpsApiOperationId,
  PathParams as OpsApiPathParams,
  QueryParams as OpsApiQueryParams,
  RequestBody as OpsApiRequestBody,
  ResponseBody as OpsApiResponseBody,
  OperationParameters as OpsApiOperationParameters,
  Present as OpsApiPresent,
  JsonContent as OpsApiJsonContent,
  SuccessStatus as OpsApiSuccessStatus,
} from './api/operationTypes';
export type {
  paths as OpsApiPaths,
  components as OpsApiComponents,
  operations as OpsApiOperations,
} from './api/generated/openapi';
export type { IndexMaps } from './descriptor/parseSection';
export type { OpsApiSchemas } from './api/types';
export {
  OPS_ENTITY_CHANGED_TOPIC,
  type OpsEntityChangedEvent,
} from './entityEvents';
