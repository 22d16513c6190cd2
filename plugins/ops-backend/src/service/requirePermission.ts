import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  type BasicPermission,
} from '@backstage/plugin-permission-common';

/** The one place ops-backend asks the permission framework; every route goes through it. */
export async function requirePermission(options: {
  permissions: PermissionsService;
  permission: BasicPermission;
  credentials: BackstageCredentials;
}): Promise<void> {
  const [decision] = await options.permissions.authorize(
    [{ permission: options.permission }],
    {
      credentials: options.credentials,
    },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `you are not allowed to ${options.permission.name
        .replace(/^ops\./, '')
        .replace('.', ' ')} (${options.permission.name})`,
    );
  }
}
