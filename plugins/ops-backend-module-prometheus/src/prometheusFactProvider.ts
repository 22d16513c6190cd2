import {
  backupQueries,
  entityAlerts,
  observeBackup,
  histogramBucket,
  observeBudget,
  type HistogramBucket,
  rulesFactName,
  observeSlo,
  sliQueries,
  sloQueries,
  WINDOW_LABEL,
  type DeployedAlert,
  type FactInput,
  type FactValue,
} from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import type { PrometheusConfig, PrometheusTarget } from './config';
import {
  instantQuery,
  labelledQuery,
  loadedAlerts,
  PrometheusUnavailableError,
} from './instantQuery';

/** @public */
export const PROMETHEUS_PROVIDER_ID = 'prometheus';

/** How long the rules read from one Prometheus serve the entities collected after. */
const RULES_TTL_MS = 30_000;
/** How long reading the rules may take. */
const RULES_TIMEOUT_MS = 10_000;

/**
 * Measures each SLO that has a `query`, in each environment it applies to:
 * one instant query per (SLO, environment), with `$environment` and the like
 * filled in by ops-common. The fact holds the value and whether the objective
 * is met and the alert threshold crossed. Each SLO with an `sli` is measured
 * with one more query per environment, over all its windows at once: the
 * `budget/<environment>/<slo>` fact holds the budget left, the burn rates and
 * the burn-rate conditions that hold. Where the runbook declares alerts, the
 * alerting rules loaded there that belong to the entity are stored as
 * `rules/<environment>` (drift, and what fires now). Each backup with a
 * `freshness` query is asked in production: `backup/<data>` holds the age of
 * its last success.
 *
 * @public
 */
export function prometheusFactProvider(
  config: PrometheusConfig,
): OpsFactProvider {
  // Every entity's collection reads the same rule list: asked once per Prometheus every 30 s.
  const rules = new Map<
    string,
    { at: number; alerts: Promise<DeployedAlert[]> }
  >();
  // Shared by the entities collected meanwhile: its own timeout, not one entity's signal (an entity timing out must not fail the others' read).
  const alertsOf = (target: PrometheusTarget) => {
    const key = target.baseUrl;
    const kept = rules.get(key);
    if (kept && Date.now() - kept.at < RULES_TTL_MS) return kept.alerts;
    const alerts = loadedAlerts(target, AbortSignal.timeout(RULES_TIMEOUT_MS));
    rules.set(key, { at: Date.now(), alerts });
    alerts.catch(() => {
      if (rules.get(key)?.alerts === alerts) rules.delete(key);
    });
    return alerts;
  };
  return {
    id: PROMETHEUS_PROVIDER_ID,
    appliesTo: profile =>
      (profile.slos ?? []).some(slo => slo.query || slo.sli) ||
      (profile.backups ?? []).some(backup => backup.freshness),
    async collect({ profile, signal }) {
      const facts: FactInput[] = [];
      /** One fact from one query in one environment's Prometheus; a source that is down keeps the old value. */
      const measure = async (
        name: string,
        environment: string,
        ask: (target: PrometheusTarget) => Promise<FactInput>,
      ) => {
        const target = config.targets.get(environment) ?? config.fallback;
        if (!target) {
          facts.push({
            name,
            value: null,
            error: `no Prometheus configured for environment "${environment}" (ops.prometheus.environments)`,
          });
          return;
        }
        // Timed out (ops-backend aborted us): stop asking; the whole entity is then kept, marked stale.
        if (signal.aborted)
          throw new Error('aborted: the per-entity timeout ran out');
        try {
          facts.push(await ask(target));
        } catch (error) {
          if (signal.aborted) throw error;
          if (error instanceof PrometheusUnavailableError)
            facts.push({ name, unavailable: error.message });
          else
            facts.push({ name, value: null, error: (error as Error).message });
        }
      };
      /** One instant query's value, as the fact `toValue` makes of it; a query that could not be written is its error. */
      const instant = async (
        query: {
          factName: string;
          environment: string;
          query?: string;
          error?: string;
        },
        toValue: (value: number, time: Date) => FactValue,
      ) => {
        if (!query.query) {
          facts.push({ name: query.factName, value: null, error: query.error });
          return;
        }
        await measure(query.factName, query.environment, async target => {
          const { value, time } = await instantQuery(
            target,
            query.query!,
            signal,
          );
          return {
            name: query.factName,
            value: toValue(value, time),
            observedAt: time,
          };
        });
      };
      for (const query of sloQueries(profile))
        await instant(query, value => ({ ...observeSlo(query, value) }));
      for (const query of sliQueries(profile)) {
        if (!query.query) {
          facts.push({ name: query.factName, value: null, error: query.error });
          continue;
        }
        await measure(query.factName, query.environment, async target => {
          // A histogram's buckets first: without one at the threshold, the nearest is counted, and said.
          let bucket: HistogramBucket | undefined;
          let asked = query.query!;
          if (query.histogram) {
            const { values: les } = await labelledQuery(
              target,
              query.histogram.bucketsQuery,
              'le',
              signal,
            );
            bucket = histogramBucket(
              query.histogram.thresholdMs,
              Object.keys(les),
            );
            if (bucket && bucket.offBy > 0)
              asked = query.histogram.queryFor(bucket.le * 1000);
          }
          const { values, time } = await labelledQuery(
            target,
            asked,
            WINDOW_LABEL,
            signal,
          );
          return {
            name: query.factName,
            value: {
              ...observeBudget(
                query,
                values,
                config.burnRateConditions,
                bucket,
              ),
            },
            ...(time ? { observedAt: time } : {}),
          };
        });
      }
      // Backups: the age of each one's last success, from production's Prometheus.
      for (const query of backupQueries(profile))
        await instant(query, (value, time) => ({
          ...observeBackup(query, value, time),
        }));
      // The alerting rules loaded where the runbook declares alerts: drift, and what fires now.
      const environments = new Set([
        ...sloQueries(profile)
          .filter(q => q.query && q.slo.alert)
          .map(q => q.environment),
        ...sliQueries(profile).map(q => q.environment),
      ]);
      for (const environment of environments) {
        const name = rulesFactName(environment);
        await measure(name, environment, async target => ({
          name,
          value: {
            alerts: entityAlerts(
              profile,
              environment,
              await alertsOf(target),
            ).map(alert => ({ ...alert })),
          },
        }));
      }
      return facts;
    },
  };
}
