import {
  actionsUser,
  startActionsBackend,
} from '../../__testUtils__/actionsBackend';

jest.setTimeout(60_000);

describe('list-failing-checks-for-owner', () => {
  let registry: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    registry = await startActionsBackend();
  });

  it('lists an owner’s failing checks, worst first, every failing check counted', async () => {
    const failing = (
      await registry.invoke({
        id: 'test:list-failing-checks-for-owner',
        input: { owner: 'group:default/platform-team' },
        credentials: actionsUser,
      })
    ).output as any;
    expect(failing.entities.map((e: any) => e.entityRef).sort()).toEqual([
      'component:default/legacy-billing',
      'component:default/notifications-worker',
    ]);
    // Worst first: legacy-billing is the broken example.
    expect(failing.entities.map((e: any) => e.score)).toEqual([4.2, 17.8]);
    // Per check, how many of the two fail it: what the examples' ops data says.
    expect(failing.checkCounts).toEqual({
      'production-environment': 1,
      'deployment-process': 2,
      'rollback-plan': 2,
      'checklist-signed-off': 2,
      'backups-scheduled': 1,
      'recovery-tested': 1,
      'runbook-published': 2,
      'slo-indicators': 2,
      'monitoring-tools': 2,
      'production-dashboards': 2,
      'alert-routing': 2,
      'severities-ordered': 1,
      'escalation-path': 2,
      // notifications-worker logs plain text; legacy-billing has no logging section and gets the default.
      'structured-logging': 1,
    });
    expect(failing.truncated).toBe(false);
  });
});
