// @ts-check

/**
 * Campaigns: a goal with a deadline for the entities in a scope. Their
 * progress is kept once per evaluation (the burn-up chart), and each notice
 * sent is kept per recipient, so that no one gets the same message twice,
 * also when replicas race.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ops_campaigns', table => {
    table.comment(
      'Campaigns: a target for the entities in a scope, by a deadline',
    );
    table.string('id', 36).primary();
    table.string('title', 200).notNullable();
    table.text('description').nullable();
    table.string('owner', 512).notNullable().comment('group ref, lower-case');
    table
      .text('target')
      .notNullable()
      .comment('JSON: { scorecard, level } or { checks }');
    table
      .text('scope')
      .notNullable()
      .comment('JSON: compliance filters and/or entity refs');
    table.string('starts_on', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('deadline', 10).notNullable().comment('YYYY-MM-DD, UTC');
    table.string('state', 16).notNullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.string('updated_by', 512).nullable();
    table.timestamp('updated_at', { useTz: true }).notNullable();
    table.index(['state'], 'ops_campaigns_state_idx');
  });
  await knex.schema.createTable('ops_campaign_points', table => {
    table.comment('Campaign counts after each evaluation');
    table.string('campaign_id', 36).notNullable();
    table.integer('evaluation_id').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.integer('in_scope').notNullable();
    table.integer('done').notNullable();
    table.integer('waived').notNullable();
    table.integer('not_done').notNullable();
    table.primary(['campaign_id', 'evaluation_id']);
  });
  await knex.schema.createTable('ops_campaign_notices', table => {
    table.comment(
      'Campaign notifications sent, one row per notice and recipient',
    );
    table.string('campaign_id', 36).notNullable();
    table
      .string('notice', 32)
      .notNullable()
      .comment('start, reminder or deadline');
    table.string('recipient', 512).notNullable();
    table.timestamp('sent_at', { useTz: true }).notNullable();
    table.primary(['campaign_id', 'notice', 'recipient']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('ops_campaign_notices');
  await knex.schema.dropTable('ops_campaign_points');
  await knex.schema.dropTable('ops_campaigns');
};
