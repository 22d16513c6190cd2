import {
  mockServices,
  TestDatabases,
  type TestDatabaseId,
} from '@backstage/backend-test-utils';
import type {
  Campaign,
  CampaignCounts,
  CampaignEntity,
  CampaignInput,
  ComplianceRow,
} from '@opskit/plugin-ops-common';
import { DatabaseOpsStore } from '../../database/DatabaseOpsStore';
import type { OpsCheckSet } from '../checkSet';
import type { CampaignNotifier } from '../notifications/CampaignNotifier';
import { CampaignProgress } from './CampaignProgress';
import { CampaignTracker } from './CampaignTracker';

jest.setTimeout(60_000);

const DAY = 86_400_000;
const CHECK_IDS = ['runbook-published', 'backups-scheduled', 'slo-indicators'];
const checks = {
  checks: [
    { id: 'runbook-published', scorecard: 'deployment' },
    { id: 'backups-scheduled', scorecard: 'deployment' },
    { id: 'slo-indicators', scorecard: 'monitoring' },
  ],
  inlineOnly: false,
  custom: [],
} as unknown as OpsCheckSet;

function row(
  name: string,
  owner: string,
  failingChecks: string[],
  over: Partial<ComplianceRow> = {},
): ComplianceRow {
  return {
    entityRef: `component:default/${name}`,
    kind: 'Component',
    type: 'service',
    owner: `group:default/${owner}`,
    tier: 'tier-1',
    declaredTier: true,
    score: 50,
    level: 'bronze',
    scorecards: { deployment: { score: 50, level: 'bronze' } },
    failingChecks,
    warningChecks: [],
    errorCount: 0,
    warningCount: 0,
    ...over,
  };
}

