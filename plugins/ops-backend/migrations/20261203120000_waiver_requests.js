// @ts-check

/**
 * Waivers become requests: a waiver is `pending` until an approver decides
 * (`approved` or `denied`, with who, when and a comment). A pending request
 * holds its entity and check's `active_key` like an active waiver does, so
 * there is one open request or active waiver per pair; a denial gives it up.
 * Revocation keeps its reason. Waivers written before requests existed were
 * in force: they become approved, decided by whoever wrote them.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('ops_waivers', table => {
    table
      .string('status', 16)
      .notNullable()
      .defaultTo('approved')
      .comment(
        'pending, approved or denied (revoked and expired come from revoked_at and expires_at)',
      );
    table.string('decided_by', 255).nullable();
    table.timestamp('decided_at', { useTz: true }).nullable();
    table.text('decision_comment').nullable();
    table.text('revoke_reason').nullable();
    table.index(['status', 'created_at'], 'ops_waivers_status_idx');
  });
  await knex('ops_waivers').update({
    decided_by: knex.ref('created_by'),
    decided_at: knex.ref('created_at'),
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  // Requests never decided were not in force: they go, as they had no place before.
  await knex('ops_waivers').whereNot('status', 'approved').delete();
  await knex.schema.alterTable('ops_waivers', table => {
    table.dropIndex(['status', 'created_at'], 'ops_waivers_status_idx');
    table.dropColumn('status');
    table.dropColumn('decided_by');
    table.dropColumn('decided_at');
    table.dropColumn('decision_comment');
    table.dropColumn('revoke_reason');
  });
};
