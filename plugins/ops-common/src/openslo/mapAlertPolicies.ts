import type { Slo } from '../descriptor/types';
import { readShorthand } from './durationShorthand';
import type { OpenSloIndex } from './openSloIndex';
import { at, isObject, type Reporter } from './reporter';

export type BurnRateAlert = NonNullable<Slo['burnRateAlerts']>[number];

/** The inline object, or the spec of the document its `<refKey>` names. */
function resolved(
  item: unknown,
  refKey: string,
  kind: string,
  index: OpenSloIndex,
): Record<string, unknown> | undefined {
  if (!isObject(item)) return undefined;
  const spec =
    item[refKey] !== undefined
      ? index.usable(kind, item[refKey])?.value.spec
      : item.spec;
  return isObject(spec) ? spec : undefined;
}

/**
 * An SLO's alert policies as OpsKit burn-rate alerts: each burnrate
 * condition is one alert, `threshold` its factor, `lookbackWindow` its
 * window and `alertAfter` its `for`. Notification targets are resolved (and
 * validated) but not delivered: routing is Alertmanager's, by the labels.
 */
export function mapAlertPolicies(
  r: Reporter,
  path: string,
  policies: unknown,
  index: OpenSloIndex,
): BurnRateAlert[] {
  if (!Array.isArray(policies)) return [];
  const alerts: BurnRateAlert[] = [];
  policies.forEach((item, i) => {
    const policyPath = at(path, i);
    const policy = resolved(item, 'alertPolicyRef', 'AlertPolicy', index);
    if (!policy) return;
    if (policy.alertWhenBreaching === false) {
      r.warn(
        policyPath,
        'alertWhenBreaching is false, so this policy never alerts on a burning budget; no alert is generated from it',
      );
      return;
    }
    if (policy.alertWhenNoData === true)
      r.warn(
        policyPath,
        'alertWhenNoData is not honoured: the generated alert stays silent without data; add an absent() alert for the SLI if you need one',
      );
    const conditions = Array.isArray(policy.conditions)
      ? policy.conditions
      : [];
    conditions.forEach((conditionItem, j) => {
      const spec = resolved(
        conditionItem,
        'conditionRef',
        'AlertCondition',
        index,
      );
      const condition = isObject(spec?.condition) ? spec!.condition : undefined;
      if (!spec || !condition || typeof spec.severity !== 'string') return;
      const conditionPath = at(at(policyPath, 'conditions'), j);
      if (condition.op === 'lt' || condition.op === 'lte') {
        r.warn(
          conditionPath,
          `op ${condition.op} alerts while the budget burns slowly, which OpsKit does not generate; write op: gte (or gt)`,
        );
        return;
      }
      const window = readShorthand(condition.lookbackWindow)?.duration;
      if (typeof condition.threshold !== 'number' || !window) return;
      const after = readShorthand(condition.alertAfter)?.duration;
      alerts.push({
        severity: spec.severity.trim(),
        factor: condition.threshold,
        window,
        ...(after ? { for: after } : {}),
      });
    });
  });
  return alerts;
}
