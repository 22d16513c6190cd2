import type { Knex } from 'knex';

const BATCH = 250;

function isPostgres(db: Knex | Knex.Transaction): boolean {
  return db.client.config.client === 'pg';
}

/**
 * Inserts many rows. On PostgreSQL the rows travel as one JSON parameter
 * (`json_populate_recordset`), so the server parses one short statement
 * instead of a VALUES list with thousands of placeholders: the catalog-wide
 * evaluation writes a page of entities' rows (250) this way. Elsewhere, knex
 * inserts in batches (SQLite binds parameters cheaply, in-process).
 */
export async function bulkInsert(
  db: Knex | Knex.Transaction,
  table: string,
  rows: Record<string, unknown>[],
): Promise<void> {
  if (rows.length === 0) return;
  if (isPostgres(db)) {
    const columns = Object.keys(rows[0]);
    const list = columns.map(() => '??').join(', ');
    await db.raw(
      `insert into ?? (${list}) select ${list} from json_populate_recordset(null::??, ?::json)`,
      [table, ...columns, ...columns, table, JSON.stringify(rows)],
    );
    return;
  }
  for (let i = 0; i < rows.length; i += BATCH)
    await db(table).insert(rows.slice(i, i + BATCH));
}
