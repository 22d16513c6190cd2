import { DEPLOYMENT_CHECKS, DEPLOYMENT_SCORECARD } from './deploymentChecks';
import { MONITORING_CHECKS, MONITORING_SCORECARD } from './monitoringChecks';
import { alertsDeployedCheck } from './alertsDeployedCheck';
import { backupsFreshCheck } from './backupsFreshCheck';
import { burnRateAlertsCheck } from './burnRateAlertsCheck';
import { errorBudgetLeftCheck } from './errorBudgetCheck';
import { slosMetInProductionCheck } from './sloAttainmentCheck';
import type { CheckDefinition, OpsCheck, ScorecardDefinition } from './types';

/** @public */
export const BUILT_IN_SCORECARDS: ScorecardDefinition[] = [
  {
    id: DEPLOYMENT_SCORECARD,
    title: 'Deployment checklist',
    description:
      'Can this service be deployed, rolled back and restored safely?',
  },
  {
    id: MONITORING_SCORECARD,
    title: 'Monitoring compliance',
    description:
      'Will we know when this service misbehaves, and who gets paged?',
  },
];

/** @public */
export const BUILT_IN_CHECKS: OpsCheck[] = [
  ...DEPLOYMENT_CHECKS,
  ...MONITORING_CHECKS,
  slosMetInProductionCheck,
  errorBudgetLeftCheck,
  burnRateAlertsCheck,
  alertsDeployedCheck,
  backupsFreshCheck,
];

/**
 * A check without its function, as the API and UI list it.
 *
 * @public
 */
export function describeCheck({
  evaluate: _evaluate,
  ...definition
}: OpsCheck): CheckDefinition {
  return definition;
}
