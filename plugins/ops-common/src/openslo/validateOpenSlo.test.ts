import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { readOpenSlo } from './readOpenSlo';
import { validateOpenSlo } from './validateOpenSlo';

const fixture = (name: string) =>
  readFileSync(resolve(__dirname, '__fixtures__', name), 'utf8');

const v1 = 'openslo/v1';
const metric = (query: string) => ({
  metricSource: { type: 'Prometheus', spec: { query } },
});

/** A valid set: an SLI, an SLO naming it, an alert policy with its condition and target, a data source. */
function documents(): any[] {
  return [
    {
      apiVersion: v1,
      kind: 'DataSource',
      metadata: { name: 'prometheus' },
      spec: { type: 'Prometheus' },
    },
    {
      apiVersion: v1,
      kind: 'SLI',
      metadata: { name: 'ok-requests' },
      spec: {
        ratioMetric: {
          counter: true,
          good: metric('requests_total{code!~"5.."}'),
          total: {
            metricSource: {
              metricSourceRef: 'prometheus',
              spec: { query: 'requests_total' },
            },
          },
        },
      },
    },
    {
      apiVersion: v1,
      kind: 'SLO',
      metadata: { name: 'payments-availability' },
      spec: {
        service: 'payments-api',
        indicatorRef: 'ok-requests',
        budgetingMethod: 'Occurrences',
        timeWindow: [{ duration: '28d', isRolling: true }],
        objectives: [{ target: 0.999 }],
        alertPolicies: [{ alertPolicyRef: 'fast-burn' }],
      },
    },
    {
      apiVersion: v1,
      kind: 'AlertPolicy',
      metadata: { name: 'fast-burn' },
      spec: {
        conditions: [{ conditionRef: 'burn-14' }],
        notificationTargets: [{ targetRef: 'oncall' }],
      },
    },
    {
      apiVersion: v1,
      kind: 'AlertCondition',
      metadata: { name: 'burn-14' },
      spec: {
        severity: 'page',
        condition: {
          kind: 'burnrate',
          op: 'gte',
          threshold: 14.4,
          lookbackWindow: '1h',
          alertAfter: '5m',
        },
      },
    },
    {
      apiVersion: v1,
      kind: 'AlertNotificationTarget',
      metadata: { name: 'oncall' },
      spec: { target: 'pagerduty' },
    },
  ];
}

const byKind = (docs: any[], kind: string) => docs.find(d => d.kind === kind);

function validate(docs: any[]) {
  return validateOpenSlo(readOpenSlo(JSON.stringify(docs)).documents, {
    source: 'slos.yaml',
  });
}

