import type { OpsProfile } from '../descriptor/types';
import type { ScorecardResult } from '../scoring/types';
import type { OpsIssue } from '../validation/issues';
import { isSafeUrl } from '../validation/urls';
import { describeThreshold } from '../validation/sloRules';

export interface RunbookInput {
  profile: OpsProfile;
  /** Entity title, when it has one; the ref is used otherwise. */
  title?: string;
  scorecards?: ScorecardResult[];
  issues?: OpsIssue[];
  /** Escalation target as written → the catalog ref it resolves to. */
  escalationTargets?: Record<string, string | null>;
  /** ISO timestamp written in the footer; omitted for reproducible output. */
  generatedAt?: string;
}

/**
 * The runbook as Markdown, section by section in the order an on-call engineer
 * reads it. Used by the Ops tab's download and by the scaffolder template, so
 * the document a team starts with and the one they download read alike.
 */
export function renderRunbook(input: RunbookInput): string {
  const { profile } = input;
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add(`# ${md(input.title ?? profile.entityRef)} — operations runbook`, '');
  const facts = [
    ['Entity', `\`${profile.entityRef}\``],
    ['Owner', profile.owner ? `\`${profile.owner}\`` : undefined],
    ['System', profile.system ? `\`${profile.system}\`` : undefined],
    ['Lifecycle', profile.lifecycle && md(profile.lifecycle)],
    ['Tier', profile.tier ?? `${profile.effectiveTier} (not declared; org default)`],
    ['Published runbook', profile.runbook ? link(profile.runbook, profile.runbook) : undefined],
  ].filter((row): row is [string, string] => Boolean(row[1]));
  add(...table(['', ''], facts), '');

  if (profile.environments?.length) {
    add('## Environments', '');
    add(...table(['Name', 'Purpose', 'URL'], profile.environments.map(e => [md(e.name), md(e.purpose ?? ''), e.url ? link(e.url, e.url) : ''])), '');
  }

  const deployment = profile.deployment;
  if (deployment) {
    add('## Deployment', '');
    for (const proc of deployment.process ?? []) {
      add(`### ${proc.environment ? `To ${md(proc.environment)}` : 'Process'}`, '');
      proc.steps.forEach((step, i) => add(`${i + 1}. ${md(step)}`));
      if (proc.commands?.length) add('', '```sh', ...proc.commands, '```');
      add('');
    }
    if (deployment.rollback) {
      add(`### Rollback${deployment.rollback.automated ? ' (automated)' : ''}`, '');
      deployment.rollback.steps.forEach((step, i) => add(`${i + 1}. ${md(step)}`));
      add('');
    }
    if (deployment.checklist?.length) {
      add('### Checklist', '');
      for (const item of deployment.checklist) add(`- [ ] ${md(item.title)}${item.required ? '' : ' (optional)'} \`${item.id}\``);
      add('');
    }
  }

  if (profile.slos?.length) {
    add('## Service level objectives', '');
    add(
      ...table(
        ['SLO', 'Indicator', 'Objective', 'Alert', 'Window'],
        profile.slos.map(slo => [
          md(slo.name),
          slo.indicator,
          md(describeThreshold(slo.objective, slo.unit)),
          slo.alert ? `${md(describeThreshold(slo.alert, slo.unit))}${'for' in slo.alert && slo.alert.for ? ` for ${slo.alert.for}` : ''}` : '—',
          slo.window ?? '—',
        ]),
      ),
      '',
    );
  }

  const monitoring = profile.monitoring;
  if (monitoring?.tools?.length || monitoring?.dashboards?.length) {
    add('## Monitoring', '');
    for (const tool of monitoring.tools ?? []) add(`- ${tool.url ? link(tool.name, tool.url) : md(tool.name)} (${tool.purpose})`);
    for (const board of monitoring.dashboards ?? []) add(`- Dashboard: ${link(board.name, board.url)}${board.environment ? ` (${md(board.environment)})` : ''}`);
    add('');
  }

  const logging = profile.logging;
  if (logging) {
    add('## Logging', '');
    if (logging.levels?.length) add(`- Levels: ${logging.levels.join(', ')}`);
    if (logging.format) add(`- Format: ${logging.format}`);
    if (logging.fields?.length) add(`- Fields: ${logging.fields.map(f => `\`${f}\``).join(', ')}`);
    if (logging.retention) add(`- Retention: ${logging.retention}`);
    add('');
  }

  if (profile.severities?.length || profile.escalation?.length) {
    add('## Incidents', '');
    if (profile.severities?.length) {
      add(...table(['Severity', 'Description', 'Response time'], profile.severities.map(s => [md(s.id), md(s.description ?? ''), s.responseTime])), '');
    }
    if (profile.escalation?.length) {
      add('### Escalation path', '');
      profile.escalation.forEach((level, i) => {
        const targets = level.targets.map(t => {
          const ref = input.escalationTargets?.[t];
          return ref && ref !== t ? `${md(t)} (\`${ref}\`)` : md(t);
        });
        add(`${i + 1}. ${targets.join(', ')}${level.after ? ` — after ${level.after} without acknowledgement` : ''}`);
      });
      add('');
    }
  }

  if (profile.backups?.length) {
    add('## Backups', '');
    add(
      ...table(
        ['Data', 'Schedule', 'Retention', 'RPO', 'RTO', 'Tool'],
        profile.backups.map(b => [md(b.data), md(b.schedule), b.retention, b.rpo ?? '—', b.rto ?? '—', md(b.tool ?? '—')]),
      ),
      '',
    );
  }

  const recovery = profile.recovery;
  if (recovery) {
    add('## Recovery', '');
    if (recovery.lastTested) add(`Last tested: ${recovery.lastTested}${recovery.rto ? ` · RTO ${recovery.rto}` : ''}`, '');
    (recovery.steps ?? []).forEach((step, i) => add(`${i + 1}. ${md(step)}`));
    add('');
  }

  if (profile.versionHistory?.length) {
    add('## Version history', '');
    add(
      ...table(
        ['Version', 'Date', 'Author', 'Changes'],
        profile.versionHistory.map(v => [md(v.version), v.date ?? '', md(v.author ?? ''), md((v.changes ?? []).join('; '))]),
      ),
      '',
    );
  }

  if (input.scorecards?.length) {
    add('## Readiness', '');
    for (const card of input.scorecards) {
      add(`- **${md(card.title)}**: ${card.score === null ? 'not applicable' : `${card.score}% (${card.level})`}`);
      for (const result of card.results.filter(r => r.status === 'fail')) add(`  - Failing: ${md(result.title)} — ${md(result.howToFix)}`);
    }
    add('');
  }

  if (input.issues?.length) {
    add('## Open validation issues', '');
    for (const issue of input.issues) add(`- ${issue.severity}: \`${issue.path}\` ${md(issue.message)}`);
    add('');
  }

  if (input.generatedAt) add(`_Generated by OpsKit from the catalog on ${input.generatedAt}._`, '');
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** Escapes what would turn text into Markdown structure (tables, links, emphasis, HTML). */
function md(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, ch => `\\${ch}`).replace(/\r?\n/g, ' ');
}

/** Only safe URLs become links; anything else stays visible as text. */
function link(label: string, url: string): string {
  if (isSafeUrl(url)) return `[${md(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
  return label === url ? '(unsafe URL removed)' : md(label);
}

/** Cells arrive formatted (escaped by `md`, or links); only a pipe would break the row. */
function table(head: string[], rows: string[][]): string[] {
  const cell = (value: string) => value.replace(/\|/g, '\\|');
  return [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map(row => `| ${row.map(cell).join(' | ')} |`)];
}
