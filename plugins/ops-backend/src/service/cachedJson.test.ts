import { gunzipSync } from 'node:zlib';
import { CachedJson } from './cachedJson';

/** A response that records what was sent. */
function answer() {
  const sent: {
    headers: Record<string, string>;
    status: number;
    body?: Buffer;
  } = {
    headers: {},
    status: 200,
  };
  const res = {
    setHeader: (name: string, value: string) => {
      sent.headers[name.toLowerCase()] = value;
    },
    type: (type: string) => {
      sent.headers['content-type'] = type;
    },
    status: (code: number) => {
      sent.status = code;
      return { end: () => undefined };
    },
    end: (body: Buffer) => {
      sent.body = body;
    },
  };
  return { res, sent };
}

describe('CachedJson', () => {
  it('builds a body once per key, compressed for clients that take gzip, and answers a matching ETag with 304', async () => {
    const cache = new CachedJson();
    const build = jest.fn(async () => ({ items: [{ entityRef: 'a' }] }));
    const plain = answer();
    await cache.send({ headers: {} }, plain.res, 'k', build);
    expect(JSON.parse(plain.sent.body!.toString())).toEqual({
      items: [{ entityRef: 'a' }],
    });
    expect(plain.sent.headers['content-encoding']).toBeUndefined();

    const zipped = answer();
    await cache.send(
      { headers: { 'accept-encoding': 'gzip, deflate' } },
      zipped.res,
      'k',
      build,
    );
    expect(zipped.sent.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(zipped.sent.body!).toString()).toBe(
      plain.sent.body!.toString(),
    );
    expect(build).toHaveBeenCalledTimes(1);

    const revalidated = answer();
    await cache.send(
      { headers: { 'if-none-match': plain.sent.headers.etag } },
      revalidated.res,
      'k',
      build,
    );
    expect(revalidated.sent.status).toBe(304);
    expect(revalidated.sent.body).toBeUndefined();

    // Another key is another answer; a failing build is not kept.
    const other = answer();
    await cache.send({ headers: {} }, other.res, 'other', async () => ({
      n: 1,
    }));
    expect(other.sent.headers.etag).not.toBe(plain.sent.headers.etag);
    await expect(
      cache.send({ headers: {} }, answer().res, 'bad', async () => {
        throw new Error(
          'cursor refers to an evaluation that is no longer kept',
        );
      }),
    ).rejects.toThrow('no longer kept');
    const retried = answer();
    await cache.send({ headers: {} }, retried.res, 'bad', async () => ({
      ok: true,
    }));
    expect(JSON.parse(retried.sent.body!.toString())).toEqual({ ok: true });
  });
});
