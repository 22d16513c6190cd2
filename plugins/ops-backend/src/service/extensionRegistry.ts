import {
  BUILT_IN_CHECKS,
  BUILT_IN_SCORECARDS,
  type CustomCheckDefinition,
  type OpsCheck,
  type ScoringConfig,
} from '@opskit/plugin-ops-common';
import type {
  OpsExtensionPoint,
  OpsFactProvider,
} from '@opskit/plugin-ops-node';
import { opsCheckSet, type OpsCheckSet } from './checkSet';

const SLUG = /^[a-z0-9][a-z0-9._-]*$/;

/**
 * What modules add to ops-backend through the extension point: checks (the
 * built-in ones are registered through the same path) and fact providers. A
 * bad one stops the backend at start with a message naming it, rather than
 * scoring every entity wrong.
 */
export class OpsExtensions implements OpsExtensionPoint {
  private readonly checks: OpsCheck[] = [];
  private readonly providers: OpsFactProvider[] = [];
  private builtIns = 0;

  constructor() {
    this.addChecks(...BUILT_IN_CHECKS);
    this.builtIns = this.checks.length;
  }

  addChecks(...checks: OpsCheck[]) {
    const scorecards = BUILT_IN_SCORECARDS.map(card => card.id);
    for (const check of checks) {
      if (!check || typeof check.id !== 'string' || !SLUG.test(check.id)) {
        throw new Error(
          `ops check ${JSON.stringify(
            check?.id,
          )}: the id must be a lower-case slug such as "security-review"`,
        );
      }
      if (this.checks.some(existing => existing.id === check.id))
        throw new Error(`ops check "${check.id}" is registered twice`);
      if (!scorecards.includes(check.scorecard)) {
        throw new Error(
          `ops check "${check.id}": scorecard "${
            check.scorecard
          }" does not exist; use one of ${scorecards.join(', ')}`,
        );
      }
      if (typeof check.evaluate !== 'function')
        throw new Error(`ops check "${check.id}" has no evaluate function`);
      this.checks.push(check);
    }
  }

  addFactProviders(...providers: OpsFactProvider[]) {
    for (const provider of providers) {
      if (
        !provider ||
        typeof provider.id !== 'string' ||
        !SLUG.test(provider.id) ||
        provider.id.length > 64
      ) {
        throw new Error(
          `ops fact provider ${JSON.stringify(
            provider?.id,
          )}: the id must be a lower-case slug of at most 64 characters such as "prometheus"`,
        );
      }
      if (this.providers.some(existing => existing.id === provider.id))
        throw new Error(
          `ops fact provider "${provider.id}" is registered twice`,
        );
      if (typeof provider.collect !== 'function')
        throw new Error(
          `ops fact provider "${provider.id}" has no collect function`,
        );
      this.providers.push(provider);
    }
  }

  factProviders(): OpsFactProvider[] {
    return [...this.providers];
  }

  /**
   * Every registered check under the scoring config. Built-in checks can be
   * scored in worker threads; with module checks (functions in this process)
   * the set is `inlineOnly`: scored in the main thread. Custom checks
   * (`ops.checks.custom`) are data and do not change that.
   */
  checkSet(
    scoring: ScoringConfig,
    custom: readonly CustomCheckDefinition[] = [],
  ): OpsCheckSet {
    return opsCheckSet(this.checks, scoring, {
      inlineOnly: this.checks.length > this.builtIns,
      custom,
    });
  }
}
