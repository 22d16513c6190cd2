import {
  coreServices,
  createServiceFactory,
  createServiceRef,
  type BackstageCredentials,
} from '@backstage/backend-plugin-api';
import type {
  ComplianceFilter,
  ComplianceListResponse,
  ComplianceSort,
  ComplianceSummaryResponse,
  EntityOpsResponse,
} from '@opskit/plugin-ops-common';
import { OpsServiceClient } from './OpsServiceClient';

/**
 * Every call acts for these credentials: a user's, or a plugin's own service credentials.
 *
 * @public
 */
export interface OpsServiceRequestOptions {
  credentials: BackstageCredentials;
}

/**
 * OpsKit's data for other backend plugins: one entity's ops profile and
 * scorecards, and the catalog-wide compliance list. Calls go to ops-backend's
 * API on behalf of the given credentials, so its permissions hold.
 *
 * @public
 */
export interface OpsService {
  /** Evaluated now; NotFoundError when the entity does not exist or is not visible. */
  getEntityOps(
    entityRef: string,
    options: OpsServiceRequestOptions,
  ): Promise<EntityOpsResponse>;
  /** The latest stored evaluation: totals, levels, failing checks and the per-owner roll-up. */
  getComplianceSummary(
    filter: ComplianceFilter,
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceSummaryResponse>;
  /** One page of the compliance list. */
  listCompliance(
    request: {
      filter?: ComplianceFilter;
      sort?: Partial<ComplianceSort>;
      limit?: number;
      cursor?: string;
    },
    options: OpsServiceRequestOptions,
  ): Promise<ComplianceListResponse>;
}

/** @public */
export const opsServiceRef = createServiceRef<OpsService>({
  id: 'opskit.ops',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: { discovery: coreServices.discovery, auth: coreServices.auth },
      factory: ({ discovery, auth }) =>
        new OpsServiceClient({ discovery, auth }),
    }),
});
