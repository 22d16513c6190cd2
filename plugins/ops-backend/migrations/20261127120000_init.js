// @ts-check

/**
 * OpsKit's store. Scores are kept as numbers with -1 meaning "no applicable
 * check" so that they sort and page the same way on SQLite and PostgreSQL;
 * check id lists are kept as ",a,b," so a failing-check filter is one LIKE.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('ops_evaluations', table => {
    table.comment('One catalog-wide evaluation run');
    table.increments('id').primary();
    table
      .string('status', 16)
      .notNullable()
      .comment('running | succeeded | failed');
    table
      .string('trigger', 32)
      .nullable()
      .comment('schedule | manual | startup');
    table.timestamp('started_at', { useTz: true }).notNullable();
    table.timestamp('finished_at', { useTz: true }).nullable();
    table.text('error').nullable();
    table.integer('entity_count').notNullable().defaultTo(0);
    table.float('average_score').nullable();
    table.text('level_counts').nullable().comment('JSON: level -> entities');
    table
      .text('failing_counts')
      .nullable()
      .comment('JSON: check id -> entities failing it');
    table.index(['status', 'finished_at'], 'ops_evaluations_status_idx');
  });

  await knex.schema.createTable('ops_entity_results', table => {
    table.comment('Per-entity result of an evaluation: the compliance list');
    table.integer('evaluation_id').notNullable();
    table.string('entity_ref', 512).notNullable();
    table
      .string('kind', 255)
      .notNullable()
      .comment('lower-case, like kinds in entity refs');
    table.string('type', 255).notNullable().defaultTo('').comment('lower-case');
    table
      .string('lifecycle', 255)
      .notNullable()
      .defaultTo('')
      .comment('lower-case');
    table.string('owner', 512).notNullable().defaultTo('');
    table.string('system', 512).notNullable().defaultTo('');
    table.string('tier', 16).notNullable();
    table.boolean('declared_tier').notNullable().defaultTo(false);
    table.string('title', 512).nullable();
    table
      .text('search_text')
      .notNullable()
      .defaultTo('')
      .comment('lower-case entity ref and title, for the text filter');
    table.float('score').notNullable().comment('-1 when no check applies');
    table.string('level', 8).notNullable();
    table.integer('level_rank').notNullable();
    table.text('failing_checks').notNullable().defaultTo('');
    table.text('warning_checks').notNullable().defaultTo('');
    table.integer('error_count').notNullable().defaultTo(0);
    table.integer('warning_count').notNullable().defaultTo(0);
    table
      .text('scorecards')
      .notNullable()
      .comment('JSON: scorecard id -> {score, level}');
    table.primary(['evaluation_id', 'entity_ref'], 'ops_entity_results_pk');
    // Each sort has an index ending in entity_ref, the keyset tie-breaker, so a page never sorts the whole run.
    table.index(
      ['evaluation_id', 'owner', 'entity_ref'],
      'ops_entity_results_owner_idx',
    );
    table.index(
      ['evaluation_id', 'score', 'entity_ref'],
      'ops_entity_results_score_idx',
    );
    table.index(
      ['evaluation_id', 'level_rank', 'entity_ref'],
      'ops_entity_results_level_idx',
    );
    table.index(
      ['evaluation_id', 'tier', 'entity_ref'],
      'ops_entity_results_tier_idx',
    );
  });

  await knex.schema.createTable('ops_scorecard_results', table => {
    table.comment(
      'Per-entity, per-scorecard score of an evaluation (filter by scorecard and level)',
    );
    table.integer('evaluation_id').notNullable();
    table.string('entity_ref', 512).notNullable();
    table.string('scorecard', 64).notNullable();
    table.float('score').notNullable();
    table.string('level', 8).notNullable();
    table.primary(
      ['evaluation_id', 'entity_ref', 'scorecard'],
      'ops_scorecard_results_pk',
    );
    table.index(
      ['evaluation_id', 'scorecard', 'level'],
      'ops_scorecard_results_level_idx',
    );
  });

  await knex.schema.createTable('ops_owner_trend', table => {
    table.comment('Per-owner roll-up of each evaluation: the trend per owner');
    table.integer('evaluation_id').notNullable();
    table.string('owner', 512).notNullable();
    table.integer('entity_count').notNullable();
    table.float('average_score').nullable();
    table.text('level_counts').notNullable();
    table.primary(['evaluation_id', 'owner'], 'ops_owner_trend_pk');
  });

  await knex.schema.createTable('ops_entity_history', table => {
    table.comment(
      'Score history of each entity, written when its scores change',
    );
    table.increments('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.integer('evaluation_id').notNullable();
    table.timestamp('evaluated_at', { useTz: true }).notNullable();
    table.float('score').notNullable();
    table.string('level', 8).notNullable();
    table.text('scorecards').notNullable();
    table.integer('failing_count').notNullable().defaultTo(0);
    table.index(
      ['entity_ref', 'evaluated_at'],
      'ops_entity_history_entity_idx',
    );
  });

  await knex.schema.createTable('ops_signoffs', table => {
    table.comment(
      'Checklist sign-offs: who signed which item, for which version/environment, when',
    );
    table.increments('id').primary();
    table.string('entity_ref', 512).notNullable();
    table.string('item_id', 255).notNullable();
    table.string('version', 255).notNullable().defaultTo('');
    table.string('environment', 255).notNullable().defaultTo('');
    table.string('signed_by', 512).notNullable();
    table.timestamp('signed_at', { useTz: true }).notNullable();
    table.text('comment').nullable();
    table.index(['entity_ref', 'item_id'], 'ops_signoffs_entity_idx');
  });

  await knex.schema.createTable('ops_waivers', table => {
    table.comment(
      'Waivers: a failing check counts as waived until it expires or is revoked',
    );
    table.string('id', 36).primary();
    table.string('entity_ref', 512).notNullable();
    table.string('check_id', 255).notNullable();
    table.text('reason').notNullable();
    table.timestamp('expires_at', { useTz: true }).notNullable();
    table.string('created_by', 512).notNullable();
    table.timestamp('created_at', { useTz: true }).notNullable();
    table.timestamp('revoked_at', { useTz: true }).nullable();
    table.string('revoked_by', 512).nullable();
    table.index(['entity_ref'], 'ops_waivers_entity_idx');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  for (const table of [
    'ops_waivers',
    'ops_signoffs',
    'ops_entity_history',
    'ops_owner_trend',
    'ops_scorecard_results',
    'ops_entity_results',
    'ops_evaluations',
  ]) {
    await knex.schema.dropTable(table);
  }
};
