import {
  CHECK_LEVELS,
  isScoreLevel,
  type ScoreLevel,
} from '@opskit/plugin-ops-common';
import type { Knex } from 'knex';
import { averageOut, emptyLevels, likeLiteral } from './columnValues';
import { filteredResults } from './complianceFilter';
import type {
  ComplianceFilter,
  ComplianceSummary,
  OwnerRollup,
} from './OpsStore';

export type ComplianceTotals = Pick<
  ComplianceSummary,
  'entityCount' | 'averageScore' | 'levelCounts' | 'failingCounts'
>;

/** Counts, average and failing checks of a run's matching rows, in one query. */
export async function complianceTotals(
  db: Knex | Knex.Transaction,
  evaluationId: number,
  filter: ComplianceFilter,
  checkIds: string[],
): Promise<ComplianceTotals> {
  const levels: ScoreLevel[] = [...CHECK_LEVELS, 'none'];
  const columns = [
    db.raw('count(*) as entity_count'),
    db.raw('avg(case when r.score >= 0 then r.score end) as average_score'),
    ...levels.map(level =>
      db.raw(`sum(case when r.level = ? then 1 else 0 end) as ??`, [
        level,
        `level_${level}`,
      ]),
    ),
    // Positional aliases: a check id may be longer than PostgreSQL's 63-character identifiers.
    ...checkIds.map((id, i) =>
      db.raw(
        `sum(case when r.failing_checks like ? escape '\\' then 1 else 0 end) as ??`,
        [`%,${likeLiteral(id)},%`, `failing_${i}`],
      ),
    ),
  ];
  const row: any = await filteredResults(db, evaluationId, filter).first(
    columns,
  );
  const levelCounts = emptyLevels();
  for (const level of levels)
    levelCounts[level] = Number(row?.[`level_${level}`] ?? 0);
  const failingCounts: Record<string, number> = {};
  checkIds.forEach((id, i) => {
    const n = Number(row?.[`failing_${i}`] ?? 0);
    if (n > 0) failingCounts[id] = n;
  });
  return {
    entityCount: Number(row?.entity_count ?? 0),
    averageScore: averageOut(row?.average_score),
    levelCounts,
    failingCounts,
  };
}

/** The matching rows' totals per owner, sorted by owner. */
export async function ownerRollup(
  db: Knex | Knex.Transaction,
  evaluationId: number,
  filter: ComplianceFilter,
): Promise<OwnerRollup[]> {
  const rows: any[] = await filteredResults(db, evaluationId, filter)
    .select('r.owner', 'r.level')
    .count({ n: '*' })
    .sum({
      score_sum: db.raw('case when r.score >= 0 then r.score else 0 end'),
    })
    .sum({ scored: db.raw('case when r.score >= 0 then 1 else 0 end') })
    .groupBy('r.owner', 'r.level');
  const byOwner = new Map<
    string,
    {
      count: number;
      sum: number;
      scored: number;
      levels: Record<ScoreLevel, number>;
    }
  >();
  for (const row of rows) {
    const entry = byOwner.get(row.owner) ?? {
      count: 0,
      sum: 0,
      scored: 0,
      levels: emptyLevels(),
    };
    entry.count += Number(row.n);
    entry.sum += Number(row.score_sum ?? 0);
    entry.scored += Number(row.scored ?? 0);
    const level: unknown = row.level;
    if (isScoreLevel(level)) entry.levels[level] += Number(row.n);
    byOwner.set(row.owner, entry);
  }
  return [...byOwner.entries()]
    .map(([owner, e]) => ({
      owner,
      entityCount: e.count,
      averageScore: averageOut(e.scored ? e.sum / e.scored : null),
      levelCounts: e.levels,
    }))
    .sort((a, b) => a.owner.localeCompare(b.owner));
}
