import { NOW } from '../__testUtils__/examples';
import { validateOpsDescriptor } from '../descriptor/parseDescriptor';

const head = 'apiVersion: opskit.io/v1\nkind: OpsDescriptor\n';
function issues(yaml: string) {
  return validateOpsDescriptor(head + yaml, { now: NOW }).issues.map(
    i => `${i.severity} ${i.path}: ${i.message}`,
  );
}
const slo = (fields: string) => `slos:\n  - {name: s, ${fields}}\n`;

describe('SLO rules', () => {
  it('accepts alerts on the right side of the objective', () => {
    expect(
      issues(
        slo(
          'indicator: latency, unit: ms, objective: "<200ms", alert: ">500ms"',
        ),
      ),
    ).toEqual([]);
    expect(
      issues(
        slo(
          'indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99.5%"',
        ),
      ),
    ).toEqual([]);
    expect(
      issues(
        slo('indicator: latency, unit: ms, objective: "<200", alert: ">=200"'),
      ),
    ).toEqual([]);
  });

  it('refuses an alert that points the same way as the objective', () => {
    expect(
      issues(
        slo(
          'indicator: latency, unit: ms, objective: "<200ms", alert: "<100ms"',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^error slos\[0\].alert: .*fires while the objective is met; use ">"/,
      ),
    ]);
  });

  it('refuses an alert on the wrong side of the objective', () => {
    expect(
      issues(
        slo(
          'indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99.95%"',
        ),
      ),
    ).toEqual([
      expect.stringMatching(
        /^error slos\[0\].alert.value: .*wrong side.*at or below 99.9/,
      ),
    ]);
    expect(
      issues(
        slo(
          'indicator: latency, unit: ms, objective: "<200ms", alert: ">100ms"',
        ),
      ),
    ).toEqual([expect.stringMatching(/wrong side.*at or above 200/)]);
  });

  it('keeps percentages within 0–100 and ratios within 0–1', () => {
    expect(
      issues(
        slo(
          'indicator: error-rate, unit: percent, objective: "<150", alert: ">200"',
        ),
      ),
    ).toEqual([
      expect.stringMatching(/objective.value: 150 is outside 0–100/),
      expect.stringMatching(/alert.value: 200 is outside 0–100/),
    ]);
    expect(
      issues(
        slo(
          'indicator: availability, unit: ratio, objective: ">=99.9", alert: "<0.99"',
        ),
      ),
    ).toEqual([expect.stringMatching(/99.9 is outside 0–1.*use unit percent/)]);
  });

  it('refuses unknown units and mismatched written units', () => {
    expect(
      issues(slo('indicator: latency, unit: msec, objective: "<1"')),
    ).toEqual([
      expect.stringMatching(/unit: "msec" is not one of.*did you mean "ms"/),
    ]);
    expect(
      issues(
        slo('indicator: latency, unit: s, objective: "<200ms", alert: ">1s"'),
      ),
    ).toEqual([
      expect.stringMatching(
        /objective: is written in ms but the SLO's unit is s/,
      ),
    ]);
  });

  it('warns about a missing alert and odd unit for the indicator', () => {
    expect(
      issues(slo('indicator: latency, unit: percent, objective: "<5"')),
    ).toEqual([
      expect.stringMatching(/^warning slos\[0\].alert: has no alert threshold/),
      expect.stringMatching(
        /^warning slos\[0\].unit: latency is usually measured in ms or s/,
      ),
    ]);
  });
});

