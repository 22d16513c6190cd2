import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type {
  LoggerService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import { stringifyEntityRef, type Entity } from '@backstage/catalog-model';
import { isError, NotFoundError, NotModifiedError } from '@backstage/errors';
import type { ScmIntegrationRegistry } from '@backstage/integration';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorCache,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  descriptorAnnotations,
  MAX_YAML_LENGTH,
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_REF_ANNOTATION,
  parseOpsRef,
} from '@opskit/plugin-ops-common';

/** @public */
export interface OpsDescriptorProcessorOptions {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  /** Also emit a processing error for an unreadable descriptor (the catalog then keeps the old entity). */
  strict?: boolean;
  logger?: LoggerService;
}

/** What the cache keeps per entity, so an unchanged remote descriptor is not downloaded again. */
interface CachedDescriptor {
  url: string;
  etag?: string;
  text: string;
  [key: string]: string | undefined;
}

interface Resolution {
  text?: string;
  error?: string;
  /** The file read, as the ref names it (a `.md` file is a runbook), and where a person reads it. */
  file?: { path: string; url?: string };
  /** Nothing at that path: a `dir:` ref then tries the directory's runbook.md. */
  missing?: boolean;
}

const CACHE_KEY = 'descriptor';
const ANNOTATIONS_CACHE_KEY = 'annotations';

/** The annotations last made from a file, by a hash of what they were made from. */
interface CachedAnnotations {
  key: string;
  annotations: Record<string, string>;
  [name: string]: string | Record<string, string>;
}

/**
 * Resolves `opskit.io/ops-ref` the way TechDocs resolves `backstage.io/techdocs-ref`
 * and carries the file's text into `opskit.io/descriptor`. Parsing and
 * validation stay in ops-common: the catalog only transports the text.
 *
 * It never fails an entity for an ops problem: an emitted error makes the
 * catalog keep the entity's old version (frozen), which hides the very change
 * a team made. Problems go to `opskit.io/descriptor-error` instead, unless
 * `strict` asks for both.
 *
 * @public
 */
export class OpsDescriptorProcessor implements CatalogProcessor {
  constructor(private readonly options: OpsDescriptorProcessorOptions) {}

