import { buildOpsProfile } from '../profile';
import { evaluateEntity } from '../evaluateEntity';
import { exampleEntity, NOW } from '../__testUtils__/examples';
import { renderRunbook } from './renderRunbook';

describe('renderRunbook', () => {
  it('writes every section of a complete service, in runbook order', () => {
    const { profile, scorecards, issues } = evaluateEntity(exampleEntity('payments-api'), { now: NOW });
    const text = renderRunbook({ profile, scorecards, issues, title: 'Payments API' });
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
          'opskit.io/environments': '- name: production\n  purpose: "pipes | and [links](http://a)"\n',
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
    const { profile, scorecards, issues } = evaluateEntity(exampleEntity('legacy-billing'), { now: NOW });
    const text = renderRunbook({ profile, scorecards, issues });
    expect(text).toContain('## Open validation issues');
    expect(text).toMatch(/Failing: .+ — .+/);
  });
});
