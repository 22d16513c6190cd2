import { entityContentKey, evaluationDay, scoredFieldsKey } from './contentKey';

const entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { owner: 'group:payments' },
};

describe('evaluationDay', () => {
  it('is the UTC day', () => {
    expect(evaluationDay(Date.parse('2026-11-27T23:59:59.999Z'))).toBe(
      '2026-11-27',
    );
    expect(evaluationDay(Date.parse('2026-11-28T00:00:00Z'))).toBe(
      '2026-11-28',
    );
  });
});

describe('entityContentKey', () => {
  it('is a 48-bit number, equal for equal inputs', () => {
    const key = entityContentKey('2026-11-27', entity);
    expect(Number.isSafeInteger(key)).toBe(true);
    expect(key).toBeGreaterThanOrEqual(0);
    expect(key).toBeLessThan(2 ** 48);
    expect(entityContentKey('2026-11-27', structuredClone(entity))).toBe(key);
  });

  it('changes with the day, the entity and the further parts', () => {
    const key = entityContentKey('2026-11-27', entity);
    const others = [
      entityContentKey('2026-11-28', entity),
      entityContentKey('2026-11-27', {
        ...entity,
        spec: { owner: 'group:payment' },
      }),
      entityContentKey('2026-11-27', entity, ''),
      entityContentKey('2026-11-27', entity, 'a', 'bc'),
      entityContentKey('2026-11-27', entity, 'ab', 'c'),
    ];
    expect(new Set([key, ...others]).size).toBe(others.length + 1);
  });

  it('has no collisions among 100,000 similar entities', () => {
    const keys = new Set<number>();
    for (let i = 0; i < 100_000; i++)
      keys.add(
        entityContentKey('2026-11-27', {
          ...entity,
          metadata: { name: `service-${i}` },
        }),
      );
    expect(keys.size).toBe(100_000);
  });
});

describe('scoredFieldsKey', () => {
  const served = {
    ...entity,
    metadata: {
      name: 'payments-api',
      uid: 'a-uid-the-catalog-adds',
      etag: 'an-etag',
      annotations: { 'opskit.io/tier': 'gold', 'backstage.io/source': 'x' },
    },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
  };

  it('ignores what stitching adds and the order of annotations', () => {
    const processed = {
      ...entity,
      metadata: {
        name: 'payments-api',
        annotations: { 'backstage.io/source': 'x', 'opskit.io/tier': 'gold' },
      },
    };
    expect(scoredFieldsKey(processed)).toBe(scoredFieldsKey(served));
  });

  it('changes with each field an evaluation reads', () => {
    const key = scoredFieldsKey(served);
    const changed = [
      { ...served, kind: 'API' },
      { ...served, metadata: { ...served.metadata, title: 'Payments' } },
      {
        ...served,
        metadata: {
          ...served.metadata,
          annotations: {
            ...served.metadata.annotations,
            'opskit.io/tier': 'silver',
          },
        },
      },
      { ...served, spec: { ...served.spec, owner: 'group:billing' } },
      { ...served, spec: { ...served.spec, lifecycle: 'production' } },
      { ...served, spec: { ...served.spec, dependsOn: ['resource:db'] } },
    ];
    for (const other of changed) expect(scoredFieldsKey(other)).not.toBe(key);
  });
});
