import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/*
 * What is done to one entity is a resource permission on `catalog-entity`: a
 * policy sees the entity and can answer with the catalog's own conditions
 * (`catalogConditions.isEntityOwner`, `isEntityKind`, …), which the catalog
 * evaluates. What spans the catalog stays a basic permission.
 */

/**
 * Read one entity's ops data: its profile, scorecards, history, sign-offs and
 * waivers. Also filters the catalog-wide list: a policy that allows it only
 * for owned entities shows each user the compliance of what they own.
 *
 * @public
 */
export const opsEntityReadPermission = createPermission({
  name: 'ops.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Read catalog-wide compliance: the list, its summary, trend and exports
 * (whose entities are those `ops.entity.read` allows), and the checks.
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
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Ask for a waiver of one of an entity's checks: the request waits for an
 * approver (`ops.waiver.manage`).
 *
 * @public
 */
export const opsWaiverRequestPermission = createPermission({
  name: 'ops.waiver.request',
  attributes: { action: 'create' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Approve, deny and revoke an entity's waivers, and write approved ones directly.
 *
 * @public
 */
export const opsWaiverManagePermission = createPermission({
  name: 'ops.waiver.manage',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
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

/**
 * Create and edit campaigns; reading them follows `ops.compliance.read`.
 *
 * @public
 */
export const opsCampaignManagePermission = createPermission({
  name: 'ops.campaign.manage',
  attributes: { action: 'update' },
});

/** @public */
export const opsPermissions = [
  opsEntityReadPermission,
  opsComplianceReadPermission,
  opsChecklistUpdatePermission,
  opsWaiverRequestPermission,
  opsWaiverManagePermission,
  opsComplianceRefreshPermission,
  opsCampaignManagePermission,
];
