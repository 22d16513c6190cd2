// @ts-check

/**
 * Live facts from fact providers (Prometheus SLO values, …), and each
 * compliance row's production SLO summary. Fact times are ISO strings: they
 * are only compared and shown, never filtered on in SQL.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ops_facts', table => {
    table.comment(
      'What fact providers last observed per entity; kept (marked stale) while a source is down',
    );
    table.string('entity_ref', 512).notNullable();
    table.string('provider', 64).notNullable();
    table.string('name', 255).notNullable();
    table.text('value').nullable().comment('JSON');
    table.string('observed_at', 32).nullable();
    table.string('checked_at', 32).notNullable();
    table.text('error').nullable();
    table.boolean('stale').notNullable().defaultTo(false);
    table.primary(['entity_ref', 'provider', 'name'], 'ops_facts_pk');
    table.index(['provider'], 'ops_facts_provider_idx');
  });
  await knex.schema.alterTable('ops_entity_results', table => {
    table
      .text('slos')
      .nullable()
      .comment('JSON: production SLO summary from live facts');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.alterTable('ops_entity_results', table => {
    table.dropColumn('slos');
  });
  await knex.schema.dropTable('ops_facts');
};