/** A notifier that records what it was asked to send. */
function recorder() {
  const sent: string[] = [];
  const notifier: CampaignNotifier = {
    ask: async (
      _campaign: Campaign,
      notice: 'start' | 'reminder',
      owner: string,
      entities: CampaignEntity[],
    ) => {
      sent.push(
        `${notice} ${owner}: ${entities.map(e => e.entityRef).join(' ')}`,
      );
    },
    summary: async (campaign: Campaign, counts: CampaignCounts) => {
      sent.push(
        `summary ${campaign.owner}: ${counts.done}/${counts.waived}/${counts.notDone}`,
      );
    },
  };
  return { sent, notifier };
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('campaigns over stored evaluations', () => {
  const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'SQLITE_3'] });
  const logger = mockServices.logger.mock();

  async function setUp(databaseId: TestDatabaseId, now: { ms: number }) {
    const knex = await databases.init(databaseId);
    const replicas = [];
    for (const skip of [false, true]) {
      const store = await DatabaseOpsStore.create({
        database: mockServices.database({ knex, migrations: { skip } }),
      });
      const progress = new CampaignProgress(store, checks);
      const { sent, notifier } = recorder();
      const tracker = new CampaignTracker({
        store,
        progress,
        logger,
        reminderLeadMs: 7 * DAY,
        notifier,
        now: () => now.ms,
      });
      replicas.push({ store, progress, tracker, sent });
    }
    return replicas;
  }

  async function evaluate(store: DatabaseOpsStore, rows: ComplianceRow[]) {
    const id = await store.startEvaluation('test');
    await store.writeResults(id, rows, new Date());
    return store.completeEvaluation(id, {
      checkIds: CHECK_IDS,
      historyRetentionMs: 90 * DAY,
    });
  }

  const campaign = (over: Partial<CampaignInput> = {}): CampaignInput => ({
    title: 'Runbooks everywhere',
    owner: 'group:default/sre',
    target: { checks: ['runbook-published'] },
    scope: { tier: ['tier-1'] },
    startsOn: '2026-12-01',
    deadline: '2026-12-31',
    state: 'active',
    ...over,
  });

  describe.each(databases.eachSupportedId())('%p', databaseId => {
    it('counts each evaluation, follows entities into and out of scope, and tells each owner once', async () => {
      const now = { ms: Date.UTC(2026, 11, 2) };
      const [a, b] = await setUp(databaseId, now);
      const created = await a.store.campaigns.create(
        campaign(),
        'user:default/sre-lead',
      );
      const first = await evaluate(a.store, [
        row('pay', 'payments', ['runbook-published']),
        row('ledger', 'payments', ['runbook-published', 'slo-indicators']),
        row('stock', 'inventory', []),
        row('batch', 'inventory', ['runbook-published'], { tier: 'tier-3' }),
      ]);
      // Both replicas see the run complete (only one would, on the scheduler; the store keeps it once anyway).
      await Promise.all([
        a.tracker.afterEvaluation(first),
        b.tracker.afterEvaluation(first),
      ]);

      const [measure] = await a.progress.measure([created], {}, 10);
      expect(measure.counts).toEqual({
        inScope: 3,
        done: 1,
        waived: 0,
        notDone: 2,
      });
      expect(measure.owners).toEqual([
        {
          owner: 'group:default/payments',
          inScope: 2,
          done: 0,
          waived: 0,
          notDone: 2,
        },
        {
          owner: 'group:default/inventory',
          inScope: 1,
          done: 1,
          waived: 0,
          notDone: 0,
        },
      ]);
      expect(measure.remaining.map(e => [e.entityRef, e.failing])).toEqual([
        ['component:default/ledger', ['runbook-published']],
        ['component:default/pay', ['runbook-published']],
      ]);
      // One start notice for payments, from whichever replica claimed it first; none for inventory (all done).
      expect([...a.sent, ...b.sent]).toEqual([
        'start group:default/payments: component:default/ledger component:default/pay',
      ]);

      // batch enters the scope (tier-1 now), pay fixes its runbook, ledger gets a waiver.
      await a.store.addWaiver({
        entityRef: 'component:default/ledger',
        checkId: 'runbook-published',
        reason: 'moving wiki',
        expiresAt: new Date(Date.now() + 10 * DAY),
        by: 'user:default/sam',
      });
      const second = await evaluate(a.store, [
        row('pay', 'payments', []),
        row('ledger', 'payments', ['slo-indicators']),
        row('stock', 'inventory', []),
        row('batch', 'inventory', ['runbook-published']),
      ]);
      now.ms = Date.UTC(2026, 11, 3);
      await a.tracker.afterEvaluation(second);
      const [after] = await a.progress.measure([created], {}, 10);
      // The evaluation no longer fails ledger's waived check: it reached the target thanks to the waiver.
      expect(after.counts).toEqual({
        inScope: 4,
        done: 2,
        waived: 1,
        notDone: 1,
      });
      expect(after.remaining.map(e => e.entityRef)).toEqual([
        'component:default/batch',
      ]);
      // Newly asked: inventory hears once; payments, already told, does not hear again.
      expect([...a.sent, ...b.sent].sort()).toEqual([
        'start group:default/inventory: component:default/batch',
        'start group:default/payments: component:default/ledger component:default/pay',
      ]);
      expect(
        (await b.store.campaigns.points(created.id)).map(p => [
          p.inScope,
          p.done,
          p.waived,
          p.notDone,
        ]),
      ).toEqual([
        [3, 1, 0, 2],
        [4, 2, 1, 1],
      ]);
    });

    it('reminds once inside the lead time, completes at the deadline with one summary, and leaves drafts and future campaigns alone', async () => {
      const now = { ms: Date.UTC(2026, 11, 26) };
      const [a, b] = await setUp(databaseId, now);
      const due = await a.store.campaigns.create(
        campaign(),
        'user:default/sre-lead',
      );
      const draft = await a.store.campaigns.create(
        campaign({ state: 'draft' }),
        'user:default/sre-lead',
      );
      const later = await a.store.campaigns.create(
        campaign({ startsOn: day(now.ms + 2 * DAY), deadline: '2027-03-31' }),
        'user:default/sre-lead',
      );
      const rows = [
        row('pay', 'payments', ['runbook-published']),
        row('stock', 'inventory', []),
      ];
      const run = await evaluate(a.store, rows);
      await a.tracker.afterEvaluation(run);
      await a.tracker.afterEvaluation(run);
      // Inside the reminder window, never told before: the reminder alone.
      expect(a.sent).toEqual([
        'reminder group:default/payments: component:default/pay',
      ]);
      expect(await a.store.campaigns.points(draft.id)).toEqual([]);
      expect((await a.store.campaigns.points(later.id)).length).toBe(1);

      now.ms = Date.UTC(2027, 0, 1);
      const last = await evaluate(a.store, rows);
      await Promise.all([
        a.tracker.afterEvaluation(last),
        b.tracker.afterEvaluation(last),
      ]);
      expect((await a.store.campaigns.get(due.id))?.state).toBe('completed');
      expect(
        [...a.sent, ...b.sent].filter(m => m.startsWith('summary')),
      ).toEqual(['summary group:default/sre: 1/0/1']);
      // Completed: later runs count and tell nothing more about it.
      await a.tracker.afterEvaluation(await evaluate(a.store, rows));
      expect((await a.store.campaigns.points(due.id)).length).toBe(2);
      expect(
        a.sent.filter(m => m.startsWith('summary')).length +
          b.sent.filter(m => m.startsWith('summary')).length,
      ).toBe(1);
      expect((await a.store.campaigns.get(later.id))?.state).toBe('active');
    });
  });
});
