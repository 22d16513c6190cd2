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
import type { EventsService } from '@backstage/plugin-events-node';
import {
  processingResult,
  type CatalogProcessor,
  type CatalogProcessorCache,
  type CatalogProcessorEmit,
  type LocationSpec,
} from '@backstage/plugin-catalog-node';
import {
  descriptorAnnotations,
  isOpenSloText,
  MAX_YAML_LENGTH,
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_ENTITY_CHANGED_TOPIC,
  OPS_OPENSLO_ANNOTATION,
  OPS_OPENSLO_ERROR_ANNOTATION,
  OPS_OPENSLO_REF_ANNOTATION,
  OPS_REF_ANNOTATION,
  parseOpsRef,
  scoredFieldsKey,
  type OpsEntityChangedEvent,
} from '@opskit/plugin-ops-common';
import { readOpenSloSource, type OpenSloSource } from './openSloSources';

/** @public */
export interface OpsDescriptorProcessorOptions {
  reader: UrlReaderService;
  integrations: ScmIntegrationRegistry;
  /** Also emit a processing error for an unreadable descriptor (the catalog then keeps the old entity). */
  strict?: boolean;
  logger?: LoggerService;
  /**
   * Announces entities of `kinds` whose scored fields changed (or that are
   * new) on `opskit.entity-changed`, so that ops-backend scores them again
   * without waiting for its schedule.
   */
  events?: EventsService;
  /** The kinds ops-backend evaluates (`ops.evaluation.kinds`); default Component. */
  kinds?: string[];
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

/** What is being read, for the messages. */
interface Reading {
  noun: string;
  annotation: string;
}

const DESCRIPTOR: Reading = {
  noun: 'descriptor',
  annotation: OPS_REF_ANNOTATION,
};
const OPENSLO: Reading = {
  noun: 'OpenSLO file',
  annotation: OPS_OPENSLO_REF_ANNOTATION,
};

const CACHE_KEY = 'descriptor';
/** The scored-fields key this entity was last announced with. */
const SCORED_CACHE_KEY = 'scored';
const ANNOTATIONS_CACHE_KEY = 'annotations';

/** The annotations last made from a file, by a hash of what they were made from. */
interface CachedAnnotations {
  key: string;
  annotations: Record<string, string>;
  openslo?: string;
  [name: string]: string | Record<string, string> | undefined;
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

  /**
   * After every processor ran: announces the entity when what an ops
   * evaluation reads of it changed since its last processing. The key is
   * kept in the processor's cache, which the catalog stores with the
   * entity, so a catalog restart announces nothing new.
   */
  async postProcessEntity(
    entity: Entity,
    _location: LocationSpec,
    _emit: CatalogProcessorEmit,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const { events } = this.options;
    const kinds = (this.options.kinds ?? ['Component']).map(k =>
      k.toLowerCase(),
    );
    if (!events || !kinds.includes(entity.kind.toLowerCase())) return entity;
    const key = scoredFieldsKey(entity);
    const announced = await cache.get<number>(SCORED_CACHE_KEY);
    // The catalog keeps only what this processing set: set it every time.
    await cache.set(SCORED_CACHE_KEY, key);
    if (announced !== key) {
      const event: OpsEntityChangedEvent = {
        entityRef: stringifyEntityRef(entity).toLowerCase(),
        key,
      };
      // An announcement that cannot be sent only delays the score until the next scheduled run.
      await events
        .publish({ topic: OPS_ENTITY_CHANGED_TOPIC, eventPayload: event })
        .catch(error =>
          this.options.logger?.warn(
            `could not announce the ops change of ${event.entityRef}: ${error}`,
          ),
        );
    }
    return entity;
  }

  async preProcessEntity(
    entity: Entity,
    location: LocationSpec,
    emit: CatalogProcessorEmit,
    _originLocation: LocationSpec,
    cache: CatalogProcessorCache,
  ): Promise<Entity> {
    const refValue = entity.metadata.annotations?.[OPS_REF_ANNOTATION];
    const openSloRef =
      entity.metadata.annotations?.[OPS_OPENSLO_REF_ANNOTATION];
    if (refValue === undefined && openSloRef === undefined) return entity;
    const annotations = { ...entity.metadata.annotations };
    const errors: string[] = [];
    let openSloInDescriptor: OpenSloSource | undefined;
    if (refValue !== undefined) {
      const descriptor = await this.descriptor(
        refValue,
        location,
        cache,
        annotations,
      );
      if (descriptor.error !== undefined) errors.push(descriptor.error);
      openSloInDescriptor = descriptor.openslo;
    }
    const openSloErrors = await this.openSlo(
      [
        ...(openSloRef !== undefined
          ? [{ ref: openSloRef } as OpenSloSource]
          : []),
        ...(openSloInDescriptor ? [openSloInDescriptor] : []),
      ],
      location,
      cache,
      annotations,
    );
    for (const error of [...errors, ...openSloErrors]) {
      this.options.logger?.debug(`${safeRef(entity)}: ${error}`);
      if (this.options.strict)
        emit(
          processingResult.generalError(
            location,
            `${safeRef(entity)}: ${error}`,
          ),
        );
    }
    return { ...entity, metadata: { ...entity.metadata, annotations } };
  }

