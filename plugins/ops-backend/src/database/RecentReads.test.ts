import { RecentReads } from './RecentReads';

describe('RecentReads', () => {
  afterEach(() => jest.useRealTimers());

  it('reuses a read for a second, per entity and kind of read, and forgets an entity on demand', async () => {
    jest.useFakeTimers({ now: 0 });
    const reads = new RecentReads<number>();
    let n = 0;
    const load = jest.fn(async () => ++n);
    expect(await reads.get('component:default/a', '', load)).toBe(1);
    expect(await reads.get('component:default/a', '', load)).toBe(1);
    expect(await reads.get('component:default/a', 'true', load)).toBe(2);
    expect(await reads.get('component:default/b', '', load)).toBe(3);
    // A write on this instance: the next read is fresh.
    reads.forget('component:default/a');
    expect(await reads.get('component:default/a', '', load)).toBe(4);
    // Another replica's write shows once the second is over.
    jest.setSystemTime(999);
    expect(await reads.get('component:default/a', '', load)).toBe(4);
    jest.setSystemTime(2000);
    expect(await reads.get('component:default/a', '', load)).toBe(5);
  });

  it('does not keep a failed read', async () => {
    const reads = new RecentReads<number>();
    await expect(
      reads.get('component:default/a', '', async () => {
        throw new Error('database unavailable');
      }),
    ).rejects.toThrow('database unavailable');
    expect(await reads.get('component:default/a', '', async () => 7)).toBe(7);
  });
});
