import { readExample, NOW } from '../__testUtils__/examples';
import { parseOpsDescriptor, validateOpsDescriptor } from './parseDescriptor';

const head = 'apiVersion: opskit.io/v1\nkind: OpsDescriptor\n';
const issuesOf = (yaml: string) =>
  validateOpsDescriptor(head + yaml, { now: NOW }).issues;
const find = (yaml: string, path: string) =>
  issuesOf(yaml).filter(i => i.path === path);

describe('parseOpsDescriptor', () => {
  it('reads the compliant example without a single issue', () => {
    const result = validateOpsDescriptor(readExample('payments-api/ops.yaml'), {
      now: NOW,
    });
    expect(result.issues).toEqual([]);
    expect(result.tier).toBe('tier-1');
    expect(result.sections.environments?.map(e => e.name)).toEqual([
      'development',
      'staging',
      'production',
    ]);
    expect(result.sections.slos?.[0]).toMatchObject({
      indicator: 'latency',
      objective: { op: 'lt', value: 200 },
      alert: { op: 'gt', value: 500, for: '5m' },
      window: '4w',
    });
    expect(result.sections.slos?.[2].objective).toEqual({
      op: 'gte',
      value: 99.9,
      writtenUnit: 'percent',
    });
    expect(result.sections.escalation?.[0]).toEqual({
      targets: ['group:payments-oncall'],
      after: '15m',
    });
    expect(result.sections.severities?.[3].responseTime).toBe('best-effort');
    expect(result.sections.versionHistory?.[1].changes).toEqual([
      'Fix refund rounding',
    ]);
  });

  it('reports malformed YAML with line and column, and never throws', () => {
    const result = parseOpsDescriptor(
      `${head}environments:\n  - name: prod\n   url: x\n`,
    );
    expect(result.issues[0].message).toMatch(
      /^YAML syntax error at line 5, column \d+/,
    );
    expect(result.sections).toEqual({});
  });

  it('requires apiVersion and kind but still reads the sections', () => {
    const result = parseOpsDescriptor(
      'apiVersion: v2\nenvironments: [{name: production}]\n',
    );
    expect(result.issues.map(i => i.path)).toEqual(['apiVersion', 'kind']);
    expect(result.sections.environments).toEqual([{ name: 'production' }]);
  });

  it('refuses a document that is not a mapping', () => {
    expect(parseOpsDescriptor('- a\n- b\n').issues[0].message).toMatch(
      /expected a mapping/,
    );
    expect(parseOpsDescriptor('').issues[0].message).toMatch(
      /expected a mapping/,
    );
  });

  it('warns about unknown sections and fields with a suggestion', () => {
    expect(find('enviroments: []\n', 'enviroments')[0].message).toMatch(
      /did you mean "environments"/,
    );
    expect(
      find(
        'environments:\n  - {name: production, ulr: https://x.example.com}\n',
        'environments[0].ulr',
      )[0],
    ).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/did you mean "url"/),
    });
    expect(
      find('incident: {severitys: []}\n', 'incident.severitys')[0].message,
    ).toMatch(/did you mean "severities"/);
  });

  it('keeps the valid items of a broken list and names the original index', () => {
    const result = validateOpsDescriptor(
      `${head}environments:\n  - {name: Prod!}\n  - {name: staging}\n  - {name: staging}\n`,
      { now: NOW },
    );
    expect(result.sections.environments).toEqual([
      { name: 'staging' },
      { name: 'staging' },
    ]);
    expect(result.issues.map(i => i.path)).toEqual([
      'environments[0].name',
      'environments[2].name',
    ]);
  });

  it('does not let a broken section hide the good ones', () => {
    const result = validateOpsDescriptor(
      `${head}slos: 42\nlogging: {format: json}\nbackups: [{data: db, schedule: daily, retention: 30d}]\n`,
      { now: NOW },
    );
    expect(result.sections.slos).toBeUndefined();
    expect(result.sections.logging).toEqual({ format: 'json' });
    expect(result.sections.backups).toHaveLength(1);
    expect(result.issues).toEqual([
      expect.objectContaining({
        path: 'slos',
        message: 'expected a list, got number 42',
      }),
    ]);
  });

  it('keeps the rest of an object section when one field is broken', () => {
    const result = validateOpsDescriptor(
      `${head}monitoring:\n  tools: [{name: Prom, purpose: metrix}, {name: Graf, purpose: visualization}]\n  dashboards: nope\n`,
      { now: NOW },
    );
    expect(result.sections.monitoring).toEqual({
      tools: [{ name: 'Graf', purpose: 'visualization' }],
    });
    expect(result.issues.map(i => i.message)).toEqual([
      expect.stringMatching(
        /"metrix" is not one of .* \(did you mean "metrics"\?\)/,
      ),
      'expected a list, got text "nope"',
    ]);
  });

  it('asks to quote values YAML read as numbers', () => {
    expect(
      find(
        'versionHistory: [{version: 1.10}]\n',
        'versionHistory[0].version',
      )[0].message,
    ).toMatch(/quote it/);
  });

  it('reads the runbook shorthand thresholds and refuses nonsense', () => {
    expect(
      find(
        'slos: [{name: a, indicator: latency, unit: ms, objective: "about 200"}]\n',
        'slos[0].objective',
      )[0].message,
    ).toMatch(/not a threshold/);
  });
});
