import { registerMswTestHooks } from '@backstage/test-utils';
import { ResponseError } from '@backstage/errors';
import { createOpsServer } from '../__testUtils__/opsServer';
import { exampleEntity } from '../__testUtils__/fixtures';
import { opsClient } from '../__testUtils__/renderOps';
import { describeError } from '../components/common';

describe('OpsClient', () => {
  const ops = createOpsServer({ entities: [exampleEntity('payments-api')] });
  registerMswTestHooks(ops.server);
  const client = opsClient();

  it('maps filters to the API query: text becomes q, lists repeat', async () => {
    await client.listCompliance({
      filter: {
        owner: ['group:default/a', 'group:default/b'],
        text: 'pay',
        tier: ['tier-1'],
      },
      sort: { field: 'score', order: 'desc' },
      limit: 50,
      cursor: 'abc',
    });
    const url = ops.requests.at(-1)!;
    expect(url.pathname).toBe('/api/ops/compliance');
    expect(url.searchParams.getAll('owner')).toEqual([
      'group:default/a',
      'group:default/b',
    ]);
    expect(url.searchParams.get('q')).toBe('pay');
    expect(url.searchParams.get('text')).toBeNull();
    expect(url.searchParams.get('sort')).toBe('score');
    expect(url.searchParams.get('order')).toBe('desc');
    expect(url.searchParams.get('limit')).toBe('50');
    expect(url.searchParams.get('cursor')).toBe('abc');
  });

  it('reads an entity by its ref', async () => {
    const data = await client.getEntityOps('component:default/payments-api');
    expect(data.entityRef).toBe('component:default/payments-api');
    expect(data.scorecards).toHaveLength(2);
  });

  it('turns an error response into a ResponseError carrying the backend message', async () => {
    const error = await client
      .getEntityOps('component:default/nope')
      .catch(e => e);
    expect(error).toBeInstanceOf(ResponseError);
    expect(error.statusCode).toBe(404);
    expect(describeError(error)).toBe('No entity component:default/nope');
  });

  it('says when a refresh is refused because one is running', async () => {
    expect(await client.refresh()).toEqual({ started: true });
    expect(await client.refresh()).toEqual({ started: false });
  });

  it('exports the filtered list as a file', async () => {
    const blob = await client.exportCompliance('csv', {
      filter: { level: ['gold'] },
    });
    expect(await blob.text()).toBe('entityRef,score\n');
    const url = ops.requests.at(-1)!;
    expect(url.searchParams.get('format')).toBe('csv');
    expect(url.searchParams.getAll('level')).toEqual(['gold']);
  });
});
