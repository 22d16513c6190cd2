import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  DEFAULT_SCORING_CONFIG,
  type OpsCheck,
} from '@opskit/plugin-ops-common';
import { opsExtensionPoint } from '@opskit/plugin-ops-node';
import request from 'supertest';
import { opsPlugin } from '../plugin';
import { exampleCatalog } from '../__testUtils__/exampleCatalog';
import { OpsExtensions } from './extensionRegistry';
import { opsTestConfig } from '../__testUtils__/testConfig';

jest.setTimeout(60_000);

/** A check a security team would add: services need a security contact annotation. */
const securityContact: OpsCheck = {
  id: 'security-contact',
  scorecard: 'deployment',
  title: 'Security contact named',
  description: 'Someone to call about a vulnerability.',
  howToFix: 'Add the security.example.com/contact annotation.',
  level: 'bronze',
  weight: 1,
  evaluate: ({ profile }) =>
    profile.owner?.endsWith('payments-team')
      ? { status: 'pass', message: 'payments-security' }
      : { status: 'fail', message: 'no security contact' },
};

describe('checks from backend modules (ops-node extension point)', () => {
  it('scores with a check added by a module, in the API and in the catalog-wide evaluation', async () => {
    const module = createBackendModule({
      pluginId: 'ops',
      moduleId: 'security-checks',
      register(env) {
        env.registerInit({
          deps: { checks: opsExtensionPoint },
          async init({ checks }) {
            checks.addChecks(securityContact);
          },
        });
      },
    });
    const { server } = await startTestBackend({
      features: [
        opsPlugin,
        module,
        opsTestConfig(),
        catalogServiceMock.factory({ entities: exampleCatalog() }),
        mockServices.scheduler.factory({
          includeInitialDelayedTasksOnStartup: true,
        }),
      ],
    });
    const auth = {
      Authorization: mockCredentials.user.header('user:default/jane'),
    };
    const checks = await request(server).get('/api/ops/checks').set(auth);
    expect(checks.body.checks.map((c: any) => c.id)).toContain(
      'security-contact',
    );
    expect(checks.body.checks).toHaveLength(20);

    const payments = await request(server)
      .get('/api/ops/entities/component/default/payments-api')
      .set(auth);
    const result = payments.body.scorecards
      .find((c: any) => c.scorecard === 'deployment')
      .results.find((r: any) => r.checkId === 'security-contact');
    expect(result).toMatchObject({
      status: 'pass',
      title: 'Security contact named',
    });

    let summary: any;
    for (let i = 0; i < 100 && !summary?.evaluation; i++) {
      summary = (
        await request(server).get('/api/ops/compliance/summary').set(auth)
      ).body;
      if (!summary.evaluation) await new Promise(r => setTimeout(r, 100));
    }
    // Three of the four examples are owned by other teams: they fail the module's check.
    expect(summary.failingCounts['security-contact']).toBe(3);
  });

  it('refuses a malformed or duplicate check with a message naming it', () => {
    const registry = new OpsExtensions();
    expect(registry.checkSet(DEFAULT_SCORING_CONFIG).inlineOnly).toBe(false);
    expect(() =>
      registry.addChecks({ ...securityContact, id: 'slo-indicators' }),
    ).toThrow(/"slo-indicators" is registered twice/);
    expect(() =>
      registry.addChecks({ ...securityContact, scorecard: 'security' }),
    ).toThrow(
      /scorecard "security" does not exist; use one of deployment, monitoring/,
    );
    expect(() =>
      registry.addChecks({ ...securityContact, id: 'Bad Id' }),
    ).toThrow(/lower-case slug/);
    expect(() =>
      registry.addChecks({ ...securityContact, evaluate: undefined as any }),
    ).toThrow(/no evaluate function/);
    registry.addChecks(securityContact);
    const set = registry.checkSet(DEFAULT_SCORING_CONFIG);
    expect(set.inlineOnly).toBe(true);
    expect(set.checks.map(c => c.id)).toContain('security-contact');
  });

  it('refuses a malformed or duplicate fact provider with a message naming it', () => {
    const registry = new OpsExtensions();
    const provider = { id: 'deploys', collect: async () => [] };
    registry.addFactProviders(provider);
    expect(() => registry.addFactProviders(provider)).toThrow(
      /"deploys" is registered twice/,
    );
    expect(() =>
      registry.addFactProviders({ ...provider, id: 'Deploys!' }),
    ).toThrow(/lower-case slug/);
    expect(() =>
      registry.addFactProviders({ id: 'x', collect: undefined as any }),
    ).toThrow(/"x" has no collect function/);
    expect(registry.factProviders().map(p => p.id)).toEqual(['deploys']);
  });
});