describe('environment and URL rules', () => {
  it('refuses duplicate names and unsafe URLs, and strips the unsafe URL', () => {
    const result = validateOpsDescriptor(
      `${head}environments:\n  - {name: prod, url: "javascript:alert(1)"}\n  - {name: prod, url: "http://x.example.com"}\n`,
      { now: NOW },
    );
    expect(result.issues.map(i => `${i.path}: ${i.message}`)).toEqual([
      'environments[1].name: "prod" is defined more than once; environment names must be unique',
      'environments[0].url: javascript: URLs are never allowed; use an https link',
      'environments[1].url: http is only allowed for localhost; use https://x.example.com',
    ]);
    expect(result.sections.environments?.map(e => e.url)).toEqual([
      undefined,
      undefined,
    ]);
  });

  it('drops dashboards whose URL is unsafe and refuses an unsafe runbook', () => {
    const result = validateOpsDescriptor(
      `${head}runbook: "data:text/html,x"\nmonitoring:\n  dashboards: [{name: a, url: "data:text/html,x"}, {name: b, url: "https://g.example.com"}]\n`,
      { now: NOW },
    );
    expect(result.sections.monitoring?.dashboards?.map(d => d.name)).toEqual([
      'b',
    ]);
    expect(result.runbook).toBeUndefined();
    expect(result.issues.map(i => i.path)).toEqual([
      'monitoring.dashboards[0].url',
      'runbook',
    ]);
  });

  it('allows a TechDocs path as runbook', () => {
    expect(
      validateOpsDescriptor(
        `${head}runbook: /docs/default/component/x/runbook\n`,
      ).runbook,
    ).toBe('/docs/default/component/x/runbook');
  });
});

describe('incident rules', () => {
  it('refuses severities whose response times are not ordered', () => {
    expect(
      issues(
        'incident:\n  severities: [{id: P1, responseTime: 4h}, {id: P2, responseTime: 30m}]\n',
      ),
    ).toEqual([
      expect.stringMatching(
        /^error incident.severities\[1\].responseTime: P2 must be answered within 30m, faster than the more severe P1 \(4h\)/,
      ),
    ]);
    expect(
      issues(
        'incident:\n  severities: [{id: P1, responseTime: best-effort}, {id: P2, responseTime: 1h}]\n',
      ),
    ).toHaveLength(1);
    expect(
      issues(
        'incident:\n  severities: [{id: P1, responseTime: 15m}, {id: P1, responseTime: 1h}]\n',
      ),
    ).toEqual([expect.stringMatching(/"P1" is listed twice/)]);
  });

  it('refuses empty escalation levels and warns about non user/group targets', () => {
    expect(
      issues(
        'incident:\n  escalation:\n    - {targets: []}\n    - group:sre\n    - {targets: component:foo}\n',
      ),
    ).toEqual([
      expect.stringMatching(
        /^error incident.escalation\[0\].targets: level 1 has no targets/,
      ),
      expect.stringMatching(
        /^warning incident.escalation\[2\].targets\[0\]: "component:foo" is a component/,
      ),
    ]);
  });
});

describe('backup and recovery rules', () => {
  it('refuses retention shorter than the backup interval', () => {
    expect(
      issues('backups: [{data: db, schedule: weekly, retention: 3d}]\n'),
    ).toEqual([
      expect.stringMatching(
        /retention 3d is shorter than the weekly backup interval \(1w\)/,
      ),
    ]);
    expect(
      issues('backups: [{data: db, schedule: "0 3 * * 0", retention: 2d}]\n'),
    ).toEqual([expect.stringMatching(/shorter than/)]);
    expect(
      issues('backups: [{data: db, schedule: "0 * * * *", retention: 2h}]\n'),
    ).toEqual([]);
  });

  it('warns when the RPO cannot be met by the schedule', () => {
    expect(
      issues(
        'backups: [{data: db, schedule: daily, retention: 7d, rpo: 1h}]\n',
      ),
    ).toEqual([
      expect.stringMatching(/^warning backups\[0\].rpo: RPO 1h cannot be met/),
    ]);
  });

  it('refuses a recovery test date in the future', () => {
    expect(
      issues('recovery: {steps: [restore], lastTested: "2027-06-01"}\n'),
    ).toEqual([
      expect.stringMatching(
        /^error recovery.lastTested: 2027-06-01 is in the future/,
      ),
    ]);
    expect(
      issues('recovery: {steps: [restore], lastTested: "2026-11-27"}\n'),
    ).toEqual([]);
  });

  it('refuses schedules that are neither named nor cron', () => {
    expect(
      issues('backups: [{data: db, schedule: fortnightly, retention: 30d}]\n'),
    ).toEqual([
      expect.stringMatching(/hourly, daily, weekly, monthly or a 5-field cron/),
    ]);
  });
});

