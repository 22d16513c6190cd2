// @ts-check

/**
 * At most one active waiver per entity and check. "Active" depends on the
 * clock (a waiver expires by itself), which no index can express, so an
 * active waiver holds its pair in `active_key` and a unique index guards it:
 * revoking clears the key, and an expired waiver gives it up to the next one.
 * Both NULL-tolerant unique indexes (PostgreSQL, SQLite) let any number of
 * inactive waivers keep NULL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ops_waivers', table => {
    table
      .string('active_key', 800)
      .nullable()
      .comment('entity_ref|check_id while the waiver is active, else NULL');
  });
  // Waivers written before this rule: the newest active one per pair holds
  // the key; older duplicates stay active until they expire or are revoked.
  const active = await knex('ops_waivers')
    .whereNull('revoked_at')
    .where('expires_at', '>', new Date())
    .orderBy('created_at', 'desc')
    .select('id', 'entity_ref', 'check_id');
  const seen = new Set();
  for (const row of active) {
    const key = `${row.entity_ref}|${row.check_id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    await knex('ops_waivers').where('id', row.id).update({ active_key: key });
  }
  await knex.schema.alterTable('ops_waivers', table => {
    table.unique(['active_key'], { indexName: 'ops_waivers_active_key_uq' });
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ops_waivers', table => {
    table.dropUnique(['active_key'], 'ops_waivers_active_key_uq');
    table.dropColumn('active_key');
  });
};
