import type { Config } from '@backstage/config';
import {
  readBurnRateConditions,
  type BurnRateCondition,
} from '@opskit/plugin-ops-common';

/**
 * One environment's Prometheus: where to send instant queries and how to authenticate.
 *
 * @public
 */
export interface PrometheusTarget {
  baseUrl: string;
  headers: Record<string, string>;
}

/** @public */
export interface PrometheusConfig {
  targets: Map<string, PrometheusTarget>;
  fallback?: PrometheusTarget;
  /** The conditions budgets are judged by (ops-common's defaults when not configured). */
  burnRateConditions?: BurnRateCondition[];
  /** Entities measured by one batched SLI query (default 500; 1: each on its own). */
  batchSize?: number;
}

function readTarget(config: Config, key: string): PrometheusTarget {
  const baseUrl = config.getString('baseUrl').replace(/\/+$/, '');
  let parsed: URL;
  try {
    parsed = new URL(baseUrl);
  } catch {
    throw new Error(
      `${key}.baseUrl: "${baseUrl}" is not a URL; use e.g. https://prometheus.example.com`,
    );
  }
  if (!['http:', 'https:'].includes(parsed.protocol))
    throw new Error(
      `${key}.baseUrl: must be http or https, got ${parsed.protocol}`,
    );
  const headers: Record<string, string> = {};
  const extra = config.getOptionalConfig('headers');
  for (const name of extra?.keys() ?? [])
    headers[name] = extra!.getString(name);
  const token = config.getOptionalString('token');
  const username = config.getOptionalString('username');
  if (token && username)
    throw new Error(`${key}: set either token or username/password, not both`);
  if (token) headers.Authorization = `Bearer ${token}`;
  if (username)
    headers.Authorization = `Basic ${Buffer.from(
      `${username}:${config.getOptionalString('password') ?? ''}`,
    ).toString('base64')}`;
  return { baseUrl, headers };
}

/**
 * Reads `ops.prometheus`; undefined when it is absent (the module then adds no provider).
 *
 * @public
 */
export function readPrometheusConfig(
  config: Config,
): PrometheusConfig | undefined {
  const root = config.getOptionalConfig('ops.prometheus');
  if (!root) return undefined;
  const targets = new Map<string, PrometheusTarget>();
  const environments = root.getOptionalConfig('environments');
  for (const name of environments?.keys() ?? [])
    targets.set(
      name,
      readTarget(
        environments!.getConfig(name),
        `ops.prometheus.environments.${name}`,
      ),
    );
  const fallback = root.has('default')
    ? readTarget(root.getConfig('default'), 'ops.prometheus.default')
    : undefined;
  if (targets.size === 0 && !fallback)
    throw new Error(
      'ops.prometheus: configure `default` or at least one entry under `environments`',
    );
  let burnRateConditions: BurnRateCondition[] | undefined;
  if (root.has('burnRates')) {
    const read = readBurnRateConditions(
      root.get('burnRates'),
      'ops.prometheus.burnRates',
    );
    if ('error' in read) throw new Error(read.error);
    burnRateConditions = read.conditions;
  }
  const batchSize = root.getOptionalNumber('batchSize');
  if (
    batchSize !== undefined &&
    (!Number.isInteger(batchSize) || batchSize < 1)
  )
    throw new Error(
      `ops.prometheus.batchSize: must be a whole number of at least 1, got ${batchSize}`,
    );
  return {
    targets,
    fallback,
    ...(burnRateConditions ? { burnRateConditions } : {}),
    ...(batchSize !== undefined ? { batchSize } : {}),
  };
}
