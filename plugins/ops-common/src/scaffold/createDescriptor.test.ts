import { BUILT_IN_DEFAULTS } from '../defaults';
import { buildOpsProfile } from '../profile';
import { readOpsConfig } from '../config';
import { readYaml } from '../descriptor/yaml';
import { NOW } from '../__testUtils__/examples';
import { createOpsDescriptor } from './createDescriptor';

describe('createOpsDescriptor', () => {
  it("writes the tier's org defaults and the template's answers as a valid ops.yaml", () => {
    const { descriptor, text, issues } = createOpsDescriptor(
      BUILT_IN_DEFAULTS,
      {
        tier: 'tier-1',
        environments: [
          { name: 'production', url: 'https://orders.example.com' },
          { name: 'staging' },
        ],
        onCallGroup: 'group:orders-oncall',
        escalation: ['group:orders-leads'],
        slos: [{ name: 'Uptime', objective: { op: 'gte', value: 99.95 } }],
      },
      { now: NOW },
    );
    expect(issues.filter(i => i.severity === 'error')).toEqual([]);
    expect(text.startsWith('# Operations descriptor')).toBe(true);
    // The text is what the catalog will read: it round-trips to the same data.
    expect(readYaml(text, 'ops.yaml').value).toEqual(descriptor);
    const profile = buildOpsProfile({
      kind: 'Component',
      metadata: {
        name: 'orders',
        annotations: { 'opskit.io/descriptor': text },
      },
      spec: { owner: 'group:orders' },
    }).profile;
    expect(profile.tier).toBe('tier-1');
    expect(profile.slos?.map(s => s.name)).toEqual([
      'Response time (p95)',
      'Error rate',
      'Uptime',
    ]);
    expect(profile.slos?.[2].objective.value).toBe(99.95);
    expect(profile.escalation).toEqual([
      { targets: ['group:orders-oncall'], after: '15m' },
      { targets: ['group:orders-leads'] },
    ]);
    expect(profile.deployment?.checklist?.map(i => i.id)).toEqual(
      BUILT_IN_DEFAULTS.checklist.map(i => i.id),
    );
    expect(profile.sources.slos).toBe('descriptor');
  });

  it("uses the organisation's configured defaults", () => {
    const { defaults } = readOpsConfig({
      defaults: {
        checklist: [{ id: 'security-review', title: 'Security review done' }],
      },
    });
    const { descriptor } = createOpsDescriptor(
      defaults,
      { tier: 'tier-3' },
      { now: NOW },
    );
    expect((descriptor.deployment as any).checklist).toEqual([
      { id: 'security-review', title: 'Security review done', required: true },
    ]);
  });

  it('reports invalid answers as errors with their paths', () => {
    const { issues } = createOpsDescriptor(
      BUILT_IN_DEFAULTS,
      {
        tier: 'tier-2',
        environments: [{ name: 'Prod Env' }],
        slos: [{ name: 'Uptime', objective: { op: 'gte', value: 180 } }],
      },
      { now: NOW },
    );
    const errors = issues.filter(i => i.severity === 'error').map(i => i.path);
    expect(errors).toEqual(
      expect.arrayContaining([
        'environments[0].name',
        'slos[2].objective.value',
      ]),
    );
  });
});
