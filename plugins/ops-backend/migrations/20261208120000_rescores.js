// @ts-check

/**
 * Scores that follow a change without a full run. `ops_rescores` holds, per
 * entity, when its inputs last changed (a sign-off, a waiver, the catalog
 * reprocessing its ops data): a full run that started before that time
 * re-scores the entity before it completes, so its older read is never
 * served. `revision` counts the re-scores written into a run, so caches
 * keyed by run see them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ops_rescores', table => {
    table.comment('When each entity was last asked to be re-scored');
    table.string('entity_ref', 512).notNullable().primary();
    table.timestamp('requested_at', { useTz: true }).notNullable();
    table.index(['requested_at'], 'ops_rescores_requested_idx');
  });
  await knex.schema.alterTable('ops_evaluations', table => {
    table
      .integer('revision')
      .notNullable()
      .defaultTo(0)
      .comment('Re-scores written into this run since it completed');
    table.timestamp('rescored_at', { useTz: true }).nullable();
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ops_evaluations', table => {
    table.dropColumn('rescored_at');
    table.dropColumn('revision');
  });
  await knex.schema.dropTable('ops_rescores');
};
