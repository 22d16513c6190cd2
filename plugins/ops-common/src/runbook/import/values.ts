/**
 * Values as people write them in a runbook (`< 200ms`, `15 min`, `Best
 * effort`, `Daily`), read into the descriptor's vocabulary. Each reader
 * returns undefined when the text is not such a value; the caller then keeps
 * the text as written, so validation names it and nothing is lost.
 */
import { parseDuration } from '../../durations';
import {
  OPERATOR_SYMBOLS,
  type Indicator,
  type Operator,
  type Unit,
} from '../../descriptor/vocabulary';
import { lookupTable } from '../../lookupTable';

/** A template placeholder: `[staging URL]`, `[< 200ms]`, `YYYY-MM-DD`, `TBD`. */
export interface Placeholder {
  /** The text inside the brackets, or undefined for a placeholder that holds no value. */
  inner?: string;
}

const BARE_PLACEHOLDERS =
  /^(yyyy-mm-dd|yyyy|tbd|tbc|todo|n\/a|\?+|\.\.\.|…|x{3,}|<[^>]*>)$/i;
const GENERIC_WORDS =
  /\b(url|link|name|author|date|owner|team|value|description|tbd|todo|here|your|xxx|example|placeholder)\b/i;

/** Whether a cell still holds the template's placeholder, and what is inside it. */
export function placeholderOf(text: string): Placeholder | undefined {
  const trimmed = text.trim();
  if (BARE_PLACEHOLDERS.test(trimmed)) return {};
  const bracketed = /^\[(.*)\]$/s.exec(trimmed);
  if (bracketed) return { inner: bracketed[1].trim() || undefined };
  return undefined;
}

/**
 * Whether a bracketed value could be real data (`[Daily]`, `[Prometheus]`)
 * rather than a prompt (`[Author]`, `[staging URL]`): it is not the column's
 * own name and names no generic thing.
 */
export function isWellFormedPlaceholder(
  inner: string,
  column: string,
): boolean {
  if (!inner) return false;
  if (inner.toLowerCase() === column.toLowerCase()) return false;
  return !GENERIC_WORDS.test(inner);
}

/** The shorthand's symbols, and the reversed ones people also type. */
const SYMBOLS: Record<string, Operator> = lookupTable({
  ...OPERATOR_SYMBOLS,
  '=<': 'lte',
  '=>': 'gte',
});
const OPERATOR_WORDS: [RegExp, Operator][] = [
  [/^(under|below|less than|lower than)\s+/i, 'lt'],
  [/^(at most|no more than|up to|max(imum)?)\s+/i, 'lte'],
  [/^(over|above|more than|greater than|exceeds?)\s+/i, 'gt'],
  [/^(at least|no less than|min(imum)?)\s+/i, 'gte'],
];
/** Units that are not times (times are read with the duration words below). */
const UNIT_WORDS: Record<string, Unit> = lookupTable({
  '%': 'percent',
  percent: 'percent',
  pct: 'percent',
  ratio: 'ratio',
  rps: 'rps',
  'req/s': 'rps',
  'requests/s': 'rps',
  'requests per second': 'rps',
  count: 'count',
});

/** A time unit's length in seconds, for thresholds measured in seconds. */
const UNIT_SECONDS: Record<string, number> = lookupTable({
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800,
});

const DURATION_WORDS: Record<string, string> = lookupTable({
  ms: 'ms',
  msec: 'ms',
  millisecond: 'ms',
  milliseconds: 'ms',
  s: 's',
  sec: 's',
  secs: 's',
  second: 's',
  seconds: 's',
  m: 'm',
  min: 'm',
  mins: 'm',
  minute: 'm',
  minutes: 'm',
  h: 'h',
  hr: 'h',
  hrs: 'h',
  hour: 'h',
  hours: 'h',
  d: 'd',
  day: 'd',
  days: 'd',
  w: 'w',
  wk: 'w',
  week: 'w',
  weeks: 'w',
});

/** A threshold as written: `< 200ms`, `> 500 ms for 5m`, `99.9%`, `at least 99.5 %`. */
export interface WrittenThreshold {
  op?: Operator;
  value: number;
  unit?: Unit;
  /** `for 5m`: how long the alert condition must hold. */
  for?: string;
}

export function readThreshold(text: string): WrittenThreshold | undefined {
  let rest = text.trim().replace(/\s+/g, ' ');
  let lasting: string | undefined;
  const forMatch = /\s+for\s+(.+)$/i.exec(rest);
  if (forMatch) {
    lasting = readDuration(forMatch[1]);
    if (!lasting) return undefined;
    rest = rest.slice(0, forMatch.index);
  }
  let op: Operator | undefined;
  const symbol = /^(<=|>=|=<|=>|<|>|≤|≥)\s*/.exec(rest);
  if (symbol) {
    op = SYMBOLS[symbol[1]];
    rest = rest.slice(symbol[0].length);
  } else {
    for (const [pattern, word] of OPERATOR_WORDS) {
      const match = pattern.exec(rest);
      if (match) {
        op = word;
        rest = rest.slice(match[0].length);
        break;
      }
    }
  }
  const number = /^(-?[0-9]+(?:[.,][0-9]+)?)\s*(.*)$/.exec(rest);
  if (!number) return undefined;
  const value = Number(number[1].replace(',', '.'));
  if (!Number.isFinite(value)) return undefined;
  const unitText = number[2].trim().toLowerCase();
  let unit: Unit | undefined;
  let scaled = value;
  if (unitText) {
    unit = UNIT_WORDS[unitText];
    const time = DURATION_WORDS[unitText];
    if (!unit && time) {
      // Minutes and hours are written as such but measured in seconds.
      unit = time === 'ms' ? 'ms' : 's';
      scaled = time === 'ms' ? value : value * UNIT_SECONDS[time];
    }
    if (!unit) return undefined;
  }
  return {
    ...(op ? { op } : {}),
    value: scaled,
    ...(unit ? { unit } : {}),
    ...(lasting ? { for: lasting } : {}),
  };
}

