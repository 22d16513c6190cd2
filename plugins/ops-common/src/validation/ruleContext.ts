import type { OpsSections } from '../descriptor/types';
import { remapPath, type IndexMaps } from '../descriptor/parseSection';
import { joinPath, type OpsIssue } from './issues';

/**
 * A section a validation rule reports on: an ops section or the runbook link.
 *
 * @public
 */
export type RuleSection = keyof OpsSections | 'runbook';

/** What each rule needs: where a section came from, and "now" (passed in, so rules stay pure). */
export class RuleContext {
  readonly issues: OpsIssue[] = [];

  constructor(
    readonly now: number,
    private readonly locate: (section: RuleSection) => {
      prefix: string;
      source?: string;
      indexMaps?: IndexMaps;
    },
  ) {}

  report(
    section: RuleSection,
    rest: string,
    severity: OpsIssue['severity'],
    message: string,
  ) {
    const { prefix, source, indexMaps } = this.locate(section);
    this.issues.push({
      path: joinPath(prefix, remapPath(rest, indexMaps)),
      severity,
      message,
      ...(source ? { source } : {}),
    });
  }

  error(section: RuleSection, rest: string, message: string) {
    this.report(section, rest, 'error', message);
  }

  warn(section: RuleSection, rest: string, message: string) {
    this.report(section, rest, 'warning', message);
  }
}
