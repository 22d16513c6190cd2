import { exampleEntity, NOW } from './__testUtils__/examples';
import { readOpsConfig } from './config';
import { buildOpsProfile } from './profile';

const entity = (
  annotations: Record<string, unknown>,
  spec: Record<string, unknown> = { type: 'service', owner: 'group:team' },
) => ({
  kind: 'Component',
  metadata: { name: 'svc', annotations },
  spec,
});
const descriptor = (body: string) =>
  `apiVersion: opskit.io/v1\nkind: OpsDescriptor\n${body}`;

describe('buildOpsProfile', () => {
  it('builds the compliant example from its descriptor file', () => {
    const { profile, issues } = buildOpsProfile(exampleEntity('payments-api'), {
      now: NOW,
    });
    expect(issues).toEqual([]);
    expect(profile).toMatchObject({
      entityRef: 'component:default/payments-api',
      tier: 'tier-1',
      effectiveTier: 'tier-1',
      owner: 'group:payments-team',
      system: 'commerce',
      dataStores: ['resource:payments-db', 'resource:payments-ledger-bucket'],
      references: { pagerDutyServiceId: 'PX1234', techdocsRef: 'dir:.' },
      sources: {
        environments: 'descriptor',
        slos: 'descriptor',
        severities: 'descriptor',
        tier: 'descriptor',
      },
    });
  });

  it('builds the annotation-only example, escalation short form included', () => {
    const { profile, issues } = buildOpsProfile(
      exampleEntity('inventory-service'),
      { now: NOW },
    );
    expect(issues).toEqual([]);
    expect(profile.tier).toBe('tier-2');
    expect(profile.escalation).toEqual([
      { targets: ['group:inventory-oncall'] },
      { targets: ['group:eng-managers'] },
    ]);
    expect(profile.deployment?.rollback?.steps).toHaveLength(1);
    expect(profile.sources).toMatchObject({
      environments: 'annotation',
      severities: 'defaults',
      logging: 'defaults',
    });
    expect(profile.references.grafanaDashboardSelector).toBe(
      "tags @> 'inventory'",
    );
  });

  it('applies precedence per section: annotation > descriptor > defaults', () => {
    const { profile } = buildOpsProfile(
      entity({
        'opskit.io/descriptor': descriptor(
          'tier: tier-2\nenvironments: [{name: staging}]\nlogging: {format: text}\n',
        ),
        'opskit.io/environments': '- name: production\n',
        'opskit.io/tier': 'tier-1',
      }),
      { now: NOW },
    );
    expect(profile.environments).toEqual([{ name: 'production' }]);
    expect(profile.logging).toEqual({ format: 'text' });
    expect(profile.severities?.[0].id).toBe('P1');
    expect(profile.tier).toBe('tier-1');
    expect(profile.sources).toMatchObject({
      environments: 'annotation',
      logging: 'descriptor',
      severities: 'defaults',
      tier: 'annotation',
    });
  });

  it('falls back to the descriptor when the annotation of a section is broken', () => {
    const { profile, issues } = buildOpsProfile(
      entity({
        'opskit.io/descriptor': descriptor('environments: [{name: staging}]\n'),
        'opskit.io/environments': '- name: [',
      }),
      { now: NOW },
    );
    expect(profile.environments).toEqual([{ name: 'staging' }]);
    expect(issues[0]).toMatchObject({
      source: 'annotation opskit.io/environments',
      message: expect.stringMatching(
        /^YAML syntax error at line 2, column 1: unexpected end of the stream/,
      ),
    });
  });

  it('fills org defaults from config for the tier', () => {
    const { defaults } = readOpsConfig({
      defaults: {
        fallbackTier: 'tier-4',
        checklist: [{ id: 'security-review', title: 'Security review' }],
      },
    });
    const { profile, issues } = buildOpsProfile(
      entity({ 'opskit.io/environments': '- name: production' }),
      { defaults, now: NOW },
    );
    expect(profile.effectiveTier).toBe('tier-4');
    expect(profile.deployment?.checklist).toEqual([
      { id: 'security-review', title: 'Security review', required: true },
    ]);
    expect(issues).toEqual([
      expect.objectContaining({
        path: 'tier',
        message: expect.stringMatching(/tier-4 policy applies/),
      }),
    ]);
  });

  it('asks to quote annotations that are not strings', () => {
    const { issues } = buildOpsProfile(
      entity({ 'opskit.io/tier': 1, 'opskit.io/slos': [{ name: 'x' }] }),
      { now: NOW },
    );
    expect(issues.map(i => i.message)).toEqual([
      expect.stringMatching(
        /^annotation values must be strings, but YAML read a list .*quote it/,
      ),
      expect.stringMatching(
        /^annotation values must be strings, but YAML read number 1; quote it/,
      ),
      expect.stringMatching(/no tier declared/),
    ]);
  });

  it('reports a descriptor the catalog module could not read, and an unresolved ops-ref', () => {
    expect(
      buildOpsProfile(
        entity({
          'opskit.io/ops-ref': 'dir:.',
          'opskit.io/descriptor-error': 'ops.yaml not found',
        }),
      ).issues[0],
    ).toMatchObject({ severity: 'error', message: 'ops.yaml not found' });
    expect(
      buildOpsProfile(entity({ 'opskit.io/ops-ref': 'dir:.' })).issues[0],
    ).toMatchObject({
      severity: 'warning',
      message: expect.stringMatching(/not been loaded/),
    });
  });

  it('explains every mistake in the broken example without losing its valid parts', () => {
    const { profile, issues } = buildOpsProfile(
      exampleEntity('legacy-billing'),
      { now: NOW },
    );
    const paths = issues.map(i => i.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'tier',
        'environments[0].name',
        'environments[2].name',
        'environments[1].url',
        'slos[2].unit',
        'monitoring.tools[0].purpose',
        'incident.severities[1].responseTime',
        'incident.escalation[0].targets',
        'backups[0].retention',
        'recovery.lastTested',
      ]),
    );
    expect(
      issues.find(i => i.source === 'annotation opskit.io/backups')?.message,
    ).toMatch(/^YAML syntax error at line 3, column 14: bad indentation/);
    expect(profile.environments?.map(e => e.name)).toEqual(['prod', 'prod']);
    expect(
      profile.environments?.some(e => e.url?.startsWith('javascript')),
    ).toBe(false);
    expect(profile.slos?.map(s => s.name)).toEqual([
      'Latency',
      'Uptime',
      'Saturation',
    ]);
  });

  it('never throws on nonsense entities', () => {
    for (const junk of [
      null,
      undefined,
      42,
      'x',
      [],
      { metadata: 'x' },
      { metadata: { annotations: [] } },
      { kind: 5, spec: { dependsOn: 'x' } },
    ]) {
      expect(() => buildOpsProfile(junk as any)).not.toThrow();
    }
  });
});