  /** Resolves ops-ref into `annotations`; returns the problem, and the OpenSLO file the descriptor names. */
  private async descriptor(
    refValue: string,
    location: LocationSpec,
    cache: CatalogProcessorCache,
    annotations: Record<string, string>,
  ): Promise<{ error?: string; openslo?: OpenSloSource }> {
    let result: Resolution;
    let openslo: OpenSloSource | undefined;
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

    delete annotations[OPS_DESCRIPTOR_ANNOTATION];
    delete annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION];
    delete annotations[OPS_DESCRIPTOR_FILE_ANNOTATION];
    // Parsed once here rather than at every evaluation: clean YAML and imported
    // runbooks are stored as JSON (ops-common decides).
    if (result.text !== undefined) {
      try {
        const file = result.file ?? { path: 'ops.yaml' };
        const made = await this.annotationsFor(result.text, file, cache);
        Object.assign(annotations, made.annotations);
        if (made.openslo) openslo = { inDescriptor: made.openslo, file };
      } catch (error) {
        result.error = `ops descriptor could not be read: ${
          isError(error) ? error.message : String(error)
        }`;
      }
    }
    if (result.error !== undefined)
      annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION] = result.error;
    return { error: result.error, openslo };
  }

  /**
   * Reads the OpenSLO files of `opskit.io/openslo-ref` and of a descriptor's
   * `slos: {openslo: …}` into `opskit.io/openslo` (their text, joined as one
   * multi-document stream; ops-common reads it). Problems go to
   * `opskit.io/openslo-error`; returns them.
   */
  private async openSlo(
    sources: OpenSloSource[],
    location: LocationSpec,
    cache: CatalogProcessorCache,
    annotations: Record<string, string>,
  ): Promise<string[]> {
    if (sources.length === 0) return [];
    delete annotations[OPS_OPENSLO_ANNOTATION];
    delete annotations[OPS_OPENSLO_ERROR_ANNOTATION];
    const texts: string[] = [];
    const errors: string[] = [];
    for (const [i, source] of sources.entries()) {
      try {
        const read = await readOpenSloSource(source, {
          location,
          cacheKey: `openslo-${i}`,
          readFile: (base, relative) => this.readFile(base, relative, OPENSLO),
          readDir: (base, relative) => this.readOpenSloDir(base, relative),
          readRemote: (url, key) => this.readRemote(url, cache, key, OPENSLO),
          resolveUrl: (url, base) =>
            this.options.integrations.resolveUrl({ url, base }),
        });
        if (read.error !== undefined) errors.push(read.error);
        if (read.text !== undefined) texts.push(...read.text);
      } catch (error) {
        errors.push(
          `OpenSLO could not be read: ${
            isError(error) ? error.message : String(error)
          }`,
        );
      }
    }
    const text = texts.join('\n---\n');
    if (text.length > MAX_YAML_LENGTH)
      errors.push(
        `the OpenSLO files are ${text.length} characters together; the limit is ${MAX_YAML_LENGTH}`,
      );
    else if (texts.length) annotations[OPS_OPENSLO_ANNOTATION] = text;
    if (errors.length)
      annotations[OPS_OPENSLO_ERROR_ANNOTATION] = errors.join('; ');
    return errors;
  }

  /** Every .yaml/.yml file holding OpenSLO in a directory beside the catalog file, by name. */
  private async readOpenSloDir(
    catalogFile: string,
    relative: string,
  ): Promise<Resolution & { texts?: string[] }> {
    const baseDir = path.dirname(path.resolve(catalogFile));
    const contained = await this.contained(baseDir, relative);
    if ('error' in contained) return contained;
    if (!contained.real) return missing(relative || '.', OPENSLO);
    const names = (await fs.readdir(contained.real))
      .filter(name => /\.ya?ml$/i.test(name))
      .sort();
    const texts: string[] = [];
    let total = 0;
    for (const name of names) {
      const read = await this.readFile(
        catalogFile,
        path.posix.join(relative, name),
        OPENSLO,
      );
      if (read.error !== undefined) return read;
      total += read.text!.length;
      if (total > MAX_YAML_LENGTH)
        return { error: tooLargeMessage(relative, total, OPENSLO) };
      if (isOpenSloText(read.text!)) texts.push(read.text!);
    }
    if (texts.length === 0)
      return {
        error: `no OpenSLO documents (apiVersion: openslo/v1) in the .yaml files of ${
          relative || '.'
        }: add them, or point ${OPS_OPENSLO_REF_ANNOTATION} at the right place`,
      };
    return { texts };
  }

  /**
   * The annotations for a file's text. The catalog reprocesses every entity on
   * each refresh loop; an unchanged file is not parsed (or imported) again.
   */
  private async annotationsFor(
    text: string,
    file: { path: string; url?: string },
    cache: CatalogProcessorCache,
  ): Promise<{ annotations: Record<string, string>; openslo?: string }> {
    const key = createHash('sha256')
      .update(`${file.path}\n${file.url ?? ''}\n${text}`)
      .digest('base64');
    const cached = await cache.get<CachedAnnotations>(ANNOTATIONS_CACHE_KEY);
    if (cached?.key === key && typeof cached.annotations === 'object') {
      await cache.set(ANNOTATIONS_CACHE_KEY, cached);
      return {
        annotations: cached.annotations,
        ...(typeof cached.openslo === 'string'
          ? { openslo: cached.openslo }
          : {}),
      };
    }
    const annotations = descriptorAnnotations(text, file);
    // `slos: {openslo: …}`, found once per change of the file (the stored descriptor is JSON when clean).
    const openslo = openSloPathIn(annotations[OPS_DESCRIPTOR_ANNOTATION]);
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
      ...(openslo ? { openslo } : {}),
    });
    return { annotations, ...(openslo ? { openslo } : {}) };
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
    what: Reading = DESCRIPTOR,
  ): Promise<Resolution> {
    const baseDir = path.dirname(path.resolve(catalogFile));
    const contained = await this.contained(baseDir, relative, what);
    if ('error' in contained) return contained;
    if (!contained.real) return missing(relative, what);
    const stat = await fs.stat(contained.real);
    if (!stat.isFile()) return missing(relative, what);
    if (stat.size > MAX_YAML_LENGTH)
      return { error: tooLargeMessage(relative, stat.size, what) };
    return { text: await fs.readFile(contained.real, 'utf8') };
  }

  /** The real path of `relative` below `baseDir` (undefined when nothing is there), refusing symlinks that lead out. */
  private async contained(
    baseDir: string,
    relative: string,
    what: Reading = DESCRIPTOR,
  ): Promise<{ real?: string } | { error: string }> {
    const target = path.resolve(baseDir, relative);
    let real: string;
    let realBase: string;
    try {
      [real, realBase] = await Promise.all([
        fs.realpath(target),
        fs.realpath(baseDir),
      ]);
    } catch {
      return {};
    }
    if (real !== realBase && !real.startsWith(realBase + path.sep)) {
      return {
        error: `${what.annotation} "${relative}" resolves outside the entity's directory; refusing to read it`,
      };
    }
    return { real };
  }

  private async readRemote(
    url: string,
    cache: CatalogProcessorCache,
    cacheKey = CACHE_KEY,
    what: Reading = DESCRIPTOR,
  ): Promise<Resolution> {
    const cached = await cache.get<CachedDescriptor>(cacheKey);
    const previous = cached?.url === url ? cached : undefined;
    try {
      const response = await this.options.reader.readUrl(url, {
        etag: previous?.etag,
      });
      const buffer = await response.buffer();
      if (buffer.length > MAX_YAML_LENGTH)
        return { error: tooLargeMessage(url, buffer.length, what) };
      const text = buffer.toString('utf8');
      await cache.set<CachedDescriptor>(cacheKey, {
        url,
        text,
        ...(response.etag ? { etag: response.etag } : {}),
      });
      return { text };
    } catch (error) {
      if (error instanceof NotModifiedError && previous) {
        await cache.set(cacheKey, previous);
        return { text: previous.text };
      }
      if (isError(error) && error.name === NotFoundError.name)
        return missing(url, what);
      const reason = isError(error) ? error.message : String(error);
      if (previous) {
        // Keep serving what we read last time; the error says it may be out of date.
        await cache.set(cacheKey, previous);
        return {
          text: previous.text,
          error: `could not re-read ${url} (${reason}); showing the ${what.noun} read earlier`,
        };
      }
      return { error: `could not read ${url}: ${reason}` };
    }
  }
}

function missing(where: string, what: Reading = DESCRIPTOR): Resolution {
  return {
    error: `no ${
      what === DESCRIPTOR ? 'ops descriptor' : what.noun
    } at ${where}: add it, or point ${what.annotation} at the right file`,
    missing: true,
  };
}

function tooLargeMessage(
  where: string,
  size: number,
  what: Reading = DESCRIPTOR,
): string {
  return `the ${
    what === DESCRIPTOR ? 'ops descriptor' : what.noun
  } at ${where} is ${size} bytes; the limit is ${MAX_YAML_LENGTH}`;
}

/** `slos.openslo` of a stored descriptor (JSON when it parsed cleanly). */
function openSloPathIn(stored: string | undefined): string | undefined {
  if (!stored?.startsWith('{')) return undefined;
  try {
    const slos = JSON.parse(stored)?.slos;
    return typeof slos?.openslo === 'string' && slos.openslo.trim()
      ? slos.openslo.trim()
      : undefined;
  } catch {
    return undefined;
  }
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
