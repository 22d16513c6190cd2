import type { DeployedAlert } from '@opskit/plugin-ops-common';
import type { PrometheusTarget } from './config';

/**
 * Prometheus answered, and the query is wrong (syntax, no series, several series): stored as the fact's error.
 *
 * @public
 */
export class PrometheusQueryError extends Error {
  name = 'PrometheusQueryError';
}

/**
 * Prometheus could not be asked (down, timed out, refused our credentials): the old value is kept, marked stale.
 *
 * @public
 */
export class PrometheusUnavailableError extends Error {
  name = 'PrometheusUnavailableError';
}

/** @public */
export interface InstantValue {
  value: number;
  /** The sample's evaluation time, from Prometheus. */
  time: Date;
}

type Sample = [number, string];
interface QueryResponse {
  status?: string;
  errorType?: string;
  error?: string;
  data?: { resultType?: string; result?: unknown };
}

/** Asks one instant query; what Prometheus answered, or why it could not be asked. */
function queryData(
  target: PrometheusTarget,
  query: string,
  signal?: AbortSignal,
): Promise<NonNullable<QueryResponse['data']>> {
  return callApi(target, '/api/v1/query', { query }, signal) as Promise<
    NonNullable<QueryResponse['data']>
  >;
}

/**
 * One call of Prometheus's HTTP API (a POST with a form body when `form` is
 * given, else a GET); its `data`, or a query error or unavailability.
 */
async function callApi(
  target: PrometheusTarget,
  path: string,
  form: Record<string, string> | undefined,
  signal?: AbortSignal,
): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}${path}`, {
      method: form ? 'POST' : 'GET',
      headers: {
        ...target.headers,
        ...(form
          ? { 'Content-Type': 'application/x-www-form-urlencoded' }
          : {}),
        Accept: 'application/json',
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
      signal,
    });
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } })
      .cause;
    throw new PrometheusUnavailableError(
      `Prometheus at ${target.baseUrl} is unreachable: ${
        cause?.code ?? cause?.message ?? (error as Error).message
      }`,
    );
  }
  const text = await response.text().catch(() => '');
  let body: QueryResponse | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  // 400 (bad_data) and 422 (execution) are Prometheus rejecting the query itself.
  if (
    (response.status === 400 || response.status === 422) &&
    body?.status === 'error'
  ) {
    throw new PrometheusQueryError(
      `${body.errorType ?? 'error'}: ${body.error ?? 'rejected'}`,
    );
  }
  if (response.status === 401 || response.status === 403) {
    throw new PrometheusUnavailableError(
      `Prometheus at ${target.baseUrl} refused the credentials (${response.status}); check ops.prometheus's token or username`,
    );
  }
  if (!response.ok)
    throw new PrometheusUnavailableError(
      `Prometheus at ${target.baseUrl} answered ${response.status} ${response.statusText}`.trim(),
    );
  if (!body || body.status !== 'success' || !body.data) {
    throw new PrometheusUnavailableError(
      `${target.baseUrl}${path} did not answer like Prometheus (status ${response.status}); check baseUrl`,
    );
  }
  return body.data;
}

/**
 * Instant queries against Prometheus's HTTP API (`POST /api/v1/query`; a
 * form body, so long PromQL does not hit URL length limits). Also works with
 * Thanos, Mimir and VictoriaMetrics, which serve the same API.
 *
 * @public
 */
export async function instantQuery(
  target: PrometheusTarget,
  query: string,
  signal?: AbortSignal,
): Promise<InstantValue> {
  return sampleOf(await queryData(target, query, signal));
}

/**
 * One value per series, keyed by one of their labels: what one query over
 * several windows (each series labelled with its window) returns. A value
 * that is not a number (0/0 when a window saw no events) is NaN.
 *
 * @public
 */
