import {
  checkEnum,
  checkKnownKeys,
  checkNumber,
  checkRef,
  checkShorthand,
  checkText,
  requireList,
  requireObject,
  requireSpec,
} from './fieldRules';
import type { OpenSloIndex } from './openSloIndex';
import { at, isObject, type Reporter } from './reporter';
import { checkSloAlertPolicies } from './validateAlerts';
import { checkInlineSli, sliSpecOf } from './validateSli';
import { BUDGETING_METHODS, OPENSLO_OPERATORS } from './vocabulary';

const START_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

function isTimeZone(zone: string): boolean {
  try {
    // Throws a RangeError for a zone the IANA database does not have, in Node and browsers alike.
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return Boolean(format.resolvedOptions().timeZone);
  } catch {
    return false;
  }
}

function checkTimeWindow(r: Reporter, path: string, value: unknown) {
  if (value === undefined) return;
  const list = requireList(
    r,
    path,
    value,
    'write one window, e.g. [{duration: 28d, isRolling: true}]',
  );
  if (!list) return;
  if (list.length !== 1)
    r.error(
      path,
      `holds ${list.length} windows; OpenSLO takes exactly one, e.g. [{duration: 28d, isRolling: true}]`,
    );
  list.forEach((item, i) => {
    const itemPath = at(path, i);
    const window = requireObject(
      r,
      itemPath,
      item,
      'write {duration: 28d, isRolling: true}',
    );
    if (!window) return;
    checkKnownKeys(r, itemPath, window, ['duration', 'isRolling', 'calendar']);
    checkShorthand(r, at(itemPath, 'duration'), window.duration, {
      required: 'write how long the window is, e.g. duration: 28d',
    });
    if (window.isRolling !== undefined && typeof window.isRolling !== 'boolean')
      r.error(at(itemPath, 'isRolling'), 'expected true or false');
    const rolling = window.isRolling === true;
    if (rolling && window.calendar !== undefined)
      r.error(
        at(itemPath, 'calendar'),
        'a rolling window has no calendar: remove calendar, or write isRolling: false',
      );
    if (!rolling && window.calendar === undefined)
      r.error(
        itemPath,
        'a window that is not rolling is aligned to a calendar: add calendar: {startTime: "2024-01-01 00:00:00", timeZone: UTC}, or write isRolling: true',
      );
    if (rolling || window.calendar === undefined) return;
    const calendarPath = at(itemPath, 'calendar');
    const calendar = requireObject(
      r,
      calendarPath,
      window.calendar,
      'write {startTime: "2024-01-01 00:00:00", timeZone: UTC}',
    );
    if (!calendar) return;
    checkKnownKeys(r, calendarPath, calendar, ['startTime', 'timeZone']);
    if (
      typeof calendar.startTime !== 'string' ||
      !START_TIME.test(calendar.startTime) ||
      Number.isNaN(Date.parse(calendar.startTime.replace(' ', 'T')))
    )
      r.error(
        at(calendarPath, 'startTime'),
        'must be a date and time without a zone, e.g. "2024-01-01 00:00:00" (quote it)',
      );
    if (typeof calendar.timeZone !== 'string' || !isTimeZone(calendar.timeZone))
      r.error(
        at(calendarPath, 'timeZone'),
        'must be a zone of the IANA database, e.g. UTC or Europe/Berlin',
      );
  });
}

interface ObjectiveContext {
  budgetingMethod: unknown;
  /** What the SLO's SLI measures, when it resolves. */
  metric?: 'ratio' | 'threshold';
  composite: boolean;
  index: OpenSloIndex;
}

