import type { Slo } from '../descriptor/types';
import { quoted, sliCounters } from './sliExpressions';

type Sli = NonNullable<Slo['sli']>;

/** Stands for the entity's own label value in a batch's query until the values are known. */
export const BATCH_PLACEHOLDER = '__opskit_batch__';

/** `service="$service"` or `service="${service}"`: a label matched exactly to one variable. */
const ENTITY_MATCHER =
  /([A-Za-z_][A-Za-z0-9_]*)\s*=\s*"\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))"/g;

/** The counter selectors an SLI reads. */
function selectors(sli: Sli): string[] {
  if ('histogram' in sli) return [sli.selector ?? ''];
  return 'good' in sli ? [sli.good, sli.total] : [sli.bad, sli.total];
}

/**
 * How an SLI can be asked for many entities in one query: when its
 * selectors tell entities apart by one label matched exactly to one
 * variable (`service="$service"` in each of them), the same SLI of other
 * entities differs only in that label's value, so one query with
 * `service=~"a|b|…"` summed `by (service)` measures them all. The SLI comes
 * back with that matcher as `service=~"<placeholder>"`, to be expanded as
 * usual; `value` is this entity's. Undefined when it cannot be batched
 * (no such matcher, or two different ones, or an unknown variable: the
 * per-entity query then says what is wrong).
 */
export function sliBatchForm(
  sli: Sli,
  variables: Record<string, string>,
): { label: string; value: string; sli: Sli } | undefined {
  let label: string | undefined;
  let variable: string | undefined;
  for (const selector of selectors(sli))
    for (const match of selector.matchAll(ENTITY_MATCHER)) {
      const name = match[2] ?? match[3];
      // The same in every entity of one environment's batch.
      if (name === 'environment') continue;
      if (label !== undefined && (label !== match[1] || variable !== name))
        return undefined;
      label = match[1];
      variable = name;
    }
  if (label === undefined || variable === undefined) return undefined;
  if (!Object.prototype.hasOwnProperty.call(variables, variable))
    return undefined;
  const replace = (selector: string) =>
    selector.replace(
      ENTITY_MATCHER,
      (whole, matched: string, braced?: string, bare?: string) =>
        (braced ?? bare) === variable
          ? `${matched}=~"${BATCH_PLACEHOLDER}"`
          : whole,
    );
  let template: Sli;
  if ('histogram' in sli)
    template = { ...sli, selector: replace(sli.selector ?? '') };
  else if ('good' in sli)
    template = { ...sli, good: replace(sli.good), total: replace(sli.total) };
  else template = { ...sli, bad: replace(sli.bad), total: replace(sli.total) };
  return { label, value: variables[variable], sli: template };
}

/** A regular expression (RE2, anchored by Prometheus) matching exactly these values. */
export function exactAlternation(values: string[]): string {
  return values.map(v => v.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')).join('|');
}

/**
 * The label that tells a batch's counters apart (a number per counter and
 * window).
 *
 * @public
 */
export const BATCH_PART_LABEL = 'opskit_part';

/**
 * A counter's rate over one window for every entity of a batch, with the
 * placeholder for their values.
 *
 * @public
 */
export interface BatchCounter {
  window: string;
  part: 'good' | 'bad' | 'total';
  expression: string;
}

/** Each counter of an SLI over each window, summed `by` the entity label. */
export function batchCounters(
  sli: Sli,
  windows: string[],
  expand: (q: string) => string,
  by: string,
): BatchCounter[] {
  const counters = sliCounters(sli, expand);
  const parts = (['good', 'bad', 'total'] as const).filter(
    part => counters[part] !== undefined,
  );
  return windows.flatMap(window =>
    parts.map(part => ({
      window,
      part,
      expression: `sum by (${by}) (rate(${counters[part]}[${window}]))`,
    })),
  );
}

/**
 * One query for several SLIs batched by the same label (an entity's SLOs
 * from one template) over these entities' values: each distinct counter and
 * window once (SLOs over one request counter share its total), labelled
 * with its number (BATCH_PART_LABEL); `partOf` says which number holds an
 * SLI's counter. The ratios are divided afterwards (batchRatios): asking the
 * counters alone reads each series once per window, where the ratio with its
 * zero for a missing counter reads the total twice.
 *
 * @public
 */
export function batchedCountersQuery(
  slis: ReadonlyArray<{ key: string; counters: BatchCounter[] }>,
  values: string[],
): {
  query: string;
  partOf(key: string, window: string, part: string): string | undefined;
} {
  const ids = new Map<string, string>();
  const bySli = new Map<string, Map<string, string>>();
  for (const { key, counters } of slis) {
    const own = new Map<string, string>();
    for (const { window, part, expression } of counters) {
      let id = ids.get(expression);
      if (id === undefined) ids.set(expression, (id = String(ids.size)));
      own.set(`${window}\n${part}`, id);
    }
    bySli.set(key, own);
  }
  const matcher = quoted(exactAlternation(values));
  const query = [...ids]
    .map(
      ([expression, id]) =>
        `label_replace(${expression
          .split(`"${BATCH_PLACEHOLDER}"`)
          .join(matcher)}, ${quoted(BATCH_PART_LABEL)}, ${quoted(id)}, "", "")`,
    )
    .join(' or ');
  return {
    query,
    partOf: (key, window, part) => bySli.get(key)?.get(`${window}\n${part}`),
  };
}

/**
 * One entity's bad-event ratio per window from its counters in a batch's
 * answer, as errorRatio computes it in Prometheus: no total, no window; a
 * good or bad counter without series is zero, but a histogram's missing
 * bucket leaves the window out (a wrong threshold, not zero); 0/0 is NaN.
 */
export function batchRatios(
  sli: Sli,
  windows: string[],
  counter: (
    window: string,
    part: 'good' | 'bad' | 'total',
  ) => number | undefined,
): Record<string, number> {
  const histogram = 'histogram' in sli;
  const ratios: Record<string, number> = {};
  for (const w of windows) {
    const total = counter(w, 'total');
    if (total === undefined) continue;
    if ('bad' in sli) {
      ratios[w] = (counter(w, 'bad') ?? 0) / total;
      continue;
    }
    const good = counter(w, 'good');
    if (good === undefined && histogram) continue;
    ratios[w] = 1 - (good ?? 0) / total;
  }
  return ratios;
}