export async function labelledQuery(
  target: PrometheusTarget,
  query: string,
  label: string,
  signal?: AbortSignal,
): Promise<{ values: Record<string, number>; time?: Date }> {
  const data = await queryData(target, query, signal);
  if (data.resultType !== 'vector')
    throw new PrometheusQueryError(
      `the query returned a ${data.resultType}, not series labelled by ${label}`,
    );
  const values: Record<string, number> = {};
  let time: Date | undefined;
  for (const series of (data.result ?? []) as {
    metric?: Record<string, string>;
    value?: Sample;
  }[]) {
    const key = series.metric?.[label];
    if (key === undefined || !Array.isArray(series.value)) continue;
    values[key] = Number(series.value[1]);
    time ??= new Date(Number(series.value[0]) * 1000);
  }
  return { values, ...(time ? { time } : {}) };
}

/**
 * Values grouped by one label and keyed by another: what a query for many
 * entities returns (`by` tells the entities apart, `within` their series).
 * As in labelledQuery, a value that is not a number is NaN.
 */
export async function groupedQuery(
  target: PrometheusTarget,
  query: string,
  by: string,
  within: string,
  signal?: AbortSignal,
): Promise<{ values: Map<string, Map<string, number>>; time?: Date }> {
  const data = await queryData(target, query, signal);
  if (data.resultType !== 'vector')
    throw new PrometheusQueryError(
      `the query returned a ${data.resultType}, not series labelled by ${by}`,
    );
  const values = new Map<string, Map<string, number>>();
  let time: Date | undefined;
  for (const series of (data.result ?? []) as {
    metric?: Record<string, string>;
    value?: Sample;
  }[]) {
    const group = series.metric?.[by];
    const key = series.metric?.[within];
    if (group === undefined || key === undefined) continue;
    if (!Array.isArray(series.value)) continue;
    let record = values.get(group);
    if (!record) values.set(group, (record = new Map()));
    record.set(key, Number(series.value[1]));
    time ??= new Date(Number(series.value[0]) * 1000);
  }
  return { values, ...(time ? { time } : {}) };
}

function sampleOf(data: NonNullable<QueryResponse['data']>): InstantValue {
  let sample: Sample | undefined;
  if (data.resultType === 'scalar') {
    sample = data.result as Sample;
  } else if (data.resultType === 'vector') {
    const series = (data.result ?? []) as {
      metric?: Record<string, string>;
      value?: Sample;
    }[];
    if (series.length === 0)
      throw new PrometheusQueryError(
        'the query returned no series (no data for this environment?)',
      );
    if (series.length > 1) {
      throw new PrometheusQueryError(
        `the query returned ${series.length} series; aggregate it to one value, e.g. with max() or sum()`,
      );
    }
    sample = series[0].value;
  } else {
    throw new PrometheusQueryError(
      `the query returned a ${data.resultType}; an SLO query must return one value (an instant vector of one series, or a scalar)`,
    );
  }
  const value = Number(sample?.[1]);
  if (!Array.isArray(sample) || !Number.isFinite(value))
    throw new PrometheusQueryError(
      `the query's value is ${sample?.[1] ?? 'missing'}, not a number`,
    );
  return { value, time: new Date(Number(sample[0]) * 1000) };
}

/**
 * The alerting rules loaded in Prometheus (`GET /api/v1/rules?type=alert`),
 * with their state and how many of their alerts fire.
 *
 * @public
 */
export async function loadedAlerts(
  target: PrometheusTarget,
  signal?: AbortSignal,
): Promise<DeployedAlert[]> {
  const data = (await callApi(
    target,
    '/api/v1/rules?type=alert',
    undefined,
    signal,
  )) as {
    groups?: Array<{
      rules?: Array<{
        type?: string;
        name?: string;
        query?: string;
        labels?: Record<string, string>;
        state?: string;
        alerts?: Array<{ state?: string }>;
      }>;
    }>;
  };
  return (data.groups ?? []).flatMap(group =>
    (group.rules ?? [])
      .filter(rule => rule.type === 'alerting' && rule.name)
      .map(rule => ({
        name: rule.name!,
        labels: rule.labels ?? {},
        expr: rule.query ?? '',
        state: rule.state ?? 'inactive',
        firing: (rule.alerts ?? []).filter(a => a.state === 'firing').length,
      })),
  );
}