  getProcessorName(): string {
    return 'OpsDescriptorProcessor';
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    _originLocation: LocationSpec,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const refValue = entity.metadata.annotations?.[OPS_REF_ANNOTATION];
    if (refValue === undefined) return entity;

    let result: Resolution;
    try {
      result = await this.resolve(refValue, location, cache);
    } catch (error) {
      // Anything unforeseen is still only an ops problem for this entity.
      result = {
        error: `ops descriptor could not be read: ${
          isError(error) ? error.message : String(error)
        }`,
      };
    }

    const annotations = { ...entity.metadata.annotations };
    delete annotations[OPS_DESCRIPTOR_ANNOTATION];
    delete annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION];
    delete annotations[OPS_DESCRIPTOR_FILE_ANNOTATION];
    // Parsed once here rather than at every evaluation: clean YAML and imported
    // runbooks are stored as JSON (ops-common decides).
    if (result.text !== undefined) {
      try {
        Object.assign(
          annotations,
          await this.annotationsFor(
            result.text,
            result.file ?? { path: 'ops.yaml' },
            cache,
          ),
        );
      } catch (error) {
        result.error = `ops descriptor could not be read: ${
          isError(error) ? error.message : String(error)
        }`;
      }
    }
    if (result.error !== undefined) {
      annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION] = result.error;
      this.options.logger?.debug(`${safeRef(entity)}: ${result.error}`);
      if (this.options.strict)
        emit(
          processingResult.generalError(
            location,
            `${safeRef(entity)}: ${result.error}`,
          ),
        );
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }

  /**
   * The annotations for a file's text. The catalog reprocesses every entity on
   * each refresh loop; an unchanged file is not parsed (or imported) again.
   */
  private async annotationsFor(
    text: string,
    file: { path: string; url?: string },
    cache: CatalogProcessorCache,
  ): Promise<Record<string, string>> {
    const key = createHash('sha256')
      .update(`${file.path}\n${file.url ?? ''}\n${text}`)
      .digest('base64');
    const cached = await cache.get<CachedAnnotations>(ANNOTATIONS_CACHE_KEY);
    if (cached?.key === key && typeof cached.annotations === 'object') {
      await cache.set(ANNOTATIONS_CACHE_KEY, cached);
      return cached.annotations;
    }
    const annotations = descriptorAnnotations(text, file);
    // ops-common bounds what it makes; the catalog stores and serves it to
    // every reader, so the bound is checked again where it is stored.
    for (const [name, value] of Object.entries(annotations))
      if (value.length > MAX_YAML_LENGTH)
        throw new Error(
          `${name} would be ${value.length} characters; the limit is ${MAX_YAML_LENGTH}`,
        );
    await cache.set<CachedAnnotations>(ANNOTATIONS_CACHE_KEY, {
      key,
      annotations,
    });
    return annotations;
  }

  private async resolve(
    refValue: string,
    location: LocationSpec,
    cache: CatalogProcessorCache,
  ): Promise<Resolution> {
    const ref = parseOpsRef(refValue);
    if (ref.type === 'invalid')
      return { error: `${OPS_REF_ANNOTATION} ${ref.message}` };
    if (ref.type === 'url') {
      const urlPath = new URL(ref.url).pathname;
      return withFile(await this.readRemote(ref.url, cache), urlPath, ref.url);
    }

    // `dir:` refs read the directory's runbook.md when it has no ops.yaml.
    const candidates = [ref.path, ...(ref.fallback ? [ref.fallback] : [])];
    let first: Resolution | undefined;
    for (const candidate of candidates) {
      let result: Resolution;
      let url: string | undefined;
      if (location.type === 'file') {
        result = await this.readFile(location.target, candidate);
      } else if (location.type === 'url') {
        url = this.options.integrations.resolveUrl({
          url: candidate,
          base: location.target,
        });
        result = await this.readRemote(url, cache);
      } else {
        return {
          error: `${OPS_REF_ANNOTATION} "${refValue}" is relative, but the entity comes from a "${location.type}" location; use url:https://… instead`,
        };
      }
      if (!result.missing) return withFile(result, candidate, url);
      first ??= result;
    }
    return first!;
  }

  /** Reads a descriptor beside a catalog file on disk, refusing symlinks that lead out of its directory. */
  private async readFile(
    catalogFile: string,
    relative: string,
  ): Promise<Resolution> {
    const baseDir = path.dirname(path.resolve(catalogFile));
    const target = path.resolve(baseDir, relative);
    let real: string;
    let realBase: string;
    try {
      [real, realBase] = await Promise.all([
        fs.realpath(target),
        fs.realpath(baseDir),
      ]);
    } catch {
      return missing(relative);
    }
    if (real !== realBase && !real.startsWith(realBase + path.sep)) {
      return {
        error: `${OPS_REF_ANNOTATION} "${relative}" resolves outside the entity's directory; refusing to read it`,
      };
    }
    const stat = await fs.stat(real);
    if (!stat.isFile()) return missing(relative);
    if (stat.size > MAX_YAML_LENGTH)
      return { error: tooLargeMessage(relative, stat.size) };
    return { text: await fs.readFile(real, 'utf8') };
  }

  private async readRemote(
    url: string,
    cache: CatalogProcessorCache,
  ): Promise<Resolution> {
    const cached = await cache.get<CachedDescriptor>(CACHE_KEY);
    const previous = cached?.url === url ? cached : undefined;
    try {
      const response = await this.options.reader.readUrl(url, {
        etag: previous?.etag,
      });
      const buffer = await response.buffer();
      if (buffer.length > MAX_YAML_LENGTH)
        return { error: tooLargeMessage(url, buffer.length) };
      const text = buffer.toString('utf8');
      await cache.set<CachedDescriptor>(CACHE_KEY, {
        url,
        text,
        ...(response.etag ? { etag: response.etag } : {}),
      });
      return { text };
    } catch (error) {
      if (error instanceof NotModifiedError && previous) {
        await cache.set(CACHE_KEY, previous);
        return { text: previous.text };
      }
      if (isError(error) && error.name === NotFoundError.name)
        return missing(url);
      const reason = isError(error) ? error.message : String(error);
      if (previous) {
        // Keep serving what we read last time; the error says it may be out of date.
        await cache.set(CACHE_KEY, previous);
        return {
          text: previous.text,
          error: `could not re-read ${url} (${reason}); showing the descriptor read earlier`,
        };
      }
      return { error: `could not read ${url}: ${reason}` };
    }
  }
}

function missing(where: string): Resolution {
  return { error: missingMessage(where), missing: true };
}

function missingMessage(where: string): string {
  return `no ops descriptor at ${where}: add it, or point ${OPS_REF_ANNOTATION} at the right file`;
}

function tooLargeMessage(where: string, size: number): string {
  return `the ops descriptor at ${where} is ${size} bytes; the limit is ${MAX_YAML_LENGTH}`;
}

function safeRef(entity: Entity): string {
  try {
    return stringifyEntityRef(entity);
  } catch {
    return String(entity.metadata?.name);
  }
}

/** Notes which file a resolution read. */
function withFile(result: Resolution, file: string, url?: string): Resolution {
  return { ...result, file: { path: file, ...(url ? { url } : {}) } };
}
