import { randomUUID } from 'node:crypto';
import type { Knex } from 'knex';
import { insertedId } from './columnValues';
import { RecentReads } from './RecentReads';
import { toSignOff, toWaiver } from './rowMappers';
import type {
  NewSignOff,
  NewWaiver,
  StoredSignOff,
  StoredWaiver,
  WaiverDecision,
} from './OpsStore';

/** What people record about an entity: checklist sign-offs, and waivers of failing checks. */
export class ReviewStore {
  private readonly signOffs = new RecentReads<StoredSignOff[]>();
  private readonly waivers = new RecentReads<StoredWaiver[]>();

  constructor(private readonly db: Knex) {}

  async addSignOff(signOff: NewSignOff): Promise<StoredSignOff> {
    const row = {
      entity_ref: signOff.entityRef,
      item_id: signOff.itemId,
      version: signOff.version ?? '',
      environment: signOff.environment ?? '',
      signed_by: signOff.by,
      signed_at: signOff.at ?? new Date(),
      comment: signOff.comment ?? null,
    };
    const inserted = await this.db('ops_signoffs').insert(row).returning('id');
    this.signOffs.forget(signOff.entityRef);
    return toSignOff({ ...row, id: insertedId(inserted) });
  }

  listSignOffs(entityRef: string): Promise<StoredSignOff[]> {
    return this.signOffs.get(entityRef, '', async () => {
      const rows = await this.db('ops_signoffs')
        .where('entity_ref', entityRef)
        .orderBy('id', 'asc');
      return rows.map(toSignOff);
    });
  }

  async allSignOffs(
    entityRefs?: string[],
  ): Promise<Map<string, StoredSignOff[]>> {
    const q = this.db('ops_signoffs').orderBy('id', 'asc');
    if (entityRefs) q.whereIn('entity_ref', entityRefs);
    return byEntity((await q).map(toSignOff));
  }

  /**
   * Adds a waiver (approved) or a request (pending) unless one is already
   * active or pending for the entity and check, in which case that one is
   * returned (`created: false`). Safe across replicas: the unique
   * `active_key` decides, not a read before the write.
   */
  async addWaiver(
    waiver: NewWaiver,
  ): Promise<{ waiver: StoredWaiver; created: boolean }> {
    const activeKey = activeKeyOf(waiver.entityRef, waiver.checkId);
    const now = new Date();
    // An expired waiver no longer holds its pair; it stays stored, shown as expired.
    await this.db('ops_waivers')
      .where('active_key', activeKey)
      .where('expires_at', '<=', now)
      .update({ active_key: null });
    const approved = (waiver.status ?? 'approved') === 'approved';
    const row = {
      id: randomUUID(),
      entity_ref: waiver.entityRef,
      check_id: waiver.checkId,
      reason: waiver.reason,
      expires_at: waiver.expiresAt,
      created_by: waiver.by,
      created_at: now,
      revoked_at: null,
      revoked_by: null,
      active_key: activeKey,
      status: approved ? 'approved' : 'pending',
      // Written by an approver: decided by them, as it is written.
      decided_by: approved ? waiver.by : null,
      decided_at: approved ? now : null,
    };
    await this.db('ops_waivers').insert(row).onConflict('active_key').ignore();
    this.waivers.forget(waiver.entityRef);
    const holder = await this.db('ops_waivers')
      .where('active_key', activeKey)
      .first();
    if (holder && holder.id !== row.id)
      return { waiver: toWaiver(holder), created: false };
    return { waiver: toWaiver(row), created: true };
  }

  listWaivers(
    entityRef: string,
    options: { includeInactive: boolean },
  ): Promise<StoredWaiver[]> {
    return this.waivers.get(entityRef, String(options.includeInactive), () =>
      this.readWaivers(entityRef, options),
    );
  }

