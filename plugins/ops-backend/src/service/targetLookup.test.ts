import { mockCredentials } from '@backstage/backend-test-utils';
import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { TargetLookup } from './targetLookup';

const HIDDEN = 'group:default/security-incident-team';
const PUBLIC = 'group:default/payments-oncall';

/** A catalog that shows the hidden group to the security lead only, as a permission policy would. */
function catalog() {
  const calls: string[] = [];
  const service = {
    async getEntitiesByRefs(
      request: { entityRefs: string[] },
      options: { credentials: BackstageCredentials },
    ) {
      const user = (options.credentials.principal as any).userEntityRef;
      calls.push(user);
      return {
        items: request.entityRefs.map(ref => {
          if (ref === HIDDEN && user !== 'user:default/lead') return undefined;
          const [kind, rest] = ref.split(':');
          const [namespace, name] = rest.split('/');
          return { kind, metadata: { namespace, name } };
        }),
      };
    },
  } as unknown as CatalogService;
  return { service, calls };
}

describe('TargetLookup', () => {
  it('remembers what each caller may see for that caller only', async () => {
    const { service, calls } = catalog();
    const lookup = new TargetLookup(service);
    const lead = mockCredentials.user('user:default/lead');
    const dev = mockCredentials.user('user:default/dev');

    expect(await lookup.existing([HIDDEN, PUBLIC], lead)).toEqual(
      new Set([HIDDEN, PUBLIC]),
    );
    // The lead's answer does not leak to another user.
    expect(await lookup.existing([HIDDEN, PUBLIC], dev)).toEqual(
      new Set([PUBLIC]),
    );
    // Each caller's answer is remembered: no more catalog calls.
    await lookup.existing([HIDDEN, PUBLIC], lead);
    await lookup.existing([HIDDEN, PUBLIC], dev);
    expect(calls).toEqual(['user:default/lead', 'user:default/dev']);
  });
});
