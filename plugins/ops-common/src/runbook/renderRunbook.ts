import type { OpsProfile } from '../descriptor/types';
import type { ScorecardResult } from '../scoring/types';
import type { OpsIssue } from '../validation/issues';
import { isSafeUrl } from '../validation/urls';
import { describeAlert, describeThreshold } from '../validation/sloRules';
import { ownEntry } from '../lookupTable';

/** @public */
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
/**
 * The chapters of a runbook, in the order an on-call engineer reads them.
 *
 * @public
 */
export const RUNBOOK_CHAPTERS = [
  'summary',
  'environments',
  'deployment',
  'slos',
  'monitoring',
  'logging',
  'incidents',
  'backups',
  'recovery',
  'notes',
  'versionHistory',
  'readiness',
  'issues',
] as const;
/** @public */
export type RunbookChapter = (typeof RUNBOOK_CHAPTERS)[number];

/** What each chapter asks for when the data is missing: the TODO the reader sees. */
const TODO: Partial<Record<RunbookChapter, [string, string]>> = {
  environments: [
    'Environments',
    'List the environments (name, purpose, URL) under `environments` in ops.yaml.',
  ],
  deployment: [
    'Deployment',
    'Describe the deployment process per environment, the rollback and the checklist under `deployment`.',
  ],
  slos: [
    'Service level objectives',
    'Define SLOs with an objective and an alert threshold under `slos`.',
  ],
  monitoring: [
    'Monitoring',
    'Name the monitoring tools and dashboards under `monitoring`.',
  ],
  logging: ['Logging', 'State log levels, format and fields under `logging`.'],
  incidents: [
    'Incidents',
    'Define severities with response times and the escalation path under `incident`.',
  ],
  backups: [
    'Backups',
    'List what is backed up, how often and for how long under `backups`.',
  ],
  recovery: [
    'Recovery',
    'Write the recovery procedure and when it was last tested under `recovery`.',
  ],
  versionHistory: [
    'Version history',
    'Record releases under `versionHistory`.',
  ],
};

/** @public */
export interface RenderRunbookOptions {
  /** Mark missing chapters with a visible TODO instead of leaving them out (default true). */
  todos?: boolean;
  /**
   * The organisation's own layout: Markdown with `{{ chapter }}` placeholders
   * (`{{ title }}` and the ids of RUNBOOK_CHAPTERS). Unknown placeholders are an error.
   */
  template?: string;
}

