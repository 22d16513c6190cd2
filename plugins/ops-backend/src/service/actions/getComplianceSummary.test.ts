import {
  actionsUser,
  startActionsBackend,
} from '../../__testUtils__/actionsBackend';

jest.setTimeout(60_000);

describe('get-compliance-summary', () => {
  let registry: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    registry = await startActionsBackend();
  });

  it('summarises the catalog or one owner', async () => {
    const all = (
      await registry.invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: actionsUser,
      })
    ).output as any;
    expect(all.entityCount).toBe(4);
    expect(all.stale).toBe(false);
    expect(all.topFailingChecks.length).toBeGreaterThan(0);
    const platform = (
      await registry.invoke({
        id: 'test:get-compliance-summary',
        input: { owner: 'group:default/platform-team' },
        credentials: actionsUser,
      })
    ).output as any;
    expect(platform.entityCount).toBe(2);
  });
});
