import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readOpsConfig, type OpsDefaults } from '@opskit/plugin-ops-common';

/**
 * The organisation defaults from app-config. Unlike the backend (which falls
 * back to built-in values and warns), the scaffolder refuses invalid defaults:
 * a new service must not start from half of a broken policy.
 */
export function readDefaults(config: Config): OpsDefaults {
  const { defaults, issues } = readOpsConfig(config.getOptional('ops'));
  const errors = issues.filter(issue => issue.severity === 'error');
  if (errors.length) {
    throw new InputError(
      `ops.defaults in app-config is invalid, so no ops.yaml was written:\n${errors
        .map(e => `- ${e.path}: ${e.message}`)
        .join('\n')}`,
    );
  }
  return defaults;
}
