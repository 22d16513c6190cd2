import { parseBudgetFactName } from '@opskit/plugin-ops-common';
import type { BudgetHistoryRow } from '../database/FactStore';

/** Budget history rows (ordered by fact name, then day) as one series per SLO and environment. */
export function budgetSeries(rows: readonly BudgetHistoryRow[]) {
  const series = new Map<
    string,
    {
      environment: string;
      slo: string;
      points: { day: string; remaining: number }[];
    }
  >();
  for (const row of rows) {
    const named = parseBudgetFactName(row.name);
    if (!named) continue;
    let entry = series.get(row.name);
    if (!entry) {
      entry = { ...named, points: [] };
      series.set(row.name, entry);
    }
    entry.points.push({ day: row.day, remaining: row.remaining });
  }
  return [...series.values()];
}
