import type { PermissionsService } from '@backstage/backend-plugin-api';
import {
  parseEntityRef,
  type CompoundEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import type { ActionsRegistryService } from '@backstage/backend-plugin-api/alpha';
import type { OpsStore } from '../../database/OpsStore';
import type { CampaignProgress } from '../campaigns/CampaignProgress';
import type { OpsBackendConfig } from '../backendConfig';
import type { OpsCheckSet } from '../checkSet';
import type { EntityOpsReader } from '../entityOps';
import type { ReviewWrites } from '../reviewWrites';

/** What the ops actions read: the same store, reader and permissions as the API. */
export interface OpsActionsOptions {
  actionsRegistry: ActionsRegistryService;
  permissions: PermissionsService;
  store: OpsStore;
  entities: EntityOpsReader;
  config: OpsBackendConfig;
  /** The checks in effect: the summary counts failures per check. */
  checks: OpsCheckSet;
  /** Campaign progress, measured as GET /campaigns/{id} measures it. */
  campaignProgress: CampaignProgress;
  /** The API's own writes: the same permissions, validation, audit and notifications. */
  writes: ReviewWrites;
}

/** The reading actions. */
export const READ_ONLY = {
  readOnly: true,
  destructive: false,
  idempotent: true,
} as const;

/** The writing actions: they record something, and asking twice records twice (or meets the open waiver). */
export const WRITES = {
  readOnly: false,
  destructive: false,
  idempotent: false,
} as const;

/** An action's entity ref input; kind and namespace default to component and default. */
export function compoundRef(entityRef: string): CompoundEntityRef {
  try {
    return parseEntityRef(entityRef, {
      defaultKind: 'component',
      defaultNamespace: 'default',
    });
  } catch (error) {
    throw new InputError(`entityRef: ${(error as Error).message}`);
  }
}