type ChapterWriter = (input: RunbookInput) => string[];
const CHAPTERS: Record<RunbookChapter, ChapterWriter> = {
  summary({ profile }) {
    const facts = [
      ['Entity', `\`${profile.entityRef}\``],
      ['Owner', profile.owner ? `\`${profile.owner}\`` : undefined],
      ['System', profile.system ? `\`${profile.system}\`` : undefined],
      ['Lifecycle', profile.lifecycle && md(profile.lifecycle)],
      [
        'Tier',
        profile.tier ?? `${profile.effectiveTier} (not declared; org default)`,
      ],
      [
        'Published runbook',
        profile.runbook ? link(profile.runbook, profile.runbook) : undefined,
      ],
    ].filter((row): row is [string, string] => Boolean(row[1]));
    return table(['', ''], facts);
  },

  environments({ profile }) {
    if (!profile.environments?.length) return [];
    return [
      '## Environments',
      '',
      ...table(
        ['Name', 'Purpose', 'URL'],
        profile.environments.map(e => [
          md(e.name),
          md(e.purpose ?? ''),
          e.url ? link(e.url, e.url) : '',
        ]),
      ),
    ];
  },

  deployment({ profile }) {
    const deployment = profile.deployment;
    if (!deployment) return [];
    const out = ['## Deployment', ''];
    for (const proc of deployment.process ?? []) {
      out.push(
        `### ${proc.environment ? `To ${md(proc.environment)}` : 'Process'}`,
        '',
      );
      proc.steps.forEach((step, i) => out.push(`${i + 1}. ${md(step)}`));
      // Commands are code: fenced, never escaped, and a fence inside them cannot close the block.
      if (proc.commands?.length)
        out.push(
          '',
          '````sh',
          ...proc.commands.map(c => c.replace(/`{4,}/g, '```')),
          '````',
        );
      out.push('');
    }
    if (deployment.rollback) {
      out.push(
        `### Rollback${deployment.rollback.automated ? ' (automated)' : ''}`,
        '',
      );
      deployment.rollback.steps.forEach((step, i) =>
        out.push(`${i + 1}. ${md(step)}`),
      );
      out.push('');
    }
    if (deployment.checklist?.length) {
      out.push('### Checklist', '');
      for (const item of deployment.checklist)
        out.push(
          `- [ ] ${md(item.title)}${item.required ? '' : ' (optional)'} \`${
            item.id
          }\``,
        );
    }
    return out;
  },

  slos({ profile }) {
    if (!profile.slos?.length) return [];
    return [
      '## Service level objectives',
      '',
      ...table(
        ['SLO', 'Indicator', 'Unit', 'Objective', 'Alert', 'Window'],
        profile.slos.map(slo => [
          md(slo.name),
          slo.indicator,
          slo.unit,
          md(describeThreshold(slo.objective, slo.unit)),
          md(describeAlert(slo) ?? '—'),
          slo.window ?? '—',
        ]),
      ),
    ];
  },

  monitoring({ profile }) {
    const monitoring = profile.monitoring;
    if (!monitoring?.tools?.length && !monitoring?.dashboards?.length)
      return [];
    return [
      '## Monitoring',
      '',
      ...(monitoring.tools ?? []).map(
        tool =>
          `- ${tool.url ? link(tool.name, tool.url) : md(tool.name)} (${
            tool.purpose
          })`,
      ),
      ...(monitoring.dashboards ?? []).map(
        board =>
          `- Dashboard: ${link(board.name, board.url)}${
            board.environment ? ` (${md(board.environment)})` : ''
          }`,
      ),
    ];
  },

  logging({ profile }) {
    const logging = profile.logging;
    if (!logging) return [];
    return [
      '## Logging',
      '',
      ...(logging.levels?.length
        ? [`- Levels: ${logging.levels.map(md).join(', ')}`]
        : []),
      ...(logging.format ? [`- Format: ${logging.format}`] : []),
      ...(logging.fields?.length
        ? [
            `- Fields: ${logging.fields
              .map(f => `\`${f.replace(/`/g, '')}\``)
              .join(', ')}`,
          ]
        : []),
      ...(logging.retention ? [`- Retention: ${logging.retention}`] : []),
    ];
  },

  incidents(input) {
    const { profile } = input;
    if (!profile.severities?.length && !profile.escalation?.length) return [];
    const out = ['## Incidents', ''];
    if (profile.severities?.length) {
      out.push(
        ...table(
          ['Severity', 'Description', 'Response time'],
          profile.severities.map(s => [
            md(s.id),
            md(s.description ?? ''),
            s.responseTime,
          ]),
        ),
        '',
      );
    }
    if (profile.escalation?.length) {
      out.push('### Escalation path', '');
      profile.escalation.forEach((level, i) => {
        const targets = level.targets.map(t => {
          const ref = ownEntry(input.escalationTargets, t);
          return ref && ref !== t ? `${md(t)} (\`${ref}\`)` : md(t);
        });
        out.push(
          `${i + 1}. ${targets.join(', ') || 'no targets'}${
            level.after ? ` — after ${level.after} without acknowledgement` : ''
          }`,
        );
      });
    }
    return out;
  },

  backups({ profile }) {
    if (!profile.backups?.length) return [];
    return [
      '## Backups',
      '',
      ...table(
        ['Data', 'Schedule', 'Retention', 'RPO', 'RTO', 'Tool'],
        profile.backups.map(b => [
          md(b.data),
          md(b.schedule),
          b.retention,
          b.rpo ?? '—',
          b.rto ?? '—',
          md(b.tool ?? '—'),
        ]),
      ),
    ];
  },

  recovery({ profile }) {
    const recovery = profile.recovery;
    if (!recovery) return [];
    return [
      '## Recovery',
      '',
      recovery.lastTested
        ? `Last tested: ${recovery.lastTested}${
            recovery.rto ? ` · RTO ${recovery.rto}` : ''
          }`
        : '> **TODO:** Test the restore and record the date under `recovery.lastTested`.',
      '',
      ...(!recovery.lastTested && recovery.rto
        ? [`RTO ${recovery.rto}`, '']
        : []),
      ...(recovery.steps ?? []).map((step, i) => `${i + 1}. ${md(step)}`),
    ];
  },

  // Chapters of an imported runbook that OpsKit does not read: shown as the team wrote them.
  notes({ profile }) {
    if (!profile.notes?.length) return [];
    return profile.notes.flatMap(note => [
      `## ${md(note.title)}`,
      '',
      stripHtml(note.body),
      '',
    ]);
  },

  versionHistory({ profile }) {
    if (!profile.versionHistory?.length) return [];
    return [
      '## Version history',
      '',
      ...table(
        ['Version', 'Date', 'Author', 'Changes'],
        profile.versionHistory.map(v => [
          md(v.version),
          v.date ?? '',
          md(v.author ?? ''),
          md((v.changes ?? []).join('; ')),
        ]),
      ),
    ];
  },

  readiness({ scorecards }) {
    if (!scorecards?.length) return [];
    const out = ['## Readiness', ''];
    for (const card of scorecards) {
      out.push(
        `- **${md(card.title)}**: ${
          card.score === null
            ? 'not applicable'
            : `${card.score}% (${card.level})`
        }`,
      );
      for (const result of card.results.filter(r => r.status === 'fail'))
        out.push(`    - Failing: ${md(result.title)} — ${md(result.howToFix)}`);
    }
    return out;
  },

  issues({ issues }) {
    if (!issues?.length) return [];
    return [
      '## Open validation issues',
      '',
      ...issues.map(
        issue =>
          `- ${issue.severity}: \`${issue.path || '(whole value)'}\` ${md(
            issue.message,
          )}`,
      ),
    ];
  },
};

