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
    // Worst first, and every failing check is counted.
    expect(failing.entities[0].score).toBeLessThanOrEqual(
      failing.entities[1].score,
    );
    const total = failing.entities.reduce(
      (n: number, e: any) => n + e.failingChecks.length,
      0,
    );
    expect(
      Object.values(failing.checkCounts).reduce((a: any, b: any) => a + b, 0),
    ).toBe(total);
  });
});
