import {
  BATCH_PART_LABEL,
  backupQueries,
  batchedCountersQuery,
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
  type SliQuery,
  type FactValue,
} from '@opskit/plugin-ops-common';
import type { OpsFactProvider } from '@opskit/plugin-ops-node';
import type { PrometheusConfig, PrometheusTarget } from './config';
import { askInHalves } from './batchHalves';
import {
  groupedQuery,
  instantQuery,
  labelledQuery,
  loadedAlerts,
  PrometheusUnavailableError,
} from './instantQuery';

/** What one batched query returned: each entity's counters, by number. */
type BatchAnswer = Awaited<ReturnType<typeof groupedQuery>>;
/** A batched query and where each SLI's counters are in its answer. */
interface PreparedBatch {
  answer: Promise<BatchAnswer>;
  partOf: ReturnType<typeof batchedCountersQuery>['partOf'];
}

/** @public */
export const PROMETHEUS_PROVIDER_ID = 'prometheus';

/** Entities per batched SLI query: a page of the catalog, as ops-backend collects it. */
const DEFAULT_BATCH_SIZE = 500;
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
 * the burn-rate conditions that hold; an SLI that differs between entities
 * only in their own label (`service="$service"`) is asked once per page of
 * entities and environment (preparePage), `sum by (service)` (in halves
 * when Prometheus refuses it for its size), and only what that query did not
 * answer is asked per entity. Where the runbook declares alerts, the
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
  // The batched SLI answers (preparePage) by Prometheus, batch key and entity
  // value, of the page being collected and of the next one (ops-backend
  // prepares a page while it collects the one before).
  let batches = new Map<string, PreparedBatch>();
  let previousBatches = new Map<string, PreparedBatch>();
  // Built once per profile: preparePage and collect get the same profile object.
  const sliQueriesMemo = new WeakMap<object, SliQuery[]>();
  const sliQueriesOf = (profile: Parameters<typeof sliQueries>[0]) => {
    let queries = sliQueriesMemo.get(profile);
    if (!queries) sliQueriesMemo.set(profile, (queries = sliQueries(profile)));
    return queries;
  };
  // Per group of SLIs (below), the largest batch its Prometheus answered after refusing a larger one for its size: later pages start there (stored samples only grow, so it is kept until the backend restarts).
  const fitting = new Map<string, number>();
  const batchKey = (target: PrometheusTarget, sli: string, value: string) =>
    `${target.baseUrl}\n${sli}\n${value}`;
  return {
    id: PROMETHEUS_PROVIDER_ID,
    async preparePage(entities, { signal }) {
      // Entities from one template share a query: per Prometheus, environment, label and the SLIs an entity has there.
      const groups = new Map<
        string,
        {
          key: string;
          target: PrometheusTarget;
          label: string;
          slis: Map<string, SliQuery>;
          values: Set<string>;
        }
      >();
      for (const { profile } of entities) {
        const own = new Map<
          string,
          { target: PrometheusTarget; value: string; slis: SliQuery[] }
        >();
        for (const query of sliQueriesOf(profile)) {
          const target =
            config.targets.get(query.environment) ?? config.fallback;
          // `query.query` is not read here: a batched SLI builds it only if asked on its own.
          if (!query.batch || query.error !== undefined || !target) continue;
          const key = [
            target.baseUrl,
            query.environment,
            query.batch.label,
            query.batch.value,
          ].join('\n');
          const mine = own.get(key);
          if (mine) mine.slis.push(query);
          else
            own.set(key, { target, value: query.batch.value, slis: [query] });
        }
        for (const { target, value, slis } of own.values()) {
          const key = [
            target.baseUrl,
            slis[0].environment,
            slis[0].batch!.label,
            ...slis.map(q => q.batch!.key).sort(),
          ].join('\n');
          let group = groups.get(key);
          if (!group)
            groups.set(
              key,
              (group = {
                key,
                target,
                label: slis[0].batch!.label,
                slis: new Map(slis.map(q => [q.batch!.key, q])),
                values: new Set(),
              }),
            );
          group.values.add(value);
        }
      }
      const next = new Map<string, PreparedBatch>();
      for (const { key, target, label, slis, values } of groups.values()) {
        const counters = [...slis.values()].map(q => ({
          key: q.batch!.key,
          counters: q.batch!.counters(),
        }));
        // Where each SLI's counters are: the same in every batch of the group, whichever entities it holds.
        const { partOf } = batchedCountersQuery(counters, []);
        const size = Math.min(
          config.batchSize ?? DEFAULT_BATCH_SIZE,
          fitting.get(key) ?? Infinity,
        );
        const all = [...values];
        for (let start = 0; start < all.length; start += size) {
          const chunk = all.slice(start, start + size);
          // One entity alone gains nothing: it asks its own queries.
          if (chunk.length < 2) continue;
          const answers = askInHalves(
            chunk,
            part =>
              groupedQuery(
                target,
                batchedCountersQuery(counters, part).query,
                label,
                BATCH_PART_LABEL,
                signal,
              ),
            smaller =>
              fitting.set(key, Math.min(fitting.get(key) ?? Infinity, smaller)),
          );
          // Settled before collect reads it; a failure is collect's to handle, per entity.
          for (const [value, answer] of answers)
            for (const sli of slis.keys())
              next.set(batchKey(target, sli, value), { answer, partOf });
        }
      }
      previousBatches = batches;
      batches = next;
      await Promise.allSettled([...next.values()].map(b => b.answer));
    },
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
      /** An SLI's budget fact from its error ratio per window. */
      const budgetFact = (
        query: SliQuery,
        values: Record<string, number>,
        time: Date | undefined,
        bucket: HistogramBucket | undefined,
      ): FactInput => ({
        name: query.factName,
        value: {
          ...observeBudget(query, values, config.burnRateConditions, bucket),
        },
        ...(time ? { observedAt: time } : {}),
      });
      /**
       * The SLI's budget from its page's batched query, when there was one
       * and it has this entity's series; undefined to ask on its own (no
       * events, a histogram without a bucket at the threshold, a query
       * Prometheus refused). Prometheus unreachable: as from its own query.
       */
      const fromBatch = async (
        target: PrometheusTarget,
        query: SliQuery,
      ): Promise<FactInput | undefined> => {
        if (!query.batch) return undefined;
        const key = batchKey(target, query.batch.key, query.batch.value);
        const batch = batches.get(key) ?? previousBatches.get(key);
        if (!batch) return undefined;
        let answer: BatchAnswer;
        try {
          answer = await batch.answer;
        } catch (error) {
          if (error instanceof PrometheusUnavailableError) throw error;
          return undefined;
        }
        const counters = answer.values.get(query.batch.value);
        if (!counters) return undefined;
        const values = query.batch.ratios((window, part) => {
          const id = batch.partOf(query.batch!.key, window, part);
          return id === undefined ? undefined : counters.get(id);
        });
        if (Object.keys(values).length === 0) return undefined;
        return budgetFact(
          query,
          values,
          answer.time,
          // The batch counts the threshold's own bucket.
          query.histogram
            ? histogramBucket(query.histogram.thresholdMs, [
                String(query.histogram.thresholdMs / 1000),
              ])
            : undefined,
        );
      };
      for (const query of sloQueries(profile))
        await instant(query, value => ({ ...observeSlo(query, value) }));
      for (const query of sliQueriesOf(profile)) {
        if (query.error !== undefined) {
          facts.push({ name: query.factName, value: null, error: query.error });
          continue;
        }
        await measure(query.factName, query.environment, async target => {
          const batched = await fromBatch(target, query);
          if (batched) return batched;
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
          return budgetFact(query, values, time, bucket);
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
        ...sliQueriesOf(profile).map(q => q.environment),
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
