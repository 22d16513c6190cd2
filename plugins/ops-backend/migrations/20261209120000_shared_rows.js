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

/**
 * Runs that serve another run's rows get copies of them first: code before
 * this migration reads a run's rows by its own id.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  const sharing = await knex('ops_evaluations')
    .whereNotNull('rows_of')
    .select('id', 'rows_of');
  for (const table of ['ops_entity_results', 'ops_scorecard_results']) {
    const columns = Object.keys(await knex(table).columnInfo())
      .filter(column => column !== 'evaluation_id')
      .map(column => knex.raw('??', [column]).toQuery())
      .join(', ');
    for (const run of sharing)
      await knex.raw(
        `insert into ${table} (evaluation_id, ${columns}) select ?, ${columns} from ${table} where evaluation_id = ?`,
        [run.id, run.rows_of],
      );
  }
  await knex.schema.alterTable('ops_evaluations', table => {
    table.dropColumn('rows_of');
  });
};
