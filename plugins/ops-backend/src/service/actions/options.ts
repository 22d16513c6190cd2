import type { PermissionsService } from '@backstage/backend-plugin-api';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { OpsStore } from '../../database/OpsStore';
import type { OpsBackendConfig } from '../backendConfig';
import type { OpsCheckSet } from '../checkSet';
import type { EntityOpsReader } from '../entityOps';

/** What the ops actions read: the same store, reader and permissions as the API. */
export interface OpsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  store: OpsStore;
  entities: EntityOpsReader;
  config: OpsBackendConfig;
  /** The checks in effect: the summary counts failures per check. */
  checks: OpsCheckSet;
}

/** Every ops action only reads. */
export const READ_ONLY = {
  readOnly: true,
  destructive: false,
  idempotent: true,
} as const;
