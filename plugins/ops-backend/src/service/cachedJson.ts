import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import type { IncomingHttpHeaders } from 'node:http';

/** What is used of express's request and response (the router's are typed by the spec). */
interface Answer {
  setHeader(name: string, value: string): unknown;
  type(type: string): unknown;
  status(code: number): { end(): unknown };
  end(body: Buffer): unknown;
}

/** Bodies kept, by their size: a few hundred compliance pages. */
const MAX_BYTES = 32 * 1024 * 1024;

interface Body {
  json: Buffer;
  gzip?: Buffer;
  etag: string;
}

/**
 * JSON answers that many callers read alike (a page of the compliance list,
 * the summary), kept serialized and compressed by what they were made
 * from: a view asked for again costs neither `JSON.stringify` nor gzip,
 * the two largest costs of answering it from cached rows. The key must
 * name everything the body holds (run, revision, query, scope, status).
 * Answers carry an ETag, so a browser's revalidation is a 304.
 */
export class CachedJson {
  private bodies = new Map<string, Body>();
  private bytes = 0;

  async send(
    req: { headers: IncomingHttpHeaders },
    res: Answer,
    key: string,
    build: () => Promise<unknown>,
  ): Promise<void> {
    let body = this.bodies.get(key);
    if (body) {
      // Most recently used last, so the first key is the one to drop.
      this.bodies.delete(key);
      this.bodies.set(key, body);
    } else {
      const json = Buffer.from(JSON.stringify(await build()));
      body = {
        json,
        etag: `"${createHash('sha1').update(json).digest('base64url')}"`,
      };
      this.keep(key, body);
    }
    res.setHeader('ETag', body.etag);
    res.setHeader('Vary', 'Accept-Encoding');
    res.type('application/json');
    if (req.headers['if-none-match'] === body.etag) {
      res.status(304).end();
      return;
    }
    if (/\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''))) {
      if (!body.gzip) {
        body.gzip = gzipSync(body.json, { level: 6 });
        this.bytes += body.gzip.length;
        this.evict();
      }
      // Already encoded: the framework's compression leaves it as it is.
      res.setHeader('Content-Encoding', 'gzip');
      res.end(body.gzip);
      return;
    }
    res.end(body.json);
  }

  private keep(key: string, body: Body) {
    this.bodies.set(key, body);
    this.bytes += body.json.length;
    this.evict();
  }

  /** Drops the least recently used bodies until the kept ones fit. */
  private evict() {
    for (const [oldest, old] of this.bodies) {
      if (this.bytes <= MAX_BYTES) break;
      this.bodies.delete(oldest);
      this.bytes -= old.json.length + (old.gzip?.length ?? 0);
    }
  }
}
