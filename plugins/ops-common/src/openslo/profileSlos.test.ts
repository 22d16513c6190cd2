import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { buildOpsProfile } from '../profile';

const payments = readFileSync(
  resolve(__dirname, '__fixtures__/payments.openslo.yaml'),
  'utf8',
);

const entity = (
  annotations: Record<string, string>,
  name = 'payments-api',
) => ({
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner: 'group:payments', lifecycle: 'production' },
});

const INLINE_SLOS = `- {name: latency, indicator: latency, unit: ms, objective: "<200ms", alert: ">500ms"}
- {name: payments-availability, indicator: availability, unit: percent, objective: ">=99%", alert: "<98%"}
`;

describe('buildOpsProfile with OpenSLO', () => {
  it('adds the OpenSLO SLOs after the listed ones, keeping a listed name once', () => {
    const { profile, issues } = buildOpsProfile(
      entity({
        'opskit.io/slos': INLINE_SLOS,
        'opskit.io/openslo': payments,
      }),
    );
    expect(profile.slos!.map(s => s.name)).toEqual([
      'latency',
      'payments-availability',
    ]);
    // The listed one wins: its objective is the inline 99%.
    expect(profile.slos![1].objective.value).toBe(99);
    expect(issues).toContainEqual({
      path: 'SLO payments-availability: metadata.name',
      severity: 'warning',
      message: expect.stringMatching(
        /^"payments-availability" is also an SLO the entity lists/,
      ),
      source: 'annotation opskit.io/openslo',
    });
  });

  it("replaces a descriptor's slos: {openslo: …} with the OpenSLO SLOs", () => {
    const { profile, issues } = buildOpsProfile(
      entity({
        'opskit.io/descriptor':
          'apiVersion: opskit.io/v1\nkind: OpsDescriptor\ntier: tier-2\nslos: {openslo: slos.yaml}\n',
        'opskit.io/openslo': payments,
      }),
    );
    expect(issues.filter(i => i.path.includes('SLO'))).toEqual([]);
    expect(profile.sources.slos).toBe('descriptor');
    expect(profile.slos).toEqual([
      expect.objectContaining({
        name: 'payments-availability',
        burnRateAlerts: [
          { severity: 'page', factor: 14.4, window: '1h', for: '5m' },
        ],
      }),
    ]);
  });

  it('has no SLOs and says so at slos.openslo when the file was not read', () => {
    const { profile, issues } = buildOpsProfile(
      entity({
        'opskit.io/descriptor':
          'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nslos: {openslo: slos.yaml}\n',
      }),
    );
    expect(profile.slos).toBeUndefined();
    expect(issues).toContainEqual({
      path: 'slos.openslo',
      severity: 'warning',
      message: expect.stringMatching(/^slos\.yaml has not been read/),
      source: 'ops.yaml',
    });
  });

  it('reports a read error of openslo-ref, and a service that is not the entity', () => {
    const failed = buildOpsProfile(
      entity({
        'opskit.io/openslo-ref': './slos.yaml',
        'opskit.io/openslo-error': 'no OpenSLO file at slos.yaml',
      }),
    );
    expect(failed.issues).toContainEqual({
      path: 'metadata.annotations["opskit.io/openslo-ref"]',
      severity: 'error',
      message: 'no OpenSLO file at slos.yaml',
      source: 'annotation opskit.io/openslo-ref',
    });
    const other = buildOpsProfile(
      entity(
        {
          'opskit.io/openslo-ref': './slos.yaml',
          'opskit.io/openslo': payments,
        },
        'billing',
      ),
    );
    expect(other.profile.slos).toHaveLength(1);
    expect(other.issues).toContainEqual(
      expect.objectContaining({
        path: 'SLO payments-availability: spec.service',
        message: expect.stringMatching(/not this entity \("billing"\)/),
      }),
    );
    // Neither annotation is "unknown".
    expect(
      [...failed.issues, ...other.issues].filter(i =>
        i.message.startsWith('unknown annotation'),
      ),
    ).toEqual([]);
  });
});
