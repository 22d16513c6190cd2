import type { Slo } from '../descriptor/types';
import type { OpenSloIndex } from './openSloIndex';
import { promQlQueryShape } from './promqlQuery';
import { at, isObject, type Reporter } from './reporter';
import { PROMQL_SOURCE_TYPES } from './vocabulary';

/**
 * How an OpenSLO SLI becomes what OpsKit measures: a budgetable `sli`
 * (counter selectors), an instant `query` (a value compared with the
 * objective), or nothing (a source OpsKit cannot query). The rule for
 * queries is in promqlQuery.ts.
 */
export interface MappedIndicator {
  metric: 'ratio' | 'threshold';
  sli?: NonNullable<Slo['sli']>;
  /** An instant value: a percentage for ratios, the metric itself for thresholds. */
  query?: string;
}

interface Source {
  path: string;
  query?: string;
}

/** The PromQL of one metric, or undefined after a warning saying why there is none. */
function promQl(
  r: Reporter,
  path: string,
  metric: unknown,
  index: OpenSloIndex,
): Source | undefined {
  const sourcePath = at(path, 'metricSource');
  const source =
    isObject(metric) && isObject(metric.metricSource)
      ? metric.metricSource
      : undefined;
  if (!source) return undefined;
  const dataSource = index.get('DataSource', source.metricSourceRef)?.value;
  let type: string | undefined;
  if (typeof source.type === 'string') type = source.type;
  else if (
    isObject(dataSource?.spec) &&
    typeof dataSource.spec.type === 'string'
  )
    type = dataSource.spec.type;
  const known: readonly string[] = PROMQL_SOURCE_TYPES;
  if (!type || !known.includes(type.toLowerCase())) {
    r.warn(
      sourcePath,
      `${
        type ? `type ${type}` : 'a source without a type'
      } is not one OpsKit queries (it reads PromQL: ${PROMQL_SOURCE_TYPES.join(
        ', ',
      )}); the SLO is listed without a measurement`,
    );
    return undefined;
  }
  const spec = isObject(source.spec) ? source.spec : {};
  // `query`, as the specification's examples write it; `promql` as some exporters do.
  const query = [spec.query, spec.promql].find(
    (q): q is string => typeof q === 'string',
  );
  if (!query?.trim()) {
    r.warn(
      at(sourcePath, 'spec'),
      'has no query (spec.query holds the PromQL); the SLO is listed without a measurement',
    );
    return undefined;
  }
  return { path: at(sourcePath, 'spec.query'), query: query.trim() };
}

function mapRatio(
  r: Reporter,
  path: string,
  ratio: Record<string, unknown>,
  index: OpenSloIndex,
): MappedIndicator {
  const mapped: MappedIndicator = { metric: 'ratio' };
  if (ratio.raw !== undefined) {
    const raw = promQl(r, at(path, 'raw'), ratio.raw, index);
    if (!raw) return mapped;
    r.warn(
      at(path, 'raw'),
      'a precomputed ratio is read as the current value (query) compared with the target: OpsKit cannot count its events, so no error budget or burn-rate alerts come from it',
    );
    mapped.query =
      ratio.rawType === 'failure'
        ? `100 * (1 - (${raw.query}))`
        : `100 * (${raw.query})`;
    return mapped;
  }
  const numeratorKey = ratio.good !== undefined ? 'good' : 'bad';
  const numerator = promQl(
    r,
    at(path, numeratorKey),
    ratio[numeratorKey],
    index,
  );
  // One source OpsKit cannot query is enough to say so: the other is not looked at.
  const total = numerator && promQl(r, at(path, 'total'), ratio.total, index);
  if (!numerator?.query || !total?.query) return mapped;
  const shapes = [numerator, total].map(s => ({
    ...s,
    ...promQlQueryShape(s.query!),
  }));
  const gauge = ratio.counter === false;
  const share =
    numeratorKey === 'good'
      ? `100 * (${numerator.query}) / (${total.query})`
      : `100 * (1 - (${numerator.query}) / (${total.query}))`;
  if (!gauge && shapes.every(s => s.shape === 'selector')) {
    const selectors = shapes.map(s => (s as { selector: string }).selector);
    mapped.sli =
      numeratorKey === 'good'
        ? { good: selectors[0], total: selectors[1] }
        : { bad: selectors[0], total: selectors[1] };
    return mapped;
  }
  if (gauge || shapes.every(s => s.shape === 'windowed')) {
    const at0 = shapes.find(s => s.shape === 'windowed') ?? shapes[0];
    r.warn(
      at0.path,
      gauge
        ? 'counter: false: these are gauges, which OpsKit cannot count over a window; the ratio is read as the current share (query) compared with the target, and no error budget or burn-rate alerts come from it'
        : `already holds a range ([5m]) or a rate: OpsKit cannot count it again over the SLO's window, so no error budget or burn-rate alerts come from it; it is read as the current share (query). To budget it, write each query as the counter alone, e.g. ${
            /[a-zA-Z_:][a-zA-Z0-9_:]*\{[^}]*\}/.exec(at0.query!)?.[0] ??
            'http_requests_total{code!~"5.."}'
          }`,
    );
    mapped.query = share;
    return mapped;
  }
  const odd =
    shapes.find(s => s.shape === 'expression') ??
    shapes.find(s => s.shape === 'windowed')!;
  r.warn(
    odd.path,
    odd.shape === 'expression'
      ? 'is an expression OpsKit does not take apart (it counts a selector, bare or in one sum()); the SLO is listed without a measurement: write the counter alone, e.g. http_requests_total{code!~"5.."}'
      : 'mixes a windowed query with a bare counter; write both as counters (OpsKit windows them) or both with the same range; the SLO is listed without a measurement',
  );
  return mapped;
}

/** Maps an SLI spec (inline or referenced) at `path`, warning about what OpsKit cannot measure. */
export function mapIndicator(
  r: Reporter,
  path: string,
  spec: Record<string, unknown>,
  index: OpenSloIndex,
): MappedIndicator {
  if (isObject(spec.ratioMetric))
    return mapRatio(r, at(path, 'ratioMetric'), spec.ratioMetric, index);
  const mapped: MappedIndicator = { metric: 'threshold' };
  const source = promQl(
    r,
    at(path, 'thresholdMetric'),
    spec.thresholdMetric,
    index,
  );
  if (source?.query) mapped.query = source.query;
  return mapped;
}