/**
 * The runbook as Markdown. Used by the Ops tab's download and by the
 * scaffolder, so the document a team starts with and the one they download
 * read alike. User text is escaped for Markdown and stripped of raw HTML.
 *
 * @public
 */
export function renderRunbook(
  input: RunbookInput,
  options: RenderRunbookOptions = {},
): string {
  const chapters = renderRunbookChapters(input, options);
  const title = `${md(
    input.title ?? input.profile.entityRef,
  )} — operations runbook`;
  let text: string;
  if (options.template !== undefined) {
    const known = new Set<string>(['title', ...RUNBOOK_CHAPTERS]);
    const unknown = [...options.template.matchAll(/\{\{\s*([^}\s]*)\s*\}\}/g)]
      .map(m => m[1])
      .filter(name => !known.has(name));
    if (unknown.length) {
      throw new Error(
        `the runbook template uses unknown placeholder(s) ${unknown
          .map(u => `{{ ${u} }}`)
          .join(', ')}; known: ${[...known].join(', ')}`,
      );
    }
    text = options.template.replace(
      /\{\{\s*([^}\s]*)\s*\}\}/g,
      (_, name: string) =>
        name === 'title' ? title : chapters[name as RunbookChapter],
    );
  } else {
    text = [`# ${title}`, ...RUNBOOK_CHAPTERS.map(id => chapters[id])]
      .filter(Boolean)
      .join('\n\n');
    if (input.generatedAt)
      text += `\n\n_Generated by OpsKit from the catalog on ${input.generatedAt}._`;
  }
  return `${text.replace(/\n{3,}/g, '\n\n').trim()}\n`;
}

/**
 * Each chapter's Markdown (empty when there is nothing to say and no TODO is wanted).
 *
 * @public
 */
export function renderRunbookChapters(
  input: RunbookInput,
  options: Pick<RenderRunbookOptions, 'todos'> = {},
): Record<RunbookChapter, string> {
  const todos = options.todos ?? true;
  const out = {} as Record<RunbookChapter, string>;
  for (const id of RUNBOOK_CHAPTERS) {
    const lines = CHAPTERS[id](input);
    const todo = TODO[id];
    if (lines.length) out[id] = lines.join('\n').trim();
    else
      out[id] = todos && todo ? `## ${todo[0]}\n\n> **TODO:** ${todo[1]}` : '';
  }
  return out;
}

/**
 * HTML elements, to tell markup (`<script>`, `<img …>`) from text in angle
 * brackets (`TAG=<previous>`), which is escaped and kept.
 */
const HTML_ELEMENTS = new Set(
  'a abbr address area article aside audio b base bdi bdo blockquote body br button canvas caption cite code col colgroup data datalist dd del details dfn dialog div dl dt em embed fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li link main map mark math meta meter nav noscript object ol optgroup option output p param picture pre progress q rp rt ruby s samp script section select slot small source span strong style sub summary sup svg table tbody td template textarea tfoot th thead time title tr track u ul var video wbr'.split(
    ' ',
  ),
);

/** Raw HTML out of kept Markdown: the note is shown as written, but never as markup. */
function stripHtml(markdown: string): string {
  return markdown.replace(
    /<\/?([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?\/?>/g,
    (tag, name: string) => (HTML_ELEMENTS.has(name.toLowerCase()) ? '' : tag),
  );
}

/** Strips raw HTML, then escapes what would turn text into Markdown structure (tables, links, emphasis). */
function md(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(
      /<\/?([a-zA-Z][a-zA-Z0-9-]*)(\s[^>]*)?\/?>/g,
      (tag, name: string) => (HTML_ELEMENTS.has(name.toLowerCase()) ? '' : tag),
    )
    .replace(/[\\`*_[\]<>]/g, ch => `\\${ch}`)
    .replace(/\r?\n/g, ' ');
}

/** Only safe URLs become links; anything else stays visible as text. */
function link(label: string, url: string): string {
  if (isSafeUrl(url))
    return `[${md(label)}](${url.replace(/[()\s]/g, encodeURIComponent)})`;
  return label === url ? '(unsafe URL removed)' : md(label);
}

/** Cells arrive formatted (escaped by `md`, or links); only a pipe would break the row. */
function table(head: string[], rows: string[][]): string[] {
  const cell = (value: string) => value.replace(/\|/g, '\\|');
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map(row => `| ${row.map(cell).join(' | ')} |`),
  ];
}
