import { BUILT_IN_CHECKS, BUILT_IN_SCORECARDS, type OpsCheck } from '@opskit/plugin-ops-common';
import type { OpsChecksExtensionPoint } from '@opskit/plugin-ops-node';

/**
 * The checks ops-backend scores with: the built-in ones, registered through
 * the same extension point modules use, plus the modules' own. A bad check
 * stops the backend at start with a message naming it, rather than scoring
 * every entity wrong.
 */
export class CheckRegistry implements OpsChecksExtensionPoint {
  private readonly checks: OpsCheck[] = [];
  private builtIns = 0;

  constructor() {
    this.addChecks(...BUILT_IN_CHECKS);
    this.builtIns = this.checks.length;
  }

  addChecks(...checks: OpsCheck[]) {
    const scorecards = BUILT_IN_SCORECARDS.map(card => card.id);
    for (const check of checks) {
      if (!check || typeof check.id !== 'string' || !/^[a-z0-9][a-z0-9._-]*$/.test(check.id)) {
        throw new Error(`ops check ${JSON.stringify(check?.id)}: the id must be a lower-case slug such as "security-review"`);
      }
      if (this.checks.some(existing => existing.id === check.id)) throw new Error(`ops check "${check.id}" is registered twice`);
      if (!scorecards.includes(check.scorecard)) {
        throw new Error(`ops check "${check.id}": scorecard "${check.scorecard}" does not exist; use one of ${scorecards.join(', ')}`);
      }
      if (typeof check.evaluate !== 'function') throw new Error(`ops check "${check.id}" has no evaluate function`);
      this.checks.push(check);
    }
  }

  /**
   * Every check, or undefined when only the built-in ones are registered:
   * built-in checks can be scored in worker threads, module checks (functions
   * in this process) are scored in the main thread.
   */
  withModuleChecks(): OpsCheck[] | undefined {
    return this.checks.length > this.builtIns ? [...this.checks] : undefined;
  }
}
