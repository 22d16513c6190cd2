/**
 * Which OpenSLO Prometheus queries OpsKit can budget.
 *
 * OpsKit's SLI `good`/`bad`/`total` are counter selectors that it wraps in
 * `sum(rate(…[window]))` for every window it needs: 5m to 3d for burn
 * rates, the SLO's own 28d for the budget. An OpenSLO query is often a full
 * expression that already chose its window (`sum(rate(x[5m]))`): that
 * cannot be counted again over 28d, and `rate(sum(…)[5m])` is not PromQL.
 * So:
 *
 * - a selector (`http_requests_total{code!~"5.."}`), bare or inside one
 *   `sum(…)` / `sum by (…) (…)` / `sum without (…) (…)`, is a counter: it
 *   maps to an SLI (the grouping is dropped; OpsKit sums everything);
 * - a query with a range (`[5m]`, a subquery) or a windowing function
 *   (rate, irate, increase, delta, `*_over_time`) is windowed: it cannot be
 *   re-windowed, and is kept only as an instant value;
 * - anything else (arithmetic, other functions, `offset`) is an expression
 *   OpsKit does not take apart.
 */

/** @public */
export type PromQlQueryShape =
  | { shape: 'selector'; selector: string }
  | { shape: 'windowed' }
  | { shape: 'expression' };

/** String literals blanked out (same length), so `[` or `rate(` in a label value counts for nothing. */
function maskLiterals(query: string): string {
  return query.replace(
    /"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|`[^`]*`/g,
    literal =>
      `${literal[0]}${'_'.repeat(literal.length - 2)}${
        literal[literal.length - 1]
      }`,
  );
}

const WINDOWING =
  /\b(?:rate|irate|increase|delta|idelta|deriv|resets|changes|predict_linear|holt_winters|double_exponential_smoothing|[a-z]+_over_time)\s*\(/;

const SELECTOR = String.raw`(?:[a-zA-Z_:][a-zA-Z0-9_:]*\s*(?:\{[^{}]*\})?|\{[^{}]*\})`;
const GROUPING = String.raw`(?:by|without)\s*\([^()]*\)`;
// Group 1 is what precedes the selector (its length is the selector's offset), group 2 the selector.
const BARE = new RegExp(`^()(${SELECTOR})$`);
const SUMMED = new RegExp(
  String.raw`^(sum\s*(?:${GROUPING}\s*)?\(\s*)(${SELECTOR})\s*\)\s*(?:${GROUPING})?$`,
);
const KEYWORDS = new Set(['sum', 'by', 'without', 'offset', 'bool', 'on']);

/**
 * What kind of query an OpenSLO metric source holds, and for a counter its
 * selector (as written, label values untouched).
 *
 * @public
 */
export function promQlQueryShape(query: string): PromQlQueryShape {
  const text = query.trim();
  const masked = maskLiterals(text);
  if (masked.includes('[') || WINDOWING.test(masked))
    return { shape: 'windowed' };
  for (const pattern of [BARE, SUMMED]) {
    const match = pattern.exec(masked);
    if (!match) continue;
    const start = match[1].length;
    const selector = text.slice(start, start + match[2].length).trim();
    const name = /^[a-zA-Z_:][a-zA-Z0-9_:]*/.exec(selector)?.[0];
    if (name && KEYWORDS.has(name)) break;
    return { shape: 'selector', selector };
  }
  return { shape: 'expression' };
}