function checkObjective(
  r: Reporter,
  path: string,
  objective: Record<string, unknown>,
  ctx: ObjectiveContext,
) {
  checkKnownKeys(r, path, objective, [
    'displayName',
    'op',
    'value',
    'target',
    'targetPercent',
    'timeSliceTarget',
    'timeSliceWindow',
    'indicator',
    'indicatorRef',
    'compositeWeight',
  ]);
  checkText(r, at(path, 'displayName'), objective.displayName);
  const hasTarget = objective.target !== undefined;
  const hasPercent = objective.targetPercent !== undefined;
  if (hasTarget && hasPercent)
    r.error(
      path,
      'has both target and targetPercent; they say the same thing (0.999 is 99.9): keep one',
    );
  else if (!hasTarget && !hasPercent)
    r.error(
      path,
      'needs a target: the share of good events or time slices, target: 0.999 or targetPercent: 99.9',
    );
  if (
    hasTarget &&
    checkNumber(r, at(path, 'target'), objective.target) &&
    (objective.target < 0 || objective.target >= 1)
  )
    r.error(
      at(path, 'target'),
      `${objective.target} is outside [0, 1): a target is a share such as 0.999 (for a percentage write targetPercent: 99.9)`,
    );
  if (
    hasPercent &&
    checkNumber(r, at(path, 'targetPercent'), objective.targetPercent) &&
    (objective.targetPercent < 0 || objective.targetPercent >= 100)
  )
    r.error(
      at(path, 'targetPercent'),
      `${objective.targetPercent} is outside [0, 100): 100% leaves no error budget; aim below it, e.g. 99.9`,
    );
  if (objective.op !== undefined)
    checkEnum(r, at(path, 'op'), objective.op, OPENSLO_OPERATORS);
  if (objective.value !== undefined)
    checkNumber(r, at(path, 'value'), objective.value);
  if (ctx.metric === 'threshold') {
    if (objective.op === undefined)
      r.error(
        at(path, 'op'),
        'is missing; a threshold metric is compared with the objective: write op: lt, lte, gt or gte',
      );
    if (objective.value === undefined)
      r.error(
        at(path, 'value'),
        'is missing; a threshold metric is compared with this value, e.g. value: 200',
      );
  } else if (
    ctx.metric === 'ratio' &&
    (objective.op !== undefined || objective.value !== undefined)
  )
    r.warn(
      path,
      "op and value apply to threshold metrics; a ratio's objective is its target, so they are ignored",
    );
  if (ctx.budgetingMethod === 'Timeslices') {
    if (
      checkNumber(
        r,
        at(path, 'timeSliceTarget'),
        objective.timeSliceTarget,
        'Timeslices budgeting needs the share of good events that makes a slice good, e.g. timeSliceTarget: 0.95',
      ) &&
      (objective.timeSliceTarget <= 0 || objective.timeSliceTarget > 1)
    )
      r.error(
        at(path, 'timeSliceTarget'),
        `${objective.timeSliceTarget} is outside (0, 1]: it is a share such as 0.95`,
      );
  }
  if (
    ctx.budgetingMethod === 'Timeslices' ||
    ctx.budgetingMethod === 'RatioTimeslices'
  ) {
    const window = objective.timeSliceWindow;
    if (window === undefined)
      r.error(
        at(path, 'timeSliceWindow'),
        `is missing; ${ctx.budgetingMethod} budgeting needs the length of a slice, e.g. timeSliceWindow: 1m`,
      );
    else if (!(typeof window === 'number' && window > 0))
      checkShorthand(r, at(path, 'timeSliceWindow'), window);
  }
  if (ctx.composite) {
    if (
      objective.indicator !== undefined &&
      objective.indicatorRef !== undefined
    )
      r.error(
        path,
        'has both indicator and indicatorRef; keep one: the SLI inline, or the name of an SLI document',
      );
    else if (objective.indicator !== undefined)
      checkInlineSli(r, at(path, 'indicator'), objective.indicator, ctx.index);
    else if (objective.indicatorRef !== undefined)
      checkRef(
        r,
        at(path, 'indicatorRef'),
        objective.indicatorRef,
        'SLI',
        ctx.index,
      );
    if (
      objective.compositeWeight !== undefined &&
      checkNumber(r, at(path, 'compositeWeight'), objective.compositeWeight) &&
      objective.compositeWeight <= 0
    )
      r.error(at(path, 'compositeWeight'), 'must be above 0');
  }
}