describe('deployment and logging rules', () => {
  it('flags unknown environments, duplicate checklist ids and near-standard ids', () => {
    expect(
      issues(
        'environments: [{name: production}]\ndeployment:\n  process: [{environment: prodution, steps: [go]}]\n  checklist: [{id: tests-pasing, title: T}, {id: x, title: X}, {id: x, title: Y}]\n',
      ),
    ).toEqual([
      expect.stringMatching(
        /process\[0\].environment: "prodution" is not a defined environment \(did you mean "production"\?\)/,
      ),
      expect.stringMatching(
        /checklist\[0\].id: "tests-pasing" looks like the standard item "tests-passing"/,
      ),
      expect.stringMatching(/checklist\[2\].id: "x" is listed twice/),
    ]);
  });

  it('warns about unknown log levels', () => {
    expect(issues('logging: {levels: [info, warning]}\n')).toEqual([
      expect.stringMatching(
        /"warning" is not a common log level.*did you mean "warn"/,
      ),
    ]);
  });
});

describe('SLI rules', () => {
  const sli = (fields: string) =>
    `slos:\n  - {name: s, indicator: availability, unit: percent, objective: ">=99.9%", alert: "<99%", window: 28d, ${fields}}\n`;

  it('reads ratio and histogram SLIs', () => {
    const read = (yaml: string) =>
      validateOpsDescriptor(head + yaml, { now: NOW }).sections.slos?.[0].sli;
    expect(
      read(
        sli('sli: {good: "sum(rate(ok[5m]))", total: "sum(rate(all[5m]))"}'),
      ),
    ).toEqual({
      good: 'sum(rate(ok[5m]))',
      total: 'sum(rate(all[5m]))',
    });
    expect(read(sli('sli: {bad: "errors", total: "all"}'))).toEqual({
      bad: 'errors',
      total: 'all',
    });
    expect(
      issues(
        'slos:\n  - {name: s, indicator: latency, unit: percent, objective: ">=99%", alert: "<95%", window: 28d, sli: {histogram: http_request_duration_seconds, threshold: 200ms, selector: \'job="api"\'}}\n',
      ),
    ).toEqual([]);
    expect(issues(sli('sli: {good: "a", total: "b"}'))).toEqual([]);
  });

  it('refuses an objective that is not a share of good events, or leaves no budget', () => {
    expect(
      issues(
        'slos:\n  - {name: s, indicator: latency, unit: ms, objective: "<200ms", alert: ">500ms", window: 28d, sli: {histogram: h, threshold: 200ms}}\n',
      ),
    ).toEqual([
      'error slos[0].objective: with an SLI the objective is the share of good events: write unit: percent and objective ">= 99.9%"',
    ]);
    expect(
      issues(
        'slos:\n  - {name: s, indicator: availability, unit: percent, objective: ">=100%", alert: "<99%", window: 28d, sli: {good: a, total: b}}\n',
      ),
    ).toEqual([
      'error slos[0].objective.value: an objective of 100% leaves no error budget; aim below it (99.9%)',
    ]);
  });

  it('checks the window the budget is counted over', () => {
    expect(
      issues(sli('sli: {good: a, total: b}').replace('window: 28d, ', '')),
    ).toEqual([
      'warning slos[0].window: has no window; the error budget is counted over 28d until one is given',
    ]);
    expect(
      issues(sli('sli: {good: a, total: b}').replace('28d', '30m')),
    ).toEqual([
      'error slos[0].window: 30m is too short to budget errors over; use at least 1h (28d is usual)',
    ]);
    expect(
      issues(sli('sli: {good: a, total: b}').replace('28d', '26w')),
    ).toEqual([
      expect.stringMatching(
        /^warning slos\[0\].window: 26w is longer than most Prometheus servers keep/,
      ),
    ]);
  });

  it('names the bad part of an SLI', () => {
    expect(
      issues(sli('sli: {histogram: "not a metric", threshold: 200ms}')),
    ).toEqual([
      expect.stringMatching(
        /^error slos\[0\].sli.histogram: is not a Prometheus metric name/,
      ),
    ]);
    expect(issues(sli('sli: {good: a}'))).toEqual([
      expect.stringMatching(/^error slos\[0\].sli/),
    ]);
    // A threshold on a histogram measures latency.
    expect(issues(sli('sli: {histogram: h, threshold: 200ms}'))).toEqual([
      'warning slos[0].sli.histogram: a histogram threshold measures latency, but the indicator is availability',
    ]);
  });
});
