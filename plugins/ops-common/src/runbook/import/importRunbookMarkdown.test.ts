import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { junkString } from '../../__testUtils__/fuzzInputs';
import fc from 'fast-check';
import { NOW } from '../../__testUtils__/examples';
import { hasErrors } from '../../validation/issues';
import {
  importRunbookMarkdown,
  MAX_RUNBOOK_LENGTH,
} from './importRunbookMarkdown';

const fixture = (name: string) =>
  readFileSync(join(__dirname, '__fixtures__', name), 'utf8');
const read = (text: string) => importRunbookMarkdown(text, { now: NOW });
const messagesAt = (
  issues: { path: string; message: string }[],
  path: string,
) => issues.filter(i => i.path === path).map(i => i.message);

describe('importRunbookMarkdown', () => {
  describe('the standard template, placeholders and all', () => {
    const { descriptor, issues } = read(fixture('sre-template.md'));
    const d = descriptor as any;

    it('imports without an error', () => {
      expect(issues.filter(i => i.severity === 'error')).toEqual([]);
    });

    it('reports every placeholder on the field it stands in, with its line', () => {
      for (const [path, line] of [
        ['environments[1].url', 25],
        ['environments[2].url', 26],
        ['slos[0].objective', 64],
        ['slos[2].alert', 66],
        ['monitoring.tools[0].url', 72],
        ['monitoring.tools[2].url', 74],
        ['incident.severities[3].responseTime', 112],
        ['backups[0].schedule', 129],
        ['backups[1].retention', 130],
        ['versionHistory[0].date', 147],
        ['versionHistory[0].author', 147],
      ] as const) {
        const issue = issues.find(i => i.path === path);
        expect(issue?.message).toMatch(/still the template's placeholder/);
        expect(issue?.source).toBe(`runbook.md:${line}`);
      }
      expect(messagesAt(issues, 'versionHistory[0].author')).toEqual([
        '"[Author]" is still the template\'s placeholder: fill it in',
      ]);
      // Each CUSTOMIZE comment is named on its chapter.
      expect(
        issues.filter(i => /CUSTOMIZE/.test(i.message)).map(i => i.path),
      ).toEqual(['environments', 'deployment.process', 'slos', 'recovery']);
    });

    it('invents nothing: placeholders that hold no value are left out', () => {
      expect(d.environments[1]).toEqual({
        name: 'staging',
        purpose: 'Pre-production testing',
      });
      expect(d.monitoring.tools.map((t: any) => t.url)).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
      expect(d.versionHistory).toEqual([
        { version: '1.0.0', changes: ['Initial version'] },
      ]);
    });

    it('takes well-formed bracketed values', () => {
      expect(d.slos[2]).toEqual({
        name: 'Uptime',
        indicator: 'availability',
        unit: 'percent',
        objective: { op: 'gte', value: 99.9 },
        alert: { op: 'lt', value: 99.5 },
      });
      expect(d.backups).toEqual([
        { data: 'Database', schedule: 'daily', retention: '30d' },
        { data: 'Files', schedule: 'weekly', retention: '90d' },
      ]);
      expect(d.incident.severities.map((s: any) => s.responseTime)).toEqual([
        '15m',
        '1h',
        '1d',
        'best-effort',
      ]);
    });

    it('reads the code block, the task list, the log format and the numbered lists', () => {
      expect(d.deployment.process).toEqual([
        { name: 'Build', command: 'npm run build' },
        {
          name: 'Deploy to staging',
          command: 'npm run deploy:staging',
          environment: 'staging',
        },
        {
          name: 'Deploy to production',
          command: 'npm run deploy:prod',
          environment: 'production',
        },
      ]);
      expect(d.deployment.checklist.map((c: any) => c.id)).toEqual([
        'tests-passing',
        'code-reviewed',
        'migrations-ready',
        'rollback-plan',
      ]);
      expect(d.logging).toEqual({
        levels: ['error', 'warn', 'info', 'debug'],
        format: 'json',
        fields: ['timestamp', 'level', 'service', 'message', 'context'],
      });
      expect(d.incident.escalation).toHaveLength(4);
      expect(d.recovery.steps).toHaveLength(4);
      expect(d.environments[0].url).toBe('http://localhost');
    });
  });

  describe('a runbook as a team wrote it', () => {
    const { descriptor, issues } = read(fixture('checkout-service.md'));
    const d = descriptor as any;

    it('lands every field where it belongs', () => {
      expect(d.environments).toEqual([
        {
          name: 'staging',
          purpose: 'Release candidates',
          url: 'https://staging.checkout.example.com',
        },
        {
          name: 'production',
          purpose: 'Customers',
          url: 'https://checkout.example.com',
        },
      ]);
      expect(d.deployment.process[1]).toEqual({
        name: 'Ship to staging',
        commands: [
          'make deploy ENV=staging',
          './scripts/smoke.sh --env staging',
        ],
        environment: 'staging',
      });
      expect(d.deployment.process[2].environment).toBe('production');
      expect(d.deployment.checklist).toEqual([
        { id: 'tests-passing', title: 'CI is green on main' },
        { id: 'code-reviewed', title: 'Two approvals on the pull request' },
        {
          id: 'feature-flags-configured',
          title: 'Feature flags configured',
          required: false,
        },
      ]);
      expect(d.deployment.rollback.steps).toHaveLength(2);
      expect(d.slos[0]).toEqual({
        name: 'p95 latency',
        indicator: 'latency',
        unit: 'ms',
        objective: { op: 'lt', value: 300 },
        alert: { op: 'gt', value: 800, for: '10m' },
        window: '4w',
      });
      expect(d.slos[2].objective).toEqual({ op: 'gte', value: 99.95 });
      expect(d.monitoring.tools.map((t: any) => t.purpose)).toEqual([
        'metrics',
        'visualization',
        'alerting',
        'tracing',
      ]);
      expect(d.logging.levels).toEqual(['error', 'warn', 'info']);
      expect(d.incident.escalation).toEqual([
        { targets: ['group:payments-oncall'] },
        { targets: ['user:dana'], after: '15m' },
        { targets: ['group:payments-leads'], after: '1h' },
      ]);
      expect(d.incident.severities[0]).toEqual({
        id: 'SEV1',
        description: 'Nobody can pay',
        responseTime: '5m',
      });
      expect(d.backups).toEqual([
        {
          data: 'resource:checkout-db',
          schedule: 'hourly',
          retention: '2w',
          rpo: '1h',
          rto: '4h',
          tool: 'pgBackRest',
        },
      ]);
      expect(d.recovery.lastTested).toBe('2026-09-14');
      expect(d.versionHistory[0].changes).toEqual([
        'New 3DS flow',
        'SEV levels reworded',
      ]);
    });

    it('keeps the chapter it does not read, and says so', () => {
      expect(d.notes).toContainEqual({
        title: 'Feature Flag Inventory',
        body: expect.stringContaining('new-3ds-flow'),
      });
      expect(issues).toEqual([
        expect.objectContaining({
          path: 'notes',
          severity: 'warning',
          message: expect.stringMatching(
            /chapter "Feature Flag Inventory" is not one OpsKit reads/,
          ),
        }),
      ]);
    });
  });

  it('reports a table with a missing column, an empty chapter and HTML, and keeps them', () => {
    const { descriptor, issues } = read(
      [
        '## Environments',
        '',
        '| Environment | Purpose |',
        '|---|---|',
        '| Production | Live |',
        '',
        '## Backups',
        '',
        '## Monitoring',
        '',
        '<div onclick="x()">Status page</div>',
        '',
        '| Widget | Colour |',
        '|---|---|',
        '| a | b |',
      ].join('\n'),
    );
    expect(descriptor.environments).toEqual([
      { name: 'production', purpose: 'Live' },
    ]);
    expect(messagesAt(issues, 'backups')).toEqual([
      'chapter "Backups" is empty',
    ]);
    expect(messagesAt(issues, 'monitoring')).toEqual([
      'HTML in chapter "Monitoring" is not read; it is kept as a note',
      'a table with columns "Widget", "Colour" in chapter "Monitoring" is not read; it is kept as a note',
    ]);
    expect((descriptor.notes as any[])[0].title).toBe('Monitoring');
  });

  it('refuses what is not a runbook with an issue', () => {
    expect(importRunbookMarkdown(42).issues[0].message).toBe(
      'expected Markdown text',
    );
    const huge = importRunbookMarkdown('x'.repeat(MAX_RUNBOOK_LENGTH + 1));
    expect(huge.descriptor).toEqual({});
    expect(huge.issues[0].message).toMatch(/at most 1048576 are read/);
  });

  it('never throws, whatever the text', () => {
    const markdownJunk = fc.array(
      fc.oneof(
        junkString,
        fc.constantFrom(
          '## Environments',
          '### Metrics',
          '| a | b |\n|---|---|\n| [x] | < |',
          '| Metric | Target |\n|--|--|\n| Uptime |',
          '- [ ] ',
          '1. after',
          '```json\n{"a":',
          '<!-- CUSTOMIZE',
          '<script>x</script>',
          '# ',
          '\u0000\uFFFF\uD800',
        ),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(markdownJunk, parts => {
        const result = importRunbookMarkdown(parts.join('\n'));
        expect(Array.isArray(result.issues)).toBe(true);
        expect(typeof result.descriptor).toBe('object');
      }),
      { numRuns: 300 },
    );
  }, 60_000);

  it('gives a descriptor that validates without errors for a filled-in runbook', () => {
    expect(hasErrors(read(fixture('checkout-service.md')).issues)).toBe(false);
  });
});

describe('runbooks as different teams write them', () => {
  const EXAMPLES = join(__dirname, '../../../../../examples');
  const runbooks: Record<string, string> = {
    'checkout-service.md': fixture('checkout-service.md'),
    'search-indexer.md': fixture('search-indexer.md'),
    'ledger-batch.md': fixture('ledger-batch.md'),
    'edge-proxy.md': fixture('edge-proxy.md'),
    'examples/checkout-service/docs/runbook.md': readFileSync(
      join(EXAMPLES, 'checkout-service/docs/runbook.md'),
      'utf8',
    ),
  };

  it.each(Object.keys(runbooks))('%s imports with no error', name => {
    const { issues } = read(runbooks[name]);
    expect(issues.filter(i => i.severity === 'error')).toEqual([]);
  });

  it('reads setext headings, "Alerting" and "On-call" chapters, minutes as seconds and a cron line', () => {
    const d = read(runbooks['search-indexer.md']).descriptor as any;
    expect(d.slos[0]).toEqual({
      name: 'Indexing lag',
      indicator: 'freshness',
      unit: 's',
      objective: { op: 'lte', value: 300 },
      alert: { op: 'gt', value: 900, for: '5m' },
      window: '1w',
    });
    expect(d.slos[2].indicator).toBe('error-rate');
    expect(d.monitoring.dashboards).toEqual([
      {
        name: 'Indexer overview',
        url: 'https://grafana.example.com/d/indexer',
        environment: 'production',
      },
    ]);
    expect(d.incident.escalation[1]).toEqual({
      targets: ['group:search-leads'],
      after: '30m',
    });
    expect(d.backups[0].schedule).toBe('0 */6 * * *');
    expect(d.recovery.steps).toHaveLength(3);
    expect(d.versionHistory[0]).toEqual({
      version: '4.0.0',
      date: '2026-08-01',
      changes: ['OpenSearch 2'],
    });
  });

  it('reads upper-case headings, a logging list, a declared indicator and unit, and RTO without a test date', () => {
    const d = read(runbooks['ledger-batch.md']).descriptor as any;
    expect(d.environments.map((e: any) => e.name)).toEqual(['prod', 'qa']);
    expect(d.deployment.process).toEqual([
      {
        steps: [
          'Tag the release',
          'Run the close against qa',
          'Promote to prod',
        ],
      },
    ]);
    expect(d.deployment.checklist.map((c: any) => c.id)).toEqual([
      'tests-passing',
      'code-reviewed',
      'migrations-ready',
    ]);
    expect(d.slos[1]).toEqual({
      name: 'Correct totals',
      indicator: 'correctness',
      unit: 'percent',
      objective: { op: 'gte', value: 100 },
      alert: { op: 'lt', value: 100 },
    });
    expect(d.logging).toEqual({
      levels: ['error', 'warn', 'info'],
      format: 'json',
      fields: ['timestamp', 'level', 'service', 'message', 'context'],
      retention: '90d',
    });
    expect(d.recovery).toEqual({
      rto: '8h',
      steps: ['Re-run the close from the last checkpoint'],
    });
  });

  it('reads per-environment deployment chapters with their commands and an automated rollback', () => {
    const d = read(runbooks['edge-proxy.md']).descriptor as any;
    expect(d.deployment.process).toEqual([
      {
        environment: 'canary',
        steps: ['Roll the canary pool', 'Watch the error rate for 15 minutes'],
        commands: ['./deploy --env canary'],
      },
      {
        environment: 'production',
        steps: ['Roll the production pools one by one'],
        commands: ['./deploy --env production'],
      },
    ]);
    expect(d.deployment.rollback.automated).toBe(true);
    expect(d.slos[0].objective).toEqual({ op: 'gte', value: 99.99 });
    expect(d.notes).toEqual([
      {
        title: 'Overview',
        body: 'The edge proxy terminates TLS for every public hostname.',
      },
    ]);
  });
});