  private async readWaivers(
    entityRef: string,
    options: { includeInactive: boolean },
  ): Promise<StoredWaiver[]> {
    const q = this.db('ops_waivers')
      .where('entity_ref', entityRef)
      .orderBy('created_at', 'asc');
    // Open: in force, or asked and waiting (both hold the pair's key until they end).
    if (!options.includeInactive)
      q.whereNull('revoked_at')
        .where('expires_at', '>', new Date())
        .whereIn('status', ['approved', 'pending']);
    return (await q).map(toWaiver);
  }

  async getWaiver(id: string): Promise<StoredWaiver | undefined> {
    const row = await this.db('ops_waivers').where('id', id).first();
    return row ? toWaiver(row) : undefined;
  }

  /** Revokes a waiver or withdraws a request; `revoked` is false when it already was (the first revocation's author stays). */
  async revokeWaiver(
    id: string,
    by: string,
    reason?: string,
  ): Promise<{ waiver: StoredWaiver; revoked: boolean } | undefined> {
    const changed = await this.db('ops_waivers')
      .where('id', id)
      .whereNull('revoked_at')
      .update({
        revoked_at: new Date(),
        revoked_by: by,
        revoke_reason: reason ?? null,
        active_key: null,
      });
    const waiver = await this.getWaiver(id);
    if (waiver) this.waivers.forget(waiver.entityRef);
    return waiver && { waiver, revoked: Number(changed) > 0 };
  }

  async decideWaiver(
    id: string,
    decision: WaiverDecision,
  ): Promise<{ waiver: StoredWaiver; decided: boolean } | undefined> {
    const approve = decision.decision === 'approve';
    // One conditional update: of two approvers deciding at once, the second finds it no longer pending.
    const changed = await this.db('ops_waivers')
      .where('id', id)
      .where('status', 'pending')
      .whereNull('revoked_at')
      .where('expires_at', '>', new Date())
      .update({
        status: approve ? 'approved' : 'denied',
        decided_by: decision.by,
        decided_at: new Date(),
        decision_comment: decision.comment,
        // A denied request gives its pair up for the next one.
        ...(approve ? {} : { active_key: null }),
      });
    const waiver = await this.getWaiver(id);
    if (waiver) this.waivers.forget(waiver.entityRef);
    return waiver && { waiver, decided: Number(changed) > 0 };
  }

  async waiversByStatus(
    status: StoredWaiver['status'],
    limit: number,
  ): Promise<StoredWaiver[]> {
    const now = new Date();
    const q = this.db('ops_waivers').orderBy('created_at', 'asc').limit(limit);
    if (status === 'revoked') q.whereNotNull('revoked_at');
    else {
      q.whereNull('revoked_at');
      if (status === 'denied') q.where('status', 'denied');
      else if (status === 'expired')
        q.whereIn('status', ['approved', 'pending']).where(
          'expires_at',
          '<=',
          now,
        );
      else q.where('status', status).where('expires_at', '>', now);
    }
    return (await q).map(toWaiver);
  }

  async activeWaivers(
    entityRefs?: string[],
  ): Promise<Map<string, StoredWaiver[]>> {
    const q = this.db('ops_waivers');
    if (entityRefs) q.whereIn('entity_ref', entityRefs);
    const rows = await whereActive(q);
    return byEntity(rows.map(toWaiver));
  }
}

/** What a waiver holds while it is active: its entity and check (entity refs cannot contain "|"). */
function activeKeyOf(entityRef: string, checkId: string): string {
  return `${entityRef}|${checkId}`;
}

/** In force: approved (a pending request waives nothing), not revoked, not expired. */
function whereActive(q: Knex.QueryBuilder): Knex.QueryBuilder {
  return q
    .where('status', 'approved')
    .whereNull('revoked_at')
    .where('expires_at', '>', new Date());
}

function byEntity<T extends { entityRef: string }>(
  items: T[],
): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const list = out.get(item.entityRef);
    if (list) list.push(item);
    else out.set(item.entityRef, [item]);
  }
  return out;
}
