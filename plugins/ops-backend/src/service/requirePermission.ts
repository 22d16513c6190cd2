import type {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  AuthorizeResult,
  isResourcePermission,
  type BasicPermission,
  type ResourcePermission,
} from '@backstage/plugin-permission-common';

/**
 * The one place ops-backend asks the permission framework for a decision on
 * one thing; every route goes through it. A resource permission names the
 * entity (`resourceRef`), so a policy's catalog conditions (`isEntityOwner`)
 * are applied to it by the catalog.
 */
export async function requirePermission(options: {
  permissions: PermissionsService;
  permission: BasicPermission | ResourcePermission<'catalog-entity'>;
  credentials: BackstageCredentials;
  /** The entity, for a resource permission. */
  resourceRef?: string;
}): Promise<void> {
  const { permission, resourceRef } = options;
  if (isResourcePermission(permission) && !resourceRef)
    throw new Error(`${permission.name} needs the entity it is asked for`);
  const [decision] = await options.permissions.authorize(
    [
      isResourcePermission(permission)
        ? { permission, resourceRef: resourceRef! }
        : { permission: permission as BasicPermission },
    ],
    { credentials: options.credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW)
    throw new NotAllowedError(
      `you are not allowed to ${whatItAllows(permission.name, resourceRef)} (${
        permission.name
      })`,
    );
}

/** What a permission lets one do, for the 403 message. */
export function whatItAllows(name: string, resourceRef?: string): string {
  const of = resourceRef ? ` of ${resourceRef}` : '';
  switch (name) {
    case 'ops.entity.read':
      return `read the ops data${of}`;
    case 'ops.checklist.update':
      return `sign off checklist items${of}`;
    case 'ops.waiver.manage':
      return `manage waivers${of}`;
    case 'ops.compliance.read':
      return 'read catalog-wide compliance';
    case 'ops.compliance.refresh':
      return 'start an evaluation';
    default:
      return `use ${name}${resourceRef ? ` on ${resourceRef}` : ''}`;
  }
}
