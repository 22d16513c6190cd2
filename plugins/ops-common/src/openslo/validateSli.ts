import {
  checkBoolean,
  checkEnum,
  checkKnownKeys,
  checkMetadata,
  checkRef,
  requireObject,
  requireSpec,
} from './fieldRules';
import type { OpenSloIndex } from './openSloIndex';
import { at, isObject, type Reporter } from './reporter';
import { RAW_TYPES } from './vocabulary';

/** One metric: `metricSource` with a `type` or a `metricSourceRef`, and a non-empty `spec`. */
function checkMetric(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  const metric = requireObject(
    r,
    path,
    value,
    'write metricSource: {type: Prometheus, spec: {query: …}}',
  );
  if (!metric) return;
  checkKnownKeys(r, path, metric, ['metricSource']);
  const sourcePath = at(path, 'metricSource');
  const source = requireObject(
    r,
    sourcePath,
    metric.metricSource,
    'write {type: Prometheus, spec: {query: …}}',
  );
  if (!source) return;
  checkKnownKeys(r, sourcePath, source, ['metricSourceRef', 'type', 'spec']);
  if (source.metricSourceRef !== undefined)
    checkRef(
      r,
      at(sourcePath, 'metricSourceRef'),
      source.metricSourceRef,
      'DataSource',
      index,
    );
  else if (source.type === undefined)
    r.error(
      sourcePath,
      'needs a type (Prometheus) or a metricSourceRef naming a DataSource: without either the query has no source',
    );
  if (source.type !== undefined && typeof source.type !== 'string')
    r.error(at(sourcePath, 'type'), 'expected text such as "Prometheus"');
  const spec = requireObject(
    r,
    at(sourcePath, 'spec'),
    source.spec,
    'write the fields the source reads, e.g. {query: …}',
  );
  if (spec && Object.keys(spec).length === 0)
    r.error(
      at(sourcePath, 'spec'),
      'is empty; write the fields the source reads, e.g. {query: …}',
    );
}

function checkRatio(
  r: Reporter,
  path: string,
  value: Record<string, unknown>,
  index: OpenSloIndex,
) {
  checkKnownKeys(r, path, value, [
    'counter',
    'good',
    'bad',
    'total',
    'rawType',
    'raw',
  ]);
  checkBoolean(r, at(path, 'counter'), value.counter);
  const has = (key: string) => value[key] !== undefined;
  if (has('raw')) {
    if (has('total') || has('good') || has('bad'))
      r.error(
        path,
        'has raw and good/bad/total; a ratio is either precomputed (raw with rawType) or good or bad over total: keep one',
      );
    checkEnum(
      r,
      at(path, 'rawType'),
      value.rawType,
      RAW_TYPES,
      'with raw, say what the ratio counts: rawType: success (good/total) or failure (bad/total)',
    );
    checkMetric(r, at(path, 'raw'), value.raw, index);
    return;
  }
  if (!has('total'))
    r.error(
      path,
      'needs total (the denominator) with good or bad, or a precomputed raw ratio with rawType',
    );
  else checkMetric(r, at(path, 'total'), value.total, index);
  if (has('good') && has('bad'))
    r.error(
      path,
      'has both good and bad; a ratio is good/total or bad/total: keep one',
    );
  else if (!has('good') && !has('bad'))
    r.error(path, 'needs good or bad: the numerator over total');
  if (has('good')) checkMetric(r, at(path, 'good'), value.good, index);
  if (has('bad')) checkMetric(r, at(path, 'bad'), value.bad, index);
  if (has('rawType'))
    r.warn(at(path, 'rawType'), 'applies to raw ratios only; it is ignored');
}

/** An SLI's spec: exactly one of ratioMetric and thresholdMetric. */
export function checkSliSpec(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  const spec = requireSpec(
    r,
    path,
    value,
    'write the ratioMetric or thresholdMetric the SLI reads',
    ['description', 'thresholdMetric', 'ratioMetric'],
  );
  if (!spec) return;
  const hasRatio = spec.ratioMetric !== undefined;
  const hasThreshold = spec.thresholdMetric !== undefined;
  if (hasRatio && hasThreshold) {
    r.error(
      path,
      'has both ratioMetric and thresholdMetric; an SLI is one of them: keep one',
    );
    return;
  }
  if (!hasRatio && !hasThreshold) {
    r.error(
      path,
      'needs ratioMetric (good or bad over total) or thresholdMetric (a value compared with the objective)',
    );
    return;
  }
  if (hasThreshold) {
    checkMetric(r, at(path, 'thresholdMetric'), spec.thresholdMetric, index);
    return;
  }
  if (!isObject(spec.ratioMetric)) {
    r.error(
      at(path, 'ratioMetric'),
      'expected a mapping with good or bad, and total',
    );
    return;
  }
  checkRatio(r, at(path, 'ratioMetric'), spec.ratioMetric, index);
}

/** An SLI written inside an SLO (`spec.indicator`): metadata and spec. */
export function checkInlineSli(
  r: Reporter,
  path: string,
  value: unknown,
  index: OpenSloIndex,
) {
  const sli = requireObject(r, path, value, 'write {metadata, spec}');
  if (!sli) return;
  checkKnownKeys(r, path, sli, ['metadata', 'spec']);
  checkMetadata(r, at(path, 'metadata'), sli.metadata);
  checkSliSpec(r, at(path, 'spec'), sli.spec, index);
}

/** The SLI spec an indicator (inline or by reference) resolves to. */
export function sliSpecOf(
  holder: Record<string, unknown>,
  index: OpenSloIndex,
): Record<string, unknown> | undefined {
  if (isObject(holder.indicator))
    return isObject(holder.indicator.spec) ? holder.indicator.spec : undefined;
  const doc = index.get('SLI', holder.indicatorRef);
  return doc && isObject(doc.value.spec) ? doc.value.spec : undefined;
}