describe('validateOpenSlo', () => {
  it('finds nothing wrong in valid documents', () => {
    expect(validate(documents())).toEqual([]);
    for (const name of [
      'payments.openslo.yaml',
      'checkout.openslo.yaml',
      'list.openslo.yaml',
    ])
      expect([
        name,
        validateOpenSlo(readOpenSlo(fixture(name)).documents),
      ]).toEqual([name, []]);
  });

  it('names the document, the field and the file', () => {
    const docs = documents();
    byKind(docs, 'SLO').spec.objectives[0].target = 1.5;
    expect(validate(docs)).toEqual([
      {
        path: 'SLO payments-availability: spec.objectives[0].target',
        severity: 'error',
        message:
          '1.5 is outside [0, 1): a target is a share such as 0.999 (for a percentage write targetPercent: 99.9)',
        source: 'slos.yaml',
      },
    ]);
  });

  const slo = (docs: any[]) => byKind(docs, 'SLO');
  const sli = (docs: any[]) => byKind(docs, 'SLI');
  const policy = (docs: any[]) => byKind(docs, 'AlertPolicy');
  const condition = (docs: any[]) => byKind(docs, 'AlertCondition');
  const S = 'SLO payments-availability: ';

  it.each<[string, (docs: any[]) => void, string, RegExp]>([
    [
      'a budgeting method not in the enum',
      d => {
        slo(d).spec.budgetingMethod = 'Occurences';
      },
      `${S}spec.budgetingMethod`,
      /^"Occurences" is not one of Occurrences, Timeslices, RatioTimeslices \(did you mean "Occurrences"\?\)$/,
    ],
    [
      'a missing budgeting method',
      d => {
        delete slo(d).spec.budgetingMethod;
      },
      `${S}spec.budgetingMethod`,
      /^is missing; say how the budget is counted/,
    ],
    [
      'a missing service',
      d => {
        delete slo(d).spec.service;
      },
      `${S}spec.service`,
      /^is missing; name the service/,
    ],
    [
      'a targetPercent of 100',
      d => {
        slo(d).spec.objectives[0] = { targetPercent: 100 };
      },
      `${S}spec.objectives[0].targetPercent`,
      /^100 is outside \[0, 100\): 100% leaves no error budget/,
    ],
    [
      'target and targetPercent',
      d => {
        slo(d).spec.objectives[0].targetPercent = 99.9;
      },
      `${S}spec.objectives[0]`,
      /^has both target and targetPercent/,
    ],
    [
      'no target',
      d => {
        slo(d).spec.objectives[0] = { displayName: 'Up' };
      },
      `${S}spec.objectives[0]`,
      /^needs a target/,
    ],
    [
      'no objectives',
      d => {
        slo(d).spec.objectives = [];
      },
      `${S}spec.objectives`,
      /^is empty/,
    ],
    [
      'both indicator and indicatorRef',
      d => {
        slo(d).spec.indicator = { metadata: { name: 'x' }, spec: sli(d).spec };
      },
      `${S}spec`,
      /^has both indicator and indicatorRef; keep one/,
    ],
    [
      'neither indicator nor indicatorRef',
      d => {
        delete slo(d).spec.indicatorRef;
      },
      `${S}spec`,
      /^needs an indicator/,
    ],
    [
      'an indicatorRef naming no SLI',
      d => {
        slo(d).spec.indicatorRef = 'ok-request';
      },
      `${S}spec.indicatorRef`,
      /^no SLI named "ok-request" among the documents given \(SLIs: ok-requests\) \(did you mean "ok-requests"\?\)/,
    ],
    [
      'a name that is not a DNS label',
      d => {
        slo(d).metadata.name = 'Payments_Availability';
      },
      'SLO Payments_Availability: metadata.name',
      /^"Payments_Availability" is not a DNS label/,
    ],
    [
      'a name over 63 characters',
      d => {
        slo(d).metadata.name = 'a'.repeat(64);
      },
      `SLO ${'a'.repeat(64)}: metadata.name`,
      /is not a DNS label/,
    ],
    [
      'no metadata',
      d => {
        delete slo(d).metadata;
      },
      'SLO (document 3): metadata',
      /^is missing/,
    ],
    [
      'a long displayName',
      d => {
        slo(d).metadata.displayName = 'x'.repeat(64);
      },
      `${S}metadata.displayName`,
      /^is 64 characters long; OpenSLO allows at most 63$/,
    ],
    [
      'a long description',
      d => {
        slo(d).spec.description = 'x'.repeat(1051);
      },
      `${S}spec.description`,
      /at most 1050$/,
    ],
    [
      'two SLIs of one name',
      d => {
        d.splice(2, 0, { ...sli(d) });
      },
      'SLI ok-requests: metadata.name',
      /^"ok-requests" names another SLI too \(document 2\); give each SLI its own name$/,
    ],
    [
      'a window that is not a duration shorthand',
      d => {
        slo(d).spec.timeWindow[0].duration = '28 days';
      },
      `${S}spec.timeWindow[0].duration`,
      /^"28 days" is not an OpenSLO duration/,
    ],
    [
      'a rolling window with a calendar',
      d => {
        slo(d).spec.timeWindow[0].calendar = {
          startTime: '2024-01-01 00:00:00',
          timeZone: 'UTC',
        };
      },
      `${S}spec.timeWindow[0].calendar`,
      /^a rolling window has no calendar/,
    ],
    [
      'a calendar window without a calendar',
      d => {
        slo(d).spec.timeWindow[0] = { duration: '1M' };
      },
      `${S}spec.timeWindow[0]`,
      /aligned to a calendar/,
    ],
    [
      'a calendar in no time zone',
      d => {
        slo(d).spec.timeWindow[0] = {
          duration: '1M',
          isRolling: false,
          calendar: {
            startTime: '2024-01-01 00:00:00',
            timeZone: 'Mars/Olympus',
          },
        };
      },
      `${S}spec.timeWindow[0].calendar.timeZone`,
      /IANA/,
    ],
    [
      'two windows',
      d => {
        slo(d).spec.timeWindow.push({ duration: '7d', isRolling: true });
      },
      `${S}spec.timeWindow`,
      /^holds 2 windows; OpenSLO takes exactly one/,
    ],
    [
      'time slices without a slice target',
      d => {
        slo(d).spec.budgetingMethod = 'Timeslices';
        slo(d).spec.objectives[0].timeSliceWindow = '1m';
      },
      `${S}spec.objectives[0].timeSliceTarget`,
      /^is missing; Timeslices budgeting needs/,
    ],
    [
      'time slices without a slice window',
      d => {
        slo(d).spec.budgetingMethod = 'RatioTimeslices';
      },
      `${S}spec.objectives[0].timeSliceWindow`,
      /^is missing; RatioTimeslices budgeting needs the length of a slice/,
    ],
    [
      'good and bad',
      d => {
        sli(d).spec.ratioMetric.bad = metric('errors_total');
      },
      'SLI ok-requests: spec.ratioMetric',
      /^has both good and bad/,
    ],
    [
      'ratioMetric and thresholdMetric',
      d => {
        sli(d).spec.thresholdMetric = metric('latency');
      },
      'SLI ok-requests: spec',
      /^has both ratioMetric and thresholdMetric/,
    ],
    [
      'a metric source without a type or a ref',
      d => {
        delete sli(d).spec.ratioMetric.good.metricSource.type;
      },
      'SLI ok-requests: spec.ratioMetric.good.metricSource',
      /^needs a type \(Prometheus\) or a metricSourceRef/,
    ],
    [
      'a metricSourceRef naming no DataSource',
      d => {
        sli(d).spec.ratioMetric.total.metricSource.metricSourceRef = 'thanos';
      },
      'SLI ok-requests: spec.ratioMetric.total.metricSource.metricSourceRef',
      /^no DataSource named "thanos"/,
    ],
    [
      'a raw ratio without rawType',
      d => {
        sli(d).spec.ratioMetric = { raw: metric('ratio') };
      },
      'SLI ok-requests: spec.ratioMetric.rawType',
      /^is missing; with raw, say what the ratio counts/,
    ],
    [
      'a threshold objective without op',
      d => {
        sli(d).spec = { thresholdMetric: metric('p99') };
        slo(d).spec.objectives[0].value = 0.3;
      },
      `${S}spec.objectives[0].op`,
      /^is missing; a threshold metric is compared with the objective/,
    ],
    [
      'an alertPolicyRef naming no policy',
      d => {
        slo(d).spec.alertPolicies[0].alertPolicyRef = 'slow-burn';
      },
      `${S}spec.alertPolicies[0].alertPolicyRef`,
      /^no AlertPolicy named "slow-burn" among the documents given \(AlertPolicys: fast-burn\)/,
    ],
    [
      'an alert policy both by ref and inline',
      d => {
        slo(d).spec.alertPolicies[0].spec = policy(d).spec;
      },
      `${S}spec.alertPolicies[0]`,
      /^has both alertPolicyRef and spec; keep one/,
    ],
    [
      'a condition kind other than burnrate',
      d => {
        condition(d).spec.condition.kind = 'threshold';
      },
      'AlertCondition burn-14: spec.condition.kind',
      /^"threshold" is not one of burnrate$/,
    ],
    [
      'a condition operator not in the enum',
      d => {
        condition(d).spec.condition.op = 'above';
      },
      'AlertCondition burn-14: spec.condition.op',
      /^"above" is not one of lt, lte, gt, gte$/,
    ],
    [
      'a condition without a lookback window',
      d => {
        delete condition(d).spec.condition.lookbackWindow;
      },
      'AlertCondition burn-14: spec.condition.lookbackWindow',
      /^is missing/,
    ],
    [
      'a condition without a severity',
      d => {
        delete condition(d).spec.severity;
      },
      'AlertCondition burn-14: spec.severity',
      /^is missing/,
    ],
    [
      'a policy with two conditions',
      d => {
        policy(d).spec.conditions.push({ conditionRef: 'burn-14' });
      },
      'AlertPolicy fast-burn: spec.conditions',
      /^holds 2 items; OpenSLO v1 allows exactly one/,
    ],
    [
      'a policy without notification targets',
      d => {
        delete policy(d).spec.notificationTargets;
      },
      'AlertPolicy fast-burn: spec.notificationTargets',
      /^is missing; write who is notified/,
    ],
    [
      'a targetRef naming no target',
      d => {
        policy(d).spec.notificationTargets[0].targetRef = 'slack';
      },
      'AlertPolicy fast-burn: spec.notificationTargets[0].targetRef',
      /^no AlertNotificationTarget named "slack"/,
    ],
    [
      'a notification target without target',
      d => {
        byKind(d, 'AlertNotificationTarget').spec = { description: 'x' };
      },
      'AlertNotificationTarget oncall: spec.target',
      /^is missing/,
    ],
    [
      'a data source without type',
      d => {
        byKind(d, 'DataSource').spec = {};
      },
      'DataSource prometheus: spec.type',
      /^is missing/,
    ],
    [
      'a kind OpenSLO does not have',
      d => {
        d.push({ apiVersion: v1, kind: 'Slo', metadata: { name: 'x' } });
      },
      'Slo x: kind',
      /^"Slo" is not a kind of OpenSLO v1 \(did you mean "SLO"\?\)/,
    ],
  ])('refuses %s', (_, mutate, path, message) => {
    const docs = documents();
    mutate(docs);
    const issues = validate(docs);
    expect(issues).toContainEqual(
      expect.objectContaining({
        path,
        severity: 'error',
        message: expect.stringMatching(message),
      }),
    );
  });

  it('warns about unknown fields with the closest known one', () => {
    const docs = documents();
    slo(docs).spec.budgettingMethod = 'Occurrences';
    expect(validate(docs)).toContainEqual({
      path: `${S}spec.budgettingMethod`,
      severity: 'warning',
      message: expect.stringMatching(
        /^unknown field "budgettingMethod" is ignored \(did you mean "budgetingMethod"\?\)/,
      ),
      source: 'slos.yaml',
    });
  });
});
