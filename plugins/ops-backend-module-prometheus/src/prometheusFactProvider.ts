import {
  observeSlo,
  sloQueries,
  type FactInput,
} from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import type { PrometheusConfig } from './config';
import { instantQuery, PrometheusUnavailableError } from './instantQuery';

/** @public */
export const PROMETHEUS_PROVIDER_ID = 'prometheus';

/**
 * Measures each SLO that has a `query`, in each environment it applies to:
 * one instant query per (SLO, environment), with `$environment` and the like
 * filled in by ops-common. The fact holds the value and whether the objective
 * is met and the alert threshold crossed.
 *
 * @public
 */
export function prometheusFactProvider(
  config: PrometheusConfig,
): OpsFactProvider {
  return {
    id: PROMETHEUS_PROVIDER_ID,
    appliesTo: profile => (profile.slos ?? []).some(slo => slo.query),
    async collect({ profile, signal }) {
      const facts: FactInput[] = [];
      for (const query of sloQueries(profile)) {
        if (!query.query) {
          facts.push({ name: query.factName, value: null, error: query.error });
          continue;
        }
        const target = config.targets.get(query.environment) ?? config.fallback;
        if (!target) {
          facts.push({
            name: query.factName,
            value: null,
            error: `no Prometheus configured for environment "${query.environment}" (ops.prometheus.environments)`,
          });
          continue;
        }
        // Timed out (ops-backend aborted us): stop asking; the whole entity is then kept, marked stale.
        if (signal.aborted)
          throw new Error('aborted: the per-entity timeout ran out');
        try {
          const { value, time } = await instantQuery(
            target,
            query.query,
            signal,
          );
          facts.push({
            name: query.factName,
            value: { ...observeSlo(query, value) },
            observedAt: time,
          });
        } catch (error) {
          if (signal.aborted) throw error;
          if (error instanceof PrometheusUnavailableError)
            facts.push({ name: query.factName, unavailable: error.message });
          else
            facts.push({
              name: query.factName,
              value: null,
              error: (error as Error).message,
            });
        }
      }
      return facts;
    },
  };
}
