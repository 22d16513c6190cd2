import type { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  buildOpsProfile,
  didYouMean,
  visibleText,
  type OpsApiRequestBody,
  type OpsDefaults,
} from '@opskit/plugin-ops-common';

/** ` (did you mean "…"?)` when a candidate is close to the value, else nothing. */
export function hint(value: string, candidates: string[]): string {
  const suggestion = didYouMean(value, candidates);
  return suggestion ? ` (did you mean "${suggestion}"?)` : '';
}

/**
 * Sign-offs and waivers belong to entities OpsKit evaluates: on any other kind
 * (a Group, an API when only components are evaluated) they would be recorded
 * and never counted.
 */
export function requireEvaluatedKind(
  entity: Entity,
  ref: string,
  kinds: string[],
  what: string,
): void {
  const kind = entity.kind.toLowerCase();
  if (!kinds.some(k => k.toLowerCase() === kind))
    throw new InputError(
      `${ref} is a ${
        entity.kind
      }; ${what} are recorded for the kinds OpsKit evaluates: ${kinds.join(
        ', ',
      )} (ops.evaluation.kinds)`,
    );
}

/**
 * Checks a sign-off request against the entity's ops data: the item must be
 * one of its deployment checklist's, the environment (when given, and when
 * the entity names environments) one of its environments. Throws an
 * InputError naming the closest match.
 */
export function validateSignOff(
  body: OpsApiRequestBody<'CreateSignOff'>,
  entity: Entity,
  ref: string,
  defaults: OpsDefaults,
): void {
  const { profile } = buildOpsProfile(entity, { defaults });
  const items = (profile.deployment?.checklist ?? []).map(item => item.id);
  if (!items.includes(body.itemId)) {
    throw new InputError(
      `itemId: "${
        body.itemId
      }" is not an item of ${ref}'s deployment checklist${hint(
        body.itemId,
        items,
      )}; items: ${items.join(', ') || 'none'}`,
    );
  }
  const environments = (profile.environments ?? []).map(e => e.name);
  if (
    body.environment !== undefined &&
    environments.length &&
    !environments.includes(body.environment)
  ) {
    throw new InputError(
      `environment: "${body.environment}" is not an environment of ${ref}${hint(
        body.environment,
        environments,
      )}; environments: ${environments.join(', ')}`,
    );
  }
}

/**
 * Checks a waiver request: a check in effect, an expiry in the future (at
 * most `maxDurationMs` ahead) and a reason. Returns the expiry as a date and
 * the trimmed reason.
 */
export function validateWaiver(
  body: OpsApiRequestBody<'CreateWaiver'>,
  checkIds: string[],
  now: number,
  maxDurationMs = Infinity,
): { expiresAt: Date; reason: string } {
  if (!checkIds.includes(body.checkId)) {
    throw new InputError(
      `checkId: "${body.checkId}" is not a check${hint(
        body.checkId,
        checkIds,
      )}; checks: ${checkIds.join(', ')}`,
    );
  }
  const expiresAt = new Date(body.expiresAt);
  if (Number.isNaN(expiresAt.getTime()))
    throw new InputError(
      `expiresAt: "${body.expiresAt}" is not an ISO timestamp`,
    );
  if (expiresAt.getTime() <= now)
    throw new InputError(
      `expiresAt: ${body.expiresAt} is in the past; a waiver must expire in the future`,
    );
  if (expiresAt.getTime() - now > maxDurationMs)
    throw new InputError(
      `expiresAt: ${body.expiresAt} is more than ${Math.round(
        maxDurationMs / 86_400_000,
      )} days ahead (ops.waivers.maxDuration); ask for a shorter waiver and renew it`,
    );
  // Zero-width and other invisible characters are not a reason.
  const reason = visibleText(body.reason);
  if (!reason) throw new InputError('reason: say why the check is waived');
  return { expiresAt, reason };
}

/** A decision on a waiver request: approve or deny, and a comment saying why. */
export function validateDecision(body: OpsApiRequestBody<'DecideWaiver'>): {
  decision: 'approve' | 'deny';
  comment: string;
} {
  const comment = visibleText(body.comment);
  if (!comment)
    throw new InputError(
      `comment: say why the request is ${
        body.decision === 'approve' ? 'approved' : 'denied'
      }`,
    );
  return { decision: body.decision, comment };
}
