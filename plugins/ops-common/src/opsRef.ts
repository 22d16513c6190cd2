/**
 * `opskit.io/ops-ref` values, read the way `backstage.io/techdocs-ref` is:
 * `dir:.` (= ./ops.yaml, else ./runbook.md), `dir:./ops` (= ./ops/ops.yaml,
 * else ./ops/runbook.md), a relative file path (`./docs/runbook.md` is read
 * as a Markdown runbook), or `url:https://…`. Pure: the catalog module and
 * the CLI do the reading.
 */

import { descriptorAnnotations } from './descriptor/descriptorFile';
import {
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_REF_ANNOTATION,
  type OpsEntityLike,
} from './annotations';

/** @public */
export const DEFAULT_DESCRIPTOR_FILE = 'ops.yaml';

/**
 * The runbook `dir:` finds when the directory has no ops.yaml.
 *
 * @public
 */
export const DEFAULT_RUNBOOK_FILE = 'runbook.md';

/** @public */
export type OpsRef =
  | {
      type: 'path';
      path: string;
      /** Read when `path` does not exist (`dir:` refs: the directory's runbook.md). */
      fallback?: string;
    }
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
  if (text.startsWith('dir:')) {
    const dir = containedPath(text.slice(4).trim() || '.');
    if (dir === undefined)
      return {
        type: 'invalid',
        message: `"${text}" points outside the entity's directory; use a path below it`,
      };
    const inDir = (file: string) => (dir ? `${dir}/${file}` : file);
    return {
      type: 'path',
      path: inDir(DEFAULT_DESCRIPTOR_FILE),
      fallback: inDir(DEFAULT_RUNBOOK_FILE),
    };
  }
  if (/^[a-z]+:/.test(text)) {
    return {
      type: 'invalid',
      message: `"${text}" has an unknown prefix; use dir:, url: or a relative file path`,
    };
  }
  const file = containedPath(text);
  if (!file)
    return {
      type: 'invalid',
      message: `"${text}" points outside the entity's directory; use a path below it`,
    };
  return { type: 'path', path: file };
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
    const attempt = (path: string) =>
      Object.assign(extra, descriptorAnnotations(read(path), { path }));
    try {
      attempt(ref.path);
    } catch (error) {
      try {
        if (!ref.fallback) throw error;
        attempt(ref.fallback);
      } catch {
        extra[OPS_DESCRIPTOR_ERROR_ANNOTATION] = `could not read ${ref.path}: ${
          (error as Error).message
        }`;
      }
    }
  }
  return {
    ...entity,
    metadata: { ...entity.metadata, annotations: { ...annotations, ...extra } },
  };
}
