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
  let response: Response;
  try {
    response = await fetch(`${target.baseUrl}/api/v1/query`, {
      method: 'POST',
      headers: {
        ...target.headers,
        'Content-Type': 'application/x-www-form-urlencoded',
        Accept: 'application/json',
      },
      body: new URLSearchParams({ query }).toString(),
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
      `${target.baseUrl}/api/v1/query did not answer like Prometheus (status ${response.status}); check baseUrl`,
    );
  }
  return sampleOf(body.data);
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
