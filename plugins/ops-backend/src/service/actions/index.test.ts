import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  actionsUser,
  startActionsBackend,
} from '../../__testUtils__/actionsBackend';

jest.setTimeout(60_000);

describe('ops actions', () => {
  let registry: Awaited<ReturnType<typeof startActionsBackend>>;
  beforeAll(async () => {
    registry = await startActionsBackend();
  });

  it('registers three read-only and two writing actions with their schemas', async () => {
    const { actions } = await registry.list();
    const attributes = Object.fromEntries(
      actions.map(a => [a.name, a.attributes]),
    );
    const reads = { readOnly: true, destructive: false, idempotent: true };
    const writes = { readOnly: false, destructive: false, idempotent: false };
    expect(attributes).toEqual({
      'get-compliance-summary': reads,
      'get-entity-ops': reads,
      'list-failing-checks-for-owner': reads,
      'record-sign-off': writes,
      'request-waiver': writes,
    });
    for (const action of actions)
      expect(action.schema.input).toEqual(
        expect.objectContaining({ type: 'object' }),
      );
  });

  it('records a sign-off and asks for a waiver as the caller, with the checks of the API', async () => {
    const signed = await registry.invoke({
      id: 'test:record-sign-off',
      input: {
        entityRef: 'payments-api',
        itemId: 'tests-passing',
        version: '2.4.0',
      },
      credentials: actionsUser,
    });
    expect(signed.output).toMatchObject({
      entityRef: 'component:default/payments-api',
      itemId: 'tests-passing',
      version: '2.4.0',
      by: 'user:default/jane',
    });
    // The same validation as the API: an item the checklist does not have.
    await expect(
      registry.invoke({
        id: 'test:record-sign-off',
        input: { entityRef: 'payments-api', itemId: 'no-such-item' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      /^itemId: "no-such-item" is not an item of component:default\/payments-api.s deployment checklist/,
    );
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const asked = await registry.invoke({
      id: 'test:request-waiver',
      input: {
        entityRef: 'payments-api',
        checkId: 'recovery-tested',
        reason: 'restore drill booked',
        expiresAt,
      },
      credentials: actionsUser,
    });
    // Allowed everything here, so approved at once, as for an approver on the Ops tab.
    expect(asked.output).toMatchObject({
      status: 'approved',
      checkId: 'recovery-tested',
    });
    await expect(
      registry.invoke({
        id: 'test:request-waiver',
        input: {
          entityRef: 'payments-api',
          checkId: 'recovery-tested',
          reason: 'again',
          expiresAt,
        },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/^recovery-tested already has a waiver until/);
  });

  it('refuses callers without the permission each action needs', async () => {
    const denied = await startActionsBackend(AuthorizeResult.DENY);
    await expect(
      denied.invoke({
        id: 'test:get-entity-ops',
        input: { entityRef: 'payments-api' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'you are not allowed to read the ops data of component:default/payments-api (ops.entity.read)',
    );
    await expect(
      denied.invoke({
        id: 'test:get-compliance-summary',
        input: {},
        credentials: actionsUser,
      }),
    ).rejects.toThrow(
      'you are not allowed to read catalog-wide compliance (ops.compliance.read)',
    );
    await expect(
      denied.invoke({
        id: 'test:record-sign-off',
        input: { entityRef: 'payments-api', itemId: 'tests-passing' },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/\(ops\.checklist\.update\)$/);
    await expect(
      denied.invoke({
        id: 'test:request-waiver',
        input: {
          entityRef: 'payments-api',
          checkId: 'recovery-tested',
          reason: 'r',
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        },
        credentials: actionsUser,
      }),
    ).rejects.toThrow(/\(ops\.waiver\.request\)$/);
  });
});
