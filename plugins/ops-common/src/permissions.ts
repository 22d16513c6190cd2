import { createPermission } from '@backstage/plugin-permission-common';

/**
 * Read compliance data: scorecards, history, the catalog-wide list and exports.
 *
 * @public
 */
export const opsComplianceReadPermission = createPermission({
  name: 'ops.compliance.read',
  attributes: { action: 'read' },
});

/**
 * Record checklist sign-offs for an entity.
 *
 * @public
 */
export const opsChecklistUpdatePermission = createPermission({
  name: 'ops.checklist.update',
  attributes: { action: 'update' },
});

/**
 * Create and revoke waivers.
 *
 * @public
 */
export const opsWaiverManagePermission = createPermission({
  name: 'ops.waiver.manage',
  attributes: { action: 'update' },
});

/**
 * Start a catalog-wide evaluation now.
 *
 * @public
 */
export const opsComplianceRefreshPermission = createPermission({
  name: 'ops.compliance.refresh',
  attributes: { action: 'update' },
});

/** @public */
export const opsPermissions = [
  opsComplianceReadPermission,
  opsChecklistUpdatePermission,
  opsWaiverManagePermission,
  opsComplianceRefreshPermission,
];
