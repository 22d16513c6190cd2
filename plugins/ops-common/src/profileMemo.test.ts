import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { BUILT_IN_DEFAULTS } from './defaults';
import { buildOpsProfile } from './profile';

/**
 * Entities from one template carry the same ops annotations: their ops
 * content is read once per `now` and defaults (profile.ts, contentKey), so
 * these check that each entity still gets its own profile, as if read alone.
 */

const NOW = Date.parse('2026-11-27T12:00:00Z');
const payments = readFileSync(
  resolve(__dirname, 'openslo/__fixtures__/payments.openslo.yaml'),
  'utf8',
);
const DESCRIPTOR = JSON.stringify({
  apiVersion: 'opskit.io/v1',
  kind: 'OpsDescriptor',
  tier: 'tier-2',
  environments: [{ name: 'production', url: 'https://shop.example.com' }],
  recovery: { steps: ['Restore'], lastTested: '2026-11-01' },
});

const entity = (
  name: string,
  annotations: Record<string, string>,
  owner = `group:${name}-team`,
) => ({
  kind: 'Component',
  metadata: { name, annotations },
  spec: { type: 'service', owner, lifecycle: 'production' },
});

describe('profiles of entities that share their ops data', () => {
  it('gives each entity its own fields and its own copy of the shared content', () => {
    const annotations = { 'opskit.io/descriptor': DESCRIPTOR };
    const built = ['a', 'b', 'c', 'd'].map(
      name => buildOpsProfile(entity(name, annotations), { now: NOW }).profile,
    );
    expect(built.map(p => [p.entityRef, p.owner])).toEqual([
      ['component:default/a', 'group:a-team'],
      ['component:default/b', 'group:b-team'],
      ['component:default/c', 'group:c-team'],
      ['component:default/d', 'group:d-team'],
    ]);
    const alone = buildOpsProfile(entity('d', annotations), {
      now: NOW,
    }).profile;
    expect(built[3]).toEqual(alone);
    // A caller changing its profile changes no other.
    built[2].environments!.push({ name: 'staging' });
    built[2].sources.tier = 'annotation';
    const next = buildOpsProfile(entity('e', annotations), {
      now: NOW,
    }).profile;
    expect(next.environments).toEqual([
      { name: 'production', url: 'https://shop.example.com' },
    ]);
    expect(next.sources.tier).toBe('descriptor');
  });

  it('reads the same content again at another time, with other defaults or another annotation', () => {
    const annotations = { 'opskit.io/descriptor': DESCRIPTOR };
    for (let i = 0; i < 3; i++)
      buildOpsProfile(entity(`x${i}`, annotations), { now: NOW });
    // lastTested 2026-11-01 is in the future on 2026-10-01.
    const earlier = buildOpsProfile(entity('y', annotations), {
      now: Date.parse('2026-10-01T00:00:00Z'),
    });
    expect(earlier.issues.map(i => i.path)).toContain('recovery.lastTested');
    const defaults = { ...BUILT_IN_DEFAULTS, fallbackTier: 'tier-4' as const };
    const other = buildOpsProfile(
      entity('z', {
        'opskit.io/descriptor': DESCRIPTOR.replace(',"tier":"tier-2"', ''),
      }),
      { now: NOW, defaults },
    );
    expect(other.profile.effectiveTier).toBe('tier-4');
    const annotated = buildOpsProfile(
      entity('w', { ...annotations, 'opskit.io/tier': 'tier-1' }),
      { now: NOW },
    );
    expect(annotated.profile.tier).toBe('tier-1');
    expect(annotated.profile.sources.tier).toBe('annotation');
  });

  it("checks OpenSLO documents against each entity's own name", () => {
    const annotations = { 'opskit.io/openslo': payments };
    const names = ['payments-api', 'payments-api', 'payments-api', 'orders'];
    const warned = names.map(name =>
      buildOpsProfile(entity(name, annotations), { now: NOW }).issues.some(i =>
        /is not this entity \("orders"\)/.test(i.message),
      ),
    );
    expect(warned).toEqual([false, false, false, true]);
  });
});
