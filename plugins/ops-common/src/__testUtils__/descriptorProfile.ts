import { buildOpsProfile } from '../profile';

/** The profile of a component named `checkout` whose ops.yaml is `body` (after the apiVersion and kind). */
export function descriptorProfile(body: string) {
  return buildOpsProfile({
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: {
        'opskit.io/descriptor': `apiVersion: opskit.io/v1\nkind: OpsDescriptor\n${body}`,
      },
    },
    spec: {},
  }).profile;
}
