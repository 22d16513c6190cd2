// @ts-check

/**
 * A run that found nothing changed serves the rows of the run before it
 * instead of copying them: `rows_of` names the run whose rows in
 * ops_entity_results and ops_scorecard_results it serves (null: its own).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ops_evaluations', table => {
    table
      .integer('rows_of')
      .nullable()
      .comment('The run whose result rows this run serves; null: its own');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ops_evaluations', table => {
    table.dropColumn('rows_of');
  });
};
