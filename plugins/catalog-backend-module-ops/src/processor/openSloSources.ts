import type { LocationSpec } from '@backstage/plugin-catalog-node';
import {
  containedPath,
  OPS_OPENSLO_REF_ANNOTATION,
  parseOpsRef,
} from '@opskit/plugin-ops-common';

/**
 * Where an entity's OpenSLO documents are: its `opskit.io/openslo-ref`, or
 * the `slos: {openslo: …}` of its descriptor (relative to the descriptor).
 */
export type OpenSloSource =
  | { ref: string }
  | { inDescriptor: string; file: { path: string; url?: string } };

interface Read {
  text?: string;
  error?: string;
}

/** The processor's readers, each bounded and contained to the entity's directory. */
export interface OpenSloReaders {
  location: LocationSpec;
  /** The UrlReader's ETag cache entry of this source. */
  cacheKey: string;
  readFile(catalogFile: string, relative: string): Promise<Read>;
  readDir(
    catalogFile: string,
    relative: string,
  ): Promise<Read & { texts?: string[] }>;
  readRemote(url: string, cacheKey: string): Promise<Read>;
  resolveUrl(url: string, base: string): string;
}

/** Reads a file named relative to the entity's location, on disk or with the UrlReader. */
async function relativeFile(
  relative: string,
  readers: OpenSloReaders,
  refValue: string,
): Promise<Read> {
  const { location } = readers;
  if (location.type === 'file')
    return readers.readFile(location.target, relative);
  if (location.type === 'url')
    return readers.readRemote(
      readers.resolveUrl(relative, location.target),
      readers.cacheKey,
    );
  return {
    error: `${refValue} is relative, but the entity comes from a "${location.type}" location; use url:https://… instead`,
  };
}

/**
 * The text of one OpenSLO source: a file (relative or `url:`), every
 * OpenSLO .yaml/.yml file of a `dir:` beside the catalog file, or the file a
 * descriptor names beside itself.
 */
export async function readOpenSloSource(
  source: OpenSloSource,
  readers: OpenSloReaders,
): Promise<{ text?: string[]; error?: string }> {
  const done = (read: Read) => ({
    ...(read.text !== undefined ? { text: [read.text] } : {}),
    ...(read.error !== undefined ? { error: read.error } : {}),
  });
  if ('inDescriptor' in source) {
    const named = `slos.openslo "${source.inDescriptor}" of ${source.file.path}`;
    if (source.file.url)
      return done(
        await readers.readRemote(
          readers.resolveUrl(source.inDescriptor, source.file.url),
          readers.cacheKey,
        ),
      );
    const dir = source.file.path.includes('/')
      ? source.file.path.slice(0, source.file.path.lastIndexOf('/'))
      : '';
    const relative = containedPath(
      dir ? `${dir}/${source.inDescriptor}` : source.inDescriptor,
    );
    if (!relative)
      return {
        error: `${named} points outside the entity's directory; use a path below it`,
      };
    return done(await relativeFile(relative, readers, named));
  }
  const refValue = `${OPS_OPENSLO_REF_ANNOTATION} "${source.ref}"`;
  const text = source.ref.trim();
  if (text.startsWith('dir:')) {
    const dir = containedPath(text.slice(4).trim() || '.');
    if (dir === undefined)
      return {
        error: `${refValue} points outside the entity's directory; use a path below it`,
      };
    if (readers.location.type !== 'file')
      return {
        error: `${refValue}: a directory is read only beside a catalog file on disk; name a file (./slos.yaml) or url:https://… instead`,
      };
    const read = await readers.readDir(readers.location.target, dir);
    return read.error !== undefined
      ? { error: read.error }
      : { text: read.texts ?? [] };
  }
  const ref = parseOpsRef(text);
  if (ref.type === 'invalid')
    return { error: `${OPS_OPENSLO_REF_ANNOTATION} ${ref.message}` };
  if (ref.type === 'url')
    return done(await readers.readRemote(ref.url, readers.cacheKey));
  return done(await relativeFile(ref.path, readers, refValue));
}
