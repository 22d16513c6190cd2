import { durationToMs } from '../durations';
import type { EscalationLevel, Severity } from '../descriptor/types';
import type { RuleContext } from './ruleContext';

/** `best-effort` sorts after every real response time. */
export function responseTimeMs(severity: Severity): number {
  return severity.responseTime === 'best-effort'
    ? Number.POSITIVE_INFINITY
    : durationToMs(severity.responseTime) ?? Number.POSITIVE_INFINITY;
}

export function validateSeverities(
  ctx: RuleContext,
  severities: Severity[] | undefined,
) {
  if (!severities) return;
  const ids = new Set<string>();
  severities.forEach((severity, i) => {
    if (ids.has(severity.id))
      ctx.error('severities', `[${i}].id`, `"${severity.id}" is listed twice`);
    ids.add(severity.id);
    if (i > 0) {
      const previous = severities[i - 1];
      if (responseTimeMs(severity) < responseTimeMs(previous)) {
        ctx.error(
          'severities',
          `[${i}].responseTime`,
          `${severity.id} must be answered within ${severity.responseTime}, faster than the more severe ${previous.id} (${previous.responseTime}); list severities from most to least severe with response times that do not shrink`,
        );
      }
    }
  });
}

const TARGET =
  /^((user|group):)?([a-z0-9A-Z_.-]+\/)?[a-zA-Z0-9][a-zA-Z0-9_.-]*$/;

export function validateEscalation(
  ctx: RuleContext,
  levels: EscalationLevel[] | undefined,
) {
  if (!levels) return;
  levels.forEach((level, i) => {
    if (level.targets.length === 0) {
      ctx.error(
        'escalation',
        `[${i}].targets`,
        `level ${
          i + 1
        } has no targets; name a group or user (group:payments-oncall) or remove the level`,
      );
    }
    level.targets.forEach((target, j) => {
      if (!TARGET.test(target)) {
        const kind = /^([a-zA-Z]+):/.exec(target)?.[1];
        ctx.warn(
          'escalation',
          `[${i}].targets[${j}]`,
          kind
            ? `"${target}" is a ${kind}; escalation targets are users or groups (user:jane, group:payments-oncall)`
            : `"${target}" is not an entity reference; write user:name or group:name`,
        );
      }
    });
  });
}
