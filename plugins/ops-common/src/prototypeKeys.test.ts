import { evaluateEntity } from './evaluateEntity';
import { readRunbookMarkdown } from './runbook/import/importRunbookMarkdown';
import {
  readDuration,
  readSchedule,
  readThreshold,
} from './runbook/import/values';
import { renderRunbook } from './runbook/renderRunbook';
import { escalationTargetRefs } from './scoring/escalationTargets';
import { backupIntervalMs } from './validation/dataRules';
import { parseDuration } from './durations';

/** Names a team may write that are also members of Object.prototype. */
const KEYS = ['__proto__', 'constructor', 'toString', 'hasOwnProperty'];

describe('names that are Object.prototype members', () => {
  it.each(KEYS)('%s is read as a word, never as a member', key => {
    expect(readSchedule(key)).toBeUndefined();
    expect(readDuration(`5 ${key}`)).toBeUndefined();
    expect(readThreshold(`> 5 ${key}`)).toBeUndefined();
    expect(backupIntervalMs(key)).toBeUndefined();
    expect(parseDuration(`5${key}`).ok).toBe(false);
  });

  it.each(KEYS)(
    'an imported runbook keeps %s as text, with an issue from validation',
    key => {
      const markdown = [
        '# Runbook',
        '',
        '## Backup',
        '',
        '| Data | Schedule | Retention |',
        '| --- | --- | --- |',
        // In code spans: Markdown reads __proto__ as bold "proto".
        `| orders-db | \`${key}\` | 7 days |`,
        '',
        '## SLOs',
        '',
        '| SLO | Target | Alert |',
        '| --- | --- | --- |',
        `| Latency | < 200 ms | \`> 5 ${key}\` |`,
        '',
      ].join('\n');
      const { descriptor } = readRunbookMarkdown(markdown, {
        source: 'runbook.md',
      });
      const d = descriptor as any;
      expect(d.backups[0].schedule).toBe(key);
      expect(d.slos[0].alert).toBe(`> 5 ${key}`);
      const { issues } = evaluateEntity({
        kind: 'Component',
        metadata: {
          name: 'svc',
          annotations: { 'opskit.io/descriptor': JSON.stringify(descriptor) },
        },
      });
      expect(issues.map(i => i.path)).toEqual(
        expect.arrayContaining(['backups[0].schedule', 'slos[0].alert']),
      );
    },
  );

  it.each(KEYS)(
    'an escalation target named %s resolves to nothing, and renders as written',
    key => {
      const profile = {
        entityRef: 'component:default/svc',
        escalation: [{ targets: [key] }],
      } as any;
      const refs = escalationTargetRefs(profile, new Set());
      expect(Object.keys(refs)).toEqual([key]);
      expect(refs[key]).toBeNull();
      // Read from an API answer (a plain object without the target).
      const text = renderRunbook({ profile, escalationTargets: {} });
      expect(text).toContain(`1. ${key.replace(/_/g, '\\_')}\n`);
    },
  );
});
