import { readView, viewKey, writeView } from './complianceSearch';

describe('compliance view in the URL', () => {
  it('round-trips filters, sort, page size and cursor', () => {
    const params = new URLSearchParams(
      'owner=group:default/a&owner=group:default/b&tier=tier-1&q=pay&sort=owner&order=desc&limit=50&cursor=xyz&scorecard=monitoring&budgetBelow=25',
    );
    const view = readView(params);
    expect(view).toEqual({
      filter: {
        owner: ['group:default/a', 'group:default/b'],
        tier: ['tier-1'],
        text: 'pay',
        scorecard: 'monitoring',
        budgetBelow: 25,
      },
      sort: { field: 'owner', order: 'desc' },
      limit: 50,
      cursor: 'xyz',
    });
    expect(readView(writeView(view))).toEqual(view);
  });

  it('falls back to defaults for unknown values instead of sending them to the API', () => {
    const view = readView(
      new URLSearchParams(
        'sort=drop table&order=sideways&limit=100000&budgetBelow=lots',
      ),
    );
    expect(view.sort).toEqual({ field: 'score', order: 'asc' });
    expect(view.limit).toBe(25);
    expect(view.filter).toEqual({});
    expect(writeView(view).toString()).toBe('');
    expect(
      readView(new URLSearchParams('budgetBelow=101')).filter.budgetBelow,
    ).toBeUndefined();
  });

  it('keys a view without its page, so paging does not reset the cursor history', () => {
    const first = readView(new URLSearchParams('tier=tier-1'));
    const second = readView(new URLSearchParams('tier=tier-1&cursor=abc'));
    expect(viewKey(first)).toBe(viewKey(second));
    expect(viewKey(first)).not.toBe(
      viewKey(readView(new URLSearchParams('tier=tier-2'))),
    );
  });
});
