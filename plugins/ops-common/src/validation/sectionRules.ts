import type {
  Deployment,
  Environment,
  Logging,
  Monitoring,
  VersionEntry,
} from '../descriptor/types';
import { LOG_LEVELS, STANDARD_CHECKLIST_IDS } from '../descriptor/vocabulary';
import { didYouMean, suggestion } from './didYouMean';
import type { RuleContext } from './ruleContext';

export function validateEnvironments(
  ctx: RuleContext,
  environments: Environment[] | undefined,
) {
  if (!environments) return;
  const seen = new Map<string, number>();
  environments.forEach((env, i) => {
    const first = seen.get(env.name);
    if (first !== undefined) {
      ctx.error(
        'environments',
        `[${i}].name`,
        `"${env.name}" is defined more than once; environment names must be unique`,
      );
    } else seen.set(env.name, i);
  });
}

export function validateDeployment(
  ctx: RuleContext,
  deployment: Deployment | undefined,
  environments: Set<string>,
) {
  if (!deployment) return;
  deployment.process?.forEach((step, i) => {
    if (
      step.environment &&
      environments.size > 0 &&
      !environments.has(step.environment)
    ) {
      ctx.warn(
        'deployment',
        `process[${i}].environment`,
        `"${step.environment}" is not a defined environment${suggestion(
          step.environment,
          [...environments],
        )}`,
      );
    }
  });
  const ids = new Set<string>();
  deployment.checklist?.forEach((item, i) => {
    if (ids.has(item.id))
      ctx.error(
        'deployment',
        `checklist[${i}].id`,
        `"${item.id}" is listed twice; checklist ids must be unique`,
      );
    ids.add(item.id);
    const standard = (STANDARD_CHECKLIST_IDS as readonly string[]).includes(
      item.id,
    )
      ? undefined
      : didYouMean(item.id, STANDARD_CHECKLIST_IDS);
    if (standard) {
      ctx.warn(
        'deployment',
        `checklist[${i}].id`,
        `"${item.id}" looks like the standard item "${standard}"; use the standard id so sign-offs and scorecards recognise it`,
      );
    }
  });
}

export function validateMonitoring(
  ctx: RuleContext,
  monitoring: Monitoring | undefined,
  environments: Set<string>,
) {
  monitoring?.dashboards?.forEach((dashboard, i) => {
    if (
      dashboard.environment &&
      environments.size > 0 &&
      !environments.has(dashboard.environment)
    ) {
      ctx.warn(
        'monitoring',
        `dashboards[${i}].environment`,
        `"${dashboard.environment}" is not a defined environment${suggestion(
          dashboard.environment,
          [...environments],
        )}`,
      );
    }
  });
}

export function validateLogging(
  ctx: RuleContext,
  logging: Logging | undefined,
) {
  logging?.levels?.forEach((level, i) => {
    if (!(LOG_LEVELS as readonly string[]).includes(level)) {
      ctx.warn(
        'logging',
        `levels[${i}]`,
        `"${level}" is not a common log level (${LOG_LEVELS.join(
          ', ',
        )})${suggestion(level, LOG_LEVELS)}`,
      );
    }
  });
}

export function validateVersionHistory(
  ctx: RuleContext,
  history: VersionEntry[] | undefined,
) {
  const seen = new Set<string>();
  history?.forEach((entry, i) => {
    if (seen.has(entry.version))
      ctx.warn(
        'versionHistory',
        `[${i}].version`,
        `version ${entry.version} is listed twice`,
      );
    seen.add(entry.version);
    if (entry.date && Date.parse(entry.date) > ctx.now + 86_400_000) {
      ctx.warn(
        'versionHistory',
        `[${i}].date`,
        `${entry.date} is in the future`,
      );
    }
  });
}
