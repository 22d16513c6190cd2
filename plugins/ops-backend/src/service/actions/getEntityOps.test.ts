import {
  actionsUser,
  startActionsBackend,
} from '../../__testUtils__/actionsBackend';

jest.setTimeout(60_000);

describe('get-entity-ops', () => {
  let registry: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    registry = await startActionsBackend();
  });

  it('answers "is payments-api production-ready?" and says what a broken service lacks', async () => {
    const { output } = (await registry.invoke({
      id: 'test:get-entity-ops',
      input: { entityRef: 'payments-api' },
      credentials: actionsUser,
    })) as any;
    expect(output.entityRef).toBe('component:default/payments-api');
    expect(output.tier).toBe('tier-1');
    expect(output.validationErrors).toEqual([]);
    expect(output.scorecards.map((c: any) => c.id)).toEqual([
      'deployment',
      'monitoring',
    ]);
    expect(output.productionReady).toBe(
      output.scorecards.every((c: any) => c.level !== 'none'),
    );
    expect(output.escalation[0]).toEqual(
      expect.arrayContaining([expect.stringContaining('payments-oncall')]),
    );
    // The latency SLO has a query, measured per environment once a fact provider (Prometheus) is installed; none is here.
    expect(output.slos[0]).toMatchObject({
      name: 'Response time (p95)',
      objective: '< 200 ms',
    });
    expect(
      output.slos[0].live.map((l: any) => [l.environment, l.state]),
    ).toEqual([
      ['development', 'unmeasured'],
      ['staging', 'unmeasured'],
      ['production', 'unmeasured'],
    ]);
    expect(output.slos[1].live).toEqual([]);

    const broken = (
      await registry.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'component:default/legacy-billing' },
        credentials: actionsUser,
      })
    ).output as any;
    expect(broken.productionReady).toBe(false);
    expect(broken.validationErrors.length).toBeGreaterThan(0);
    expect(broken.failingChecks[0]).toEqual(
      expect.objectContaining({
        id: expect.any(String),
        howToFix: expect.any(String),
      }),
    );
    await expect(
      registry.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'component:default/nope' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/no entity component:default\/nope/);
  });
});
