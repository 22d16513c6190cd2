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

  it('registers three read-only actions with their schemas', async () => {
    const { actions } = await registry.list();
    const ops = actions;
    expect(ops.map(a => a.name).sort()).toEqual([
      'get-compliance-summary',
      'get-entity-ops',
      'list-failing-checks-for-owner',
    ]);
    for (const action of ops) {
      expect(action.attributes).toEqual({
        readOnly: true,
        destructive: false,
        idempotent: true,
      });
      expect(action.schema.input).toEqual(
        expect.objectContaining({ type: 'object' }),
      );
    }
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
  });
});