/** `15 min`, `1 hour`, `24 hours`, `30 days`, `15m`, `PT15M` → the normalised duration (`15m`, `1d`). */
export function readDuration(text: string): string | undefined {
  const trimmed = text.trim();
  const direct = parseDuration(trimmed);
  if (direct.ok) return direct.normalized;
  const match = /^([0-9]+)\s*([a-z]+)\.?$/i.exec(trimmed);
  if (!match) return undefined;
  const unit = DURATION_WORDS[match[2].toLowerCase()];
  if (!unit) return undefined;
  const result = parseDuration(`${Number(match[1])}${unit}`);
  return result.ok ? result.normalized : undefined;
}

/** A response time: a duration, or `best-effort`. */
export function readResponseTime(text: string): string | undefined {
  if (/^best[\s-]*effort$/i.test(text.trim())) return 'best-effort';
  return readDuration(text);
}

const SCHEDULE_WORDS: Record<string, string> = lookupTable({
  hourly: 'hourly',
  'every hour': 'hourly',
  daily: 'daily',
  nightly: 'daily',
  'every day': 'daily',
  'every night': 'daily',
  weekly: 'weekly',
  'every week': 'weekly',
  monthly: 'monthly',
  'every month': 'monthly',
});

/** `Daily`, `Nightly`, `every week`, or a 5-field cron expression. */
export function readSchedule(text: string): string | undefined {
  const trimmed = text.trim();
  const word = SCHEDULE_WORDS[trimmed.toLowerCase()];
  if (word) return word;
  if (/^(\S+\s+){4}\S+$/.test(trimmed)) return trimmed;
  return undefined;
}

/**
 * A URL as written in a cell: `https://…`, `localhost:3000`, `staging.example.com`.
 * Bare hosts get a scheme (http only for loopback, as the URL rule allows).
 */
export function readUrl(text: string): string | undefined {
  const trimmed = text.trim();
  if (!trimmed || /\s/.test(trimmed)) return undefined;
  if (/^[a-z][a-z0-9+.-]*:/i.test(trimmed) && !/^localhost:\d/i.test(trimmed))
    return trimmed;
  if (/^(localhost|127\.0\.0\.1)(:\d+)?(\/.*)?$/i.test(trimmed))
    return `http://${trimmed}`;
  if (/^[a-z0-9-]+(\.[a-z0-9-]+)+(:\d+)?(\/.*)?$/i.test(trimmed))
    return `https://${trimmed}`;
  return undefined;
}

/** `2026-03-01` (a date or an ISO timestamp), as the schema stores it. */
export function readDate(text: string): string | undefined {
  const trimmed = text.trim();
  return /^\d{4}-\d{2}-\d{2}(T[0-9:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)
    ? trimmed
    : undefined;
}

/** `Production` → `production`, `Pre Prod` → `pre-prod`: environment names are DNS labels. */
export function environmentName(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[\s_]+/g, '-');
}

/** A stable id from a title: `Database migrations ready` → `database-migrations-ready`. */
export function slug(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
}

const INDICATOR_WORDS: [RegExp, Indicator][] = [
  [/latency|response time|duration|p9\d|p50|round.?trip/i, 'latency'],
  [/error|fail|5xx/i, 'error-rate'],
  [/uptime|availability|available/i, 'availability'],
  [/throughput|requests per|rps|qps|traffic/i, 'throughput'],
  [/saturation|cpu|memory|utili[sz]ation|disk|queue depth/i, 'saturation'],
  [/freshness|staleness|lag|age of/i, 'freshness'],
  [/correctness|accuracy|integrity/i, 'correctness'],
];

/** What a metric row measures, from its name (response time → latency, uptime → availability). */
export function indicatorOf(name: string): Indicator {
  for (const [pattern, indicator] of INDICATOR_WORDS)
    if (pattern.test(name)) return indicator;
  return 'custom';
}

/** Indicators where a higher value is better: a bare `99.9%` objective means "at least". */
const HIGHER_IS_BETTER: ReadonlySet<Indicator> = new Set([
  'availability',
  'throughput',
  'correctness',
]);
const LOWER_IS_BETTER: ReadonlySet<Indicator> = new Set([
  'latency',
  'error-rate',
  'saturation',
  'freshness',
]);

/** The operator a bare objective (`99.9%`) or alert (`99.5%`) means for an indicator. */
export function impliedOperator(
  indicator: Indicator,
  role: 'objective' | 'alert',
): Operator | undefined {
  if (HIGHER_IS_BETTER.has(indicator))
    return role === 'objective' ? 'gte' : 'lt';
  if (LOWER_IS_BETTER.has(indicator))
    return role === 'objective' ? 'lte' : 'gt';
  return undefined;
}
