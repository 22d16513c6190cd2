import type {
  AuditorService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import type { Entity } from '@backstage/catalog-model';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import type { ResourcePermission } from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  opsChecklistUpdatePermission,
  opsWaiverManagePermission,
  opsWaiverRequestPermission,
  type OpsApiRequestBody,
  type StoredSignOff,
} from '@opskit/plugin-ops-common';
import type { OpsStore, StoredWaiver } from '../database/OpsStore';
import type { OpsBackendConfig } from './backendConfig';
import type { EntityRescorer } from './rescoring/EntityRescorer';
import type { WaiverNotifier } from './notifications/WaiverNotifier';
import {
  requireEvaluatedKind,
  validateSignOff,
  validateWaiver,
} from './requestValidation';
import { requirePermission } from './requirePermission';

/** Any request the auditor can read the caller from; absent for agent actions (the meta names the caller). */
type AuditedRequest = Parameters<AuditorService['createEvent']>[0]['request'];

/** The entity a write is about, as the caller may see it. */
export interface LoadedEntity {
  entity: Entity;
  /** Lower-case `kind:namespace/name`. */
  ref: string;
}

/** Who did it, as stored with sign-offs and waivers. */
export function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef)
    return principal.userEntityRef;
  if (principal.type === 'service' && principal.subject)
    return principal.subject;
  return principal.type;
}

/** A waiver of this check is already open: the 409's message, and the waiver in the way. */
export class WaiverConflictError extends ConflictError {
  constructor(message: string, readonly waiver: StoredWaiver) {
    super(message);
  }
}

/**
 * The writes people make about an entity (sign-offs, waiver requests), with
 * their permission checks, validation, audit events and notifications, in one
 * place: the API routes and the agent actions both go through here, so an
 * assistant can do nothing a person could not.
 */
export class ReviewWrites {
  constructor(
    private readonly options: {
      store: OpsStore;
      config: OpsBackendConfig;
      permissions: PermissionsService;
      auditor: AuditorService;
      checkIds: string[];
      waiverNotifier?: WaiverNotifier;
      /** Scores the entity again after each write, so the compliance page follows at once. */
      rescorer?: EntityRescorer;
    },
  ) {}

  /** After a sign-off or a waiver changed: the entity's stored score follows. */
  followed(entityRef: string, why: string): Promise<void> {
    return (
      this.options.rescorer?.followWrite(entityRef, why) ?? Promise.resolve()
    );
  }

  /** Who hears of waiver requests and decisions (absent when notifications are off). */
  get waiverNotifier(): WaiverNotifier | undefined {
    return this.options.waiverNotifier;
  }

  /** Audits `action` as `eventId`: success, or failure with its error. */
  async audited<T>(
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
    request?: AuditedRequest,
  ): Promise<T> {
    const event = await this.options.auditor.createEvent({
      eventId,
      ...(request ? { request } : {}),
      meta,
      severityLevel: 'medium',
    });
    try {
      const result = await action();
      await event.success();
      return result;
    } catch (error) {
      await event.fail({ error: error as Error });
      throw error;
    }
  }

  /** Whether the caller may do this to the entity: a decision, not a refusal. */
  may(
    credentials: BackstageCredentials,
    permission: ResourcePermission<'catalog-entity'>,
    resourceRef: string,
  ): Promise<boolean> {
    return requirePermission({
      permissions: this.options.permissions,
      permission,
      credentials,
      resourceRef,
    }).then(
      () => true,
      error => {
        if (error instanceof NotAllowedError) return false;
        throw error;
      },
    );
  }

  async signOff(
    credentials: BackstageCredentials,
    { entity, ref }: LoadedEntity,
    body: OpsApiRequestBody<'CreateSignOff'>,
    request?: AuditedRequest,
  ): Promise<StoredSignOff> {
    const { store, config, permissions } = this.options;
    await requirePermission({
      permissions,
      permission: opsChecklistUpdatePermission,
      credentials,
      resourceRef: ref,
    });
    requireEvaluatedKind(entity, ref, config.kinds, 'checklist sign-offs');
    validateSignOff(body, entity, ref, config.ops.defaults);
    const signOff = await this.audited(
      'checklist-signoff',
      {
        entityRef: ref,
        itemId: body.itemId,
        version: body.version ?? null,
        environment: body.environment ?? null,
        by: principalOf(credentials),
      },
      () =>
        store.addSignOff({
          entityRef: ref,
          itemId: body.itemId,
          version: body.version,
          environment: body.environment,
          comment: body.comment,
          by: principalOf(credentials),
        }),
      request,
    );
    await this.followed(ref, 'a sign-off');
    return signOff;
  }

  /**
   * Writes an approved waiver for an approver (or a check or tier that
   * `ops.waivers.autoApprove` names), a pending request for anyone else
   * allowed to ask. Throws {@link WaiverConflictError} when one is open.
   */
  async createWaiver(
    credentials: BackstageCredentials,
    { entity, ref }: LoadedEntity,
    body: OpsApiRequestBody<'CreateWaiver'>,
    request?: AuditedRequest,
  ): Promise<StoredWaiver> {
    const { store, config, permissions, checkIds } = this.options;
    const manager = await this.may(credentials, opsWaiverManagePermission, ref);
    if (!manager)
      await requirePermission({
        permissions,
        permission: opsWaiverRequestPermission,
        credentials,
        resourceRef: ref,
      });
    requireEvaluatedKind(entity, ref, config.kinds, 'waivers');
    const { expiresAt, reason } = validateWaiver(
      body,
      checkIds,
      Date.now(),
      config.waivers.maxDurationMs,
    );
    const record = await store.latestRecord(ref);
    const { autoApprove } = config.waivers;
    const approved =
      manager ||
      autoApprove.checks.includes(body.checkId) ||
      (record !== undefined && autoApprove.tiers.includes(record.tier));
    const waiver = await this.audited(
      approved ? 'waiver-create' : 'waiver-request',
      {
        entityRef: ref,
        checkId: body.checkId,
        expiresAt: expiresAt.toISOString(),
        status: approved ? 'approved' : 'pending',
        by: principalOf(credentials),
      },
      async () => {
        const added = await store.addWaiver({
          entityRef: ref,
          checkId: body.checkId,
          reason,
          expiresAt,
          by: principalOf(credentials),
          status: approved ? 'approved' : 'pending',
        });
        if (added.created) return added.waiver;
        const open = added.waiver;
        throw new WaiverConflictError(
          `${body.checkId} already has ${
            open.status === 'pending'
              ? 'a pending waiver request'
              : `a waiver until ${open.expiresAt}`
          } for ${ref} (waiver ${open.id}); ${
            open.status === 'pending' ? 'decide or withdraw' : 'revoke'
          } that one to write another`,
          open,
        );
      },
      request,
    );
    if (waiver.status === 'pending')
      await this.options.waiverNotifier?.requested(waiver, record?.owner);
    else await this.followed(ref, 'a waiver');
    return waiver;
  }
}
