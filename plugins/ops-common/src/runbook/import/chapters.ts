/**
 * The runbook's chapters, found by their headings: numbered or not
 * (`## 2. Environments`), at any level, in any case, under the names teams
 * give them ("Alerting", "On-call", "Backups", "Changelog").
 */

/** What a heading introduces. Containers (`deployment`, `monitoring`, …) hold sub-chapters or data. */
export type ChapterKind =
  | 'environments'
  | 'deployment'
  | 'deployment.process'
  | 'deployment.checklist'
  | 'deployment.rollback'
  | 'slos'
  | 'monitoring'
  | 'monitoring.tools'
  | 'monitoring.dashboards'
  | 'logging'
  | 'logging.levels'
  | 'logging.format'
  | 'incident'
  | 'incident.severities'
  | 'incident.escalation'
  | 'backups'
  | 'backups-and-recovery'
  | 'recovery'
  | 'versionHistory'
  | 'notes'
  /** A chapter OpsKit writes from live data (readiness, open issues): read back as nothing. */
  | 'generated'
  /** Prose about the document itself (purpose, overview): kept as a note, not reported. */
  | 'prose';

/** `## 3.2. Deployment Process` → `deployment process`. */
export function headingWords(title: string): string {
  return title
    .toLowerCase()
    .replace(/^\s*(chapter\s+)?[0-9ivx]+(\.[0-9]+)*[.):]?\s+/i, '')
    .replace(/[&/+]/g, ' and ')
    .replace(/[^a-z0-9:' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const RULES: [RegExp, ChapterKind][] = [
  [/^(readiness|open validation issues)$/, 'generated'],
  [/^notes?$/, 'notes'],
  [
    /\b(version|revision|document) history\b|\bchange ?log\b|^history$/,
    'versionHistory',
  ],
  [/checklist|pre-?deploy(ment)? checks?/, 'deployment.checklist'],
  [/roll ?back|revert/, 'deployment.rollback'],
  [
    /\bdeploy(ment|ing)? (process|steps|procedure|pipeline)|how to deploy|release process|^process$/,
    'deployment.process',
  ],
  [/^to [a-z0-9-]+$/, 'deployment.process'],
  [/\bdeploy|\breleas/, 'deployment'],
  [/\benvironments?\b|\bstages\b/, 'environments'],
  [/severit|priorit/, 'incident.severities'],
  [/escalat|on-? ?call|paging|pager/, 'incident.escalation'],
  [/incident|outage|emergenc/, 'incident'],
  [/backup.*recover|recover.*backup|\bbackup.*restor/, 'backups-and-recovery'],
  [/backup/, 'backups'],
  [/recover|restor|disaster/, 'recovery'],
  [/log levels?|levels?$/, 'logging.levels'],
  [/log (format|structure|fields|schema)|^format$/, 'logging.format'],
  [/\blog(s|ging)?\b/, 'logging'],
  [/\bdashboards?\b/, 'monitoring.dashboards'],
  [/\b(monitoring )?tool(s|ing)?\b/, 'monitoring.tools'],
  [
    /metric|\bslos?\b|\bslis?\b|service level|objectives|\bslas?\b|\bkpis?\b|targets/,
    'slos',
  ],
  [/monitor|observab|alert/, 'monitoring'],
  [/purpose|overview|introduction|about|scope|summary|audience/, 'prose'],
];

/** The chapter a heading introduces, or undefined for one OpsKit does not know. */
export function chapterOf(title: string): ChapterKind | undefined {
  const words = headingWords(title);
  for (const [pattern, kind] of RULES) if (pattern.test(words)) return kind;
  return undefined;
}
