import {
  checkBoolean,
  checkEnum,
  checkKnownKeys,
  checkMetadata,
  checkNumber,
  checkRef,
  checkShorthand,
  checkText,
  oneOf,
  requireList,
  requireObject,
  requireSpec,
} from './fieldRules';
import type { OpenSloIndex } from './openSloIndex';
import { at, type Reporter } from './reporter';
import { OPENSLO_OPERATORS } from './vocabulary';

/** An AlertCondition's spec: a severity and a burn-rate condition. */
export function checkAlertConditionSpec(
  r: Reporter,
  path: string,
  value: unknown,
) {
  const spec = requireSpec(
    r,
    path,
    value,
    'write {severity: page, condition: {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m}}',
    ['description', 'severity', 'condition'],
  );
  if (!spec) return;
  checkText(r, at(path, 'severity'), spec.severity, {
    required: 'say how urgent the alert is, e.g. severity: page',
  });
  const conditionPath = at(path, 'condition');
  const condition = requireObject(
    r,
    conditionPath,
    spec.condition,
    'write {kind: burnrate, op: gte, threshold: 14.4, lookbackWindow: 1h, alertAfter: 5m}',
  );
  if (!condition) return;
  checkKnownKeys(r, conditionPath, condition, [
    'kind',
    'op',
    'threshold',
    'lookbackWindow',
    'alertAfter',
  ]);
  // The specification: "defaults to burnrate", the only kind v1 has.
  if (condition.kind !== undefined)
    checkEnum(r, at(conditionPath, 'kind'), condition.kind, ['burnrate']);
  if (condition.op !== undefined)
    checkEnum(r, at(conditionPath, 'op'), condition.op, OPENSLO_OPERATORS);
  if (
    checkNumber(
      r,
      at(conditionPath, 'threshold'),
      condition.threshold,
      'write the burn rate that alerts, e.g. threshold: 14.4',
    ) &&
    condition.threshold <= 0
  )
    r.error(
      at(conditionPath, 'threshold'),
      `${condition.threshold} is not a burn rate; it is a factor above 0 (1 spends the budget exactly over the window)`,
    );
  checkShorthand(
    r,
    at(conditionPath, 'lookbackWindow'),
    condition.lookbackWindow,
    {
      required: 'write the window the burn rate is measured over, e.g. 1h',
    },
  );
  checkShorthand(r, at(conditionPath, 'alertAfter'), condition.alertAfter, {
    allowZero: true,
  });
}

export function checkNotificationTargetSpec(
  r: Reporter,
  path: string,
  value: unknown,
) {
  const spec = requireSpec(r, path, value, 'write {target: slack}', [
    'target',
    'description',
  ]);
  if (!spec) return;
  checkText(r, at(path, 'target'), spec.target, {
    required: 'say where notifications go, e.g. target: slack',
  });
}

/** `{ kind, metadata, spec }` written inside another object. */
function checkInline(
  r: Reporter,
  path: string,
  value: Record<string, unknown>,
  kind: string,
  checkSpec: (r: Reporter, path: string, value: unknown) => void,
) {
  checkKnownKeys(r, path, value, ['kind', 'metadata', 'spec']);
  checkEnum(r, at(path, 'kind'), value.kind, [kind], `write kind: ${kind}`);
  checkMetadata(r, at(path, 'metadata'), value.metadata);
  checkSpec(r, at(path, 'spec'), value.spec);
}

/**
 * Items that are either `{ <refKey>: name }` or the object inline.
 * `exactlyOne`: conditions hold one item ("for future-proofing" a list).
 */
function checkRefsOrInline(
  r: Reporter,
  path: string,
  value: unknown,
  options: {
    refKey: string;
    kind: string;
    index: OpenSloIndex;
    checkSpec: (r: Reporter, path: string, value: unknown) => void;
    what: string;
    exactlyOne?: boolean;
    mayBeEmpty?: boolean;
  },
) {
  const list = requireList(r, path, value, options.what);
  if (!list) return;
  if (
    (list.length === 0 && !options.mayBeEmpty) ||
    (options.exactlyOne && list.length > 1)
  )
    r.error(
      path,
      options.exactlyOne
        ? `holds ${list.length} items; OpenSLO v1 allows exactly one: ${options.what}`
        : `is empty; ${options.what}`,
    );
  list.forEach((item, i) => {
    const itemPath = at(path, i);
    const object = requireObject(r, itemPath, item, options.what);
    if (!object) return;
    const which = oneOf(
      r,
      itemPath,
      object,
      options.refKey,
      'spec',
      `the name of an ${options.kind} document (${options.refKey}), or one inline (kind, metadata, spec)`,
    );
    if (which === 'first') {
      checkKnownKeys(r, itemPath, object, [options.refKey]);
      checkRef(
        r,
        at(itemPath, options.refKey),
        object[options.refKey],
        options.kind,
        options.index,
      );
    } else if (which === 'second')
      checkInline(r, itemPath, object, options.kind, options.checkSpec);
  });
}

export function checkAlertPolicySpec(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  const spec = requireSpec(
    r,
    path,
    value,
    'write {conditions: [{conditionRef: …}], notificationTargets: [{targetRef: …}]}',
    [
      'description',
      'alertWhenNoData',
      'alertWhenResolved',
      'alertWhenBreaching',
      'conditions',
      'notificationTargets',
    ],
  );
  if (!spec) return;
  for (const key of [
    'alertWhenNoData',
    'alertWhenResolved',
    'alertWhenBreaching',
  ])
    checkBoolean(r, at(path, key), spec[key]);
  checkRefsOrInline(r, at(path, 'conditions'), spec.conditions, {
    refKey: 'conditionRef',
    kind: 'AlertCondition',
    index,
    checkSpec: checkAlertConditionSpec,
    what: 'write the condition that alerts, e.g. [{conditionRef: fast-burn}]',
    exactlyOne: true,
  });
  checkRefsOrInline(
    r,
    at(path, 'notificationTargets'),
    spec.notificationTargets,
    {
      refKey: 'targetRef',
      kind: 'AlertNotificationTarget',
      index,
      checkSpec: checkNotificationTargetSpec,
      what: 'write who is notified, e.g. [{targetRef: payments-oncall}]',
    },
  );
}

/** An SLO's `alertPolicies`: each `{ alertPolicyRef }` or an AlertPolicy inline. */
export function checkSloAlertPolicies(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  if (value === undefined) return;
  checkRefsOrInline(r, path, value, {
    refKey: 'alertPolicyRef',
    kind: 'AlertPolicy',
    index,
    checkSpec: (reporter, specPath, spec) =>
      checkAlertPolicySpec(reporter, specPath, spec, index),
    what: 'write the policies that alert on this SLO, e.g. [{alertPolicyRef: payments-burn}]',
    mayBeEmpty: true,
  });
}
