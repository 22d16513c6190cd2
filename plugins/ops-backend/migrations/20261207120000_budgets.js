// @ts-check

/**
 * Error budgets on the compliance list, and their history for the Ops tab's
 * sparkline. `budget_rank` is production's worst budget left (a share, below
 * 0 when overspent) or 2 when none is measured (comments avoid quotes:
 * knex does not escape them in PostgreSQL's COMMENT ON): a budget left is at most 1,
 * so unmeasured rows sort after every measured one when ascending, and one
 * non-null column pages the same way on SQLite and PostgreSQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ops_entity_results', table => {
    table
      .text('budget')
      .nullable()
      .comment('JSON: the worst production error budget from live facts');
    table.float('budget_rank').notNullable().defaultTo(2);
    table.index(
      ['evaluation_id', 'budget_rank', 'entity_ref'],
      'ops_entity_results_budget_idx',
    );
  });
  await knex.schema.createTable('ops_budget_history', table => {
    table.comment(
      'One sample per day of each SLO error budget left: the last one measured that day',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('name', 255).notNullable().comment('The budget fact');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.float('remaining').notNullable();
    table.string('observed_at', 32).notNullable();
    table.primary(['entity_ref', 'name', 'day'], 'ops_budget_history_pk');
    table.index(['day'], 'ops_budget_history_day_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ops_budget_history');
  await knex.schema.alterTable('ops_entity_results', table => {
    table.dropIndex([], 'ops_entity_results_budget_idx');
    table.dropColumn('budget_rank');
    table.dropColumn('budget');
  });
};
