import type { ScoreLevel } from '@opskit/plugin-ops-common';
import { parseJson } from './parseJson';

// A score is stored as -1 when no check applies, so that it sorts and pages the same way on SQLite and PostgreSQL.
export const scoreIn = (value: number | null): number =>
  value === null ? -1 : value;
export const scoreOut = (value: unknown): number | null =>
  Number(value) < 0 ? null : Number(value);

/** Above any budget left (at most 1): rows without a measured budget sort after every measured one. */
export const UNMEASURED_BUDGET_RANK = 2;

// Production's worst budget left, as one non-null number that sorts and pages alike on SQLite and PostgreSQL.
export const budgetRank = (
  budget: { remaining: number | null } | undefined,
): number =>
  typeof budget?.remaining === 'number' && Number.isFinite(budget.remaining)
    ? budget.remaining
    : UNMEASURED_BUDGET_RANK;

// A list of check ids is stored as ",a,b,", so that "fails check x" is one LIKE '%,x,%'.
export const idList = (ids: string[]): string =>
  ids.length ? `,${ids.join(',')},` : '';
export const idsOut = (text: unknown): string[] =>
  typeof text === 'string' ? text.split(',').filter(Boolean) : [];

export const iso = (value: unknown): string =>
  new Date(value as any).toISOString();
export const optionalIso = (value: unknown): string | undefined =>
  value === null || value === undefined ? undefined : iso(value);

export function round1(n: number): number {
  return Math.round(n * 10) / 10;
}

/** An average column or avg(): null when nothing was scored (SQL's avg of no rows), else shown to one decimal. */
export const averageOut = (value: unknown): number | null =>
  value === null || value === undefined ? null : round1(Number(value));

export const emptyLevels = (): Record<ScoreLevel, number> => ({
  none: 0,
  bronze: 0,
  silver: 0,
  gold: 0,
});

/** A level_counts JSON column; a level missing from it (or an unreadable value) counts 0, so every level is always present. */
export const levelCountsOut = (value: unknown): Record<ScoreLevel, number> => ({
  ...emptyLevels(),
  ...parseJson(value, {}),
});

/** LIKE pattern that matches `text` literally (with `ESCAPE '\'`). */
export const likeLiteral = (text: string): string =>
  text.replace(/[\\%_]/g, c => `\\${c}`);

/** The first id of `insert(...).returning('id')`: `{ id }` where the driver has RETURNING, the bare id where it has not. */
export function insertedId(rows: unknown[]): number {
  const [row] = rows as any[];
  return typeof row === 'object' ? Number(row.id) : Number(row);
}