function metricOf(
  spec: Record<string, unknown>,
  index: OpenSloIndex,
): ObjectiveContext['metric'] {
  const sli = sliSpecOf(spec, index);
  if (!sli) return undefined;
  if (sli.thresholdMetric !== undefined && sli.ratioMetric === undefined)
    return 'threshold';
  if (sli.ratioMetric !== undefined && sli.thresholdMetric === undefined)
    return 'ratio';
  return undefined;
}

/** An SLO's spec, with OpenSLO v1's rules. */
export function checkSloSpec(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  const spec = requireSpec(
    r,
    path,
    value,
    'write the service, indicator, budgetingMethod and objectives of the SLO',
    [
      'description',
      'service',
      'indicator',
      'indicatorRef',
      'timeWindow',
      'budgetingMethod',
      'objectives',
      'alertPolicies',
    ],
  );
  if (!spec) return;
  checkText(r, at(path, 'service'), spec.service, {
    required:
      'name the service this SLO belongs to, e.g. service: payments-api (OpsKit compares it with the entity)',
  });
  const objectives = Array.isArray(spec.objectives) ? spec.objectives : [];
  const composite = objectives.some(
    o =>
      isObject(o) &&
      (o.indicator !== undefined || o.indicatorRef !== undefined),
  );
  const hasIndicator = spec.indicator !== undefined;
  const hasRef = spec.indicatorRef !== undefined;
  if (composite) {
    if (hasIndicator || hasRef)
      r.error(
        path,
        'names an SLI both for the SLO and for its objectives (a composite SLO); keep one: indicator or indicatorRef on the SLO, or on each objective',
      );
  } else if (hasIndicator && hasRef)
    r.error(
      path,
      'has both indicator and indicatorRef; keep one: the SLI inline (indicator), or the name of an SLI document (indicatorRef)',
    );
  else if (!hasIndicator && !hasRef)
    r.error(
      path,
      'needs an indicator: an SLI inline (indicator: {metadata, spec}) or the name of an SLI document (indicatorRef)',
    );
  else if (hasIndicator)
    checkInlineSli(r, at(path, 'indicator'), spec.indicator, index);
  else checkRef(r, at(path, 'indicatorRef'), spec.indicatorRef, 'SLI', index);

  checkEnum(
    r,
    at(path, 'budgetingMethod'),
    spec.budgetingMethod,
    BUDGETING_METHODS,
    `say how the budget is counted: budgetingMethod: ${BUDGETING_METHODS.join(
      ', ',
    )}`,
  );
  checkTimeWindow(r, at(path, 'timeWindow'), spec.timeWindow);

  const objectivesPath = at(path, 'objectives');
  const list = requireList(
    r,
    objectivesPath,
    spec.objectives,
    'write at least one objective, e.g. [{displayName: Available, target: 0.999}]',
  );
  if (list) {
    if (list.length === 0)
      r.error(
        objectivesPath,
        'is empty; write at least one objective, e.g. [{target: 0.999}]',
      );
    const metric = composite ? undefined : metricOf(spec, index);
    if (metric === 'threshold' && list.length > 1)
      r.error(
        objectivesPath,
        `holds ${list.length} objectives; an SLO over a threshold metric has exactly one`,
      );
    list.forEach((item, i) => {
      const objective = requireObject(
        r,
        at(objectivesPath, i),
        item,
        'write {target: 0.999}',
      );
      if (objective)
        checkObjective(r, at(objectivesPath, i), objective, {
          budgetingMethod: spec.budgetingMethod,
          metric,
          composite,
          index,
        });
    });
  }
  checkSloAlertPolicies(
    r,
    at(path, 'alertPolicies'),
    spec.alertPolicies,
    index,
  );
}
