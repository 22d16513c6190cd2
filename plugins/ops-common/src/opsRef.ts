/**
 * `opskit.io/ops-ref` values, read the way `backstage.io/techdocs-ref` is:
 * `dir:.` (= ./ops.yaml), `dir:./ops` (= ./ops/ops.yaml), a relative file
 * path, or `url:https://…`. Pure: the catalog module and the CLI do the reading.
 */

import { canonicalDescriptorText } from './descriptor/yaml';
import {
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_REF_ANNOTATION,
  type OpsEntityLike,
} from './annotations';

/** @public */
export const DEFAULT_DESCRIPTOR_FILE = 'ops.yaml';

/** @public */
export type OpsRef =
  | { type: 'path'; path: string }
  | { type: 'url'; url: string }
  | { type: 'invalid'; message: string };

/**
 * Normalises a relative POSIX path; undefined when it leaves its base (`..` too far, or absolute).
 *
 * @public
 */
export function containedPath(relative: string): string | undefined {
  if (
    relative.startsWith('/') ||
    /^[a-zA-Z]:[\\/]/.test(relative) ||
    relative.includes('\\') ||
    relative.includes('\0')
  )
    return undefined;
  const out: string[] = [];
  for (const part of relative.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length === 0) return undefined;
      out.pop();
    } else out.push(part);
  }
  return out.join('/');
}

/** @public */
export function parseOpsRef(value: unknown): OpsRef {
  if (typeof value !== 'string' || !value.trim()) {
    return {
      type: 'invalid',
      message: 'must be text such as "dir:." or "url:https://…"',
    };
  }
  const text = value.trim();
  if (text.startsWith('url:')) {
    const url = text.slice(4).trim();
    if (!/^https?:\/\//.test(url))
      return { type: 'invalid', message: `"${url}" is not an http(s) URL` };
    return { type: 'url', url };
  }
  let relative: string;
  if (text.startsWith('dir:')) {
    const dir = containedPath(text.slice(4).trim() || '.');
    if (dir === undefined)
      return {
        type: 'invalid',
        message: `"${text}" points outside the entity's directory; use a path below it`,
      };
    relative = dir
      ? `${dir}/${DEFAULT_DESCRIPTOR_FILE}`
      : DEFAULT_DESCRIPTOR_FILE;
  } else if (/^[a-z]+:/.test(text)) {
    return {
      type: 'invalid',
      message: `"${text}" has an unknown prefix; use dir:, url: or a relative file path`,
    };
  } else {
    const file = containedPath(text);
    if (!file)
      return {
        type: 'invalid',
        message: `"${text}" points outside the entity's directory; use a path below it`,
      };
    relative = file;
  }
  return { type: 'path', path: relative };
}

/**
 * Resolves a relative `opskit.io/ops-ref` with the given reader, as the catalog
 * module does inside Backstage: the text goes into `opskit.io/descriptor`, a
 * problem into `opskit.io/descriptor-error`. For the CLI and for tests that
 * load catalog files from disk; `url:` refs are left to the catalog.
 *
 * @public
 */
export function withLocalDescriptor(
  entity: OpsEntityLike,
  read: (relativePath: string) => string,
): OpsEntityLike {
  const annotations = entity.metadata?.annotations;
  if (
    !annotations ||
    annotations[OPS_REF_ANNOTATION] === undefined ||
    annotations[OPS_DESCRIPTOR_ANNOTATION] !== undefined
  )
    return entity;
  const ref = parseOpsRef(annotations[OPS_REF_ANNOTATION]);
  const extra: Record<string, string> = {};
  if (ref.type === 'invalid')
    extra[
      OPS_DESCRIPTOR_ERROR_ANNOTATION
    ] = `${OPS_REF_ANNOTATION} ${ref.message}`;
  else if (ref.type === 'url') return entity;
  else {
    try {
      extra[OPS_DESCRIPTOR_ANNOTATION] = canonicalDescriptorText(
        read(ref.path),
        ref.path,
      );
    } catch (error) {
      extra[OPS_DESCRIPTOR_ERROR_ANNOTATION] = `could not read ${ref.path}: ${
        (error as Error).message
      }`;
    }
  }
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations: { ...annotations, ...extra } },
  };
}
