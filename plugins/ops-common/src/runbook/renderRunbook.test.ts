import { buildOpsProfile } from '../profile';
import { evaluateEntity } from '../evaluateEntity';
import { exampleEntity, NOW } from '../__testUtils__/examples';
import { renderRunbook, RUNBOOK_CHAPTERS } from './renderRunbook';

describe('renderRunbook', () => {
  it('writes every section of a complete service, in runbook order', () => {
    const { profile, scorecards, issues } = evaluateEntity(
      exampleEntity('payments-api'),
      { now: NOW },
    );
    const text = renderRunbook({
      profile,
      scorecards,
      issues,
      title: 'Payments API',
    });
    const headings = text.split('\n').filter(line => line.startsWith('## '));
    expect(headings).toEqual([
      '## Environments',
      '## Deployment',
      '## Service level objectives',
      '## Monitoring',
      '## Logging',
      '## Incidents',
      '## Backups',
      '## Recovery',
      '## Version history',
      '## Readiness',
    ]);
    expect(text).toMatch(/^# Payments API — operations runbook/);
    // Checklist items become Markdown task items, SLO thresholds keep their operator.
    expect(text).toContain('- [ ] ');
    expect(text).toMatch(/\| \\< \d+ ?ms \|/);
  });

  it('never turns an unsafe URL into a link and escapes Markdown in free text', () => {
    const { profile } = buildOpsProfile({
      kind: 'Component',
      metadata: {
        name: 'x',
        annotations: {
          'opskit.io/environments':
            '- name: production\n  purpose: "pipes | and [links](http://a)"\n',
        },
      },
      spec: { owner: 'team-a' },
    });
    // The profile strips unsafe URLs already; the renderer must not rely on that.
    const scriptUrl = ['javascript', 'alert(1)'].join(':');
    profile.environments![0].url = scriptUrl;
    const text = renderRunbook({ profile });
    expect(text).not.toContain(scriptUrl);
    expect(text).toContain('| production |');
    expect(text).toContain('pipes \\| and \\[links\\](http://a)');
  });

  it('notes failing checks with how to fix them, and open issues', () => {
    const { profile, scorecards, issues } = evaluateEntity(
      exampleEntity('legacy-billing'),
      { now: NOW },
    );
    const text = renderRunbook({ profile, scorecards, issues });
    expect(text).toContain('## Open validation issues');
    expect(text).toMatch(/Failing: .+ — .+/);
  });

  it('marks every missing chapter with a TODO the reader sees, or leaves it out when asked', () => {
    const { profile } = buildOpsProfile({
      kind: 'Component',
      metadata: { name: 'bare', annotations: { 'opskit.io/tier': 'tier-2' } },
      spec: { owner: 'team-a' },
    });
    // Org defaults fill logging, severities and the checklist: clear them to see every TODO.
    profile.logging = undefined;
    profile.severities = undefined;
    profile.deployment = undefined;
    const text = renderRunbook({ profile });
    for (const heading of [
      '## Environments',
      '## Deployment',
      '## Service level objectives',
      '## Monitoring',
      '## Logging',
      '## Incidents',
      '## Backups',
      '## Recovery',
      '## Version history',
    ]) {
      expect(text).toContain(`${heading}\n\n> **TODO:** `);
    }
    expect(renderRunbook({ profile }, { todos: false })).not.toContain('TODO');
  });

  it('strips raw HTML and escapes Markdown structure in user text', () => {
    const { profile } = evaluateEntity(exampleEntity('payments-api'), {
      now: NOW,
    });
    profile.recovery = {
      steps: [
        '<script>alert(1)</script>Restore | the *db*',
        '<img src=x onerror=alert(1)> then [click](javascript:x)',
      ],
      lastTested: '2026-10-01',
    };
    const text = renderRunbook({ profile });
    expect(text).not.toMatch(/<script|<img|onerror=alert/);
    expect(text).toContain('1. alert(1)Restore | the \\*db\\*');
    expect(text).toContain('2.  then \\[click\\](javascript:x)');
  });

  it("lays chapters out in the organisation's template, and refuses unknown placeholders", () => {
    const { profile } = evaluateEntity(exampleEntity('payments-api'), {
      now: NOW,
    });
    const text = renderRunbook(
      { profile, title: 'Payments' },
      {
        template:
          '# {{ title }}\n\nOn call first:\n\n{{incidents}}\n\n{{ slos }}\n',
      },
    );
    expect(text.split('\n')[0]).toBe('# Payments — operations runbook');
    expect(text.indexOf('## Incidents')).toBeLessThan(
      text.indexOf('## Service level objectives'),
    );
    expect(text).not.toContain('## Environments');
    expect(() =>
      renderRunbook({ profile }, { template: '{{ nope }} {{ slos }}' }),
    ).toThrow(/unknown placeholder\(s\) \{\{ nope \}\}; known: title, summary/);
    expect(RUNBOOK_CHAPTERS).toContain('backups');
  });
});
