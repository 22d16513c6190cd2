import {
  createMockDirectory,
  mockServices,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { NotFoundError, NotModifiedError } from '@backstage/errors';
import { ScmIntegrations } from '@backstage/integration';
import type { CatalogProcessorCache } from '@backstage/plugin-catalog-node';
import {
  buildOpsProfile,
  OPS_DESCRIPTOR_ANNOTATION,
  OPS_DESCRIPTOR_ERROR_ANNOTATION,
  OPS_DESCRIPTOR_FILE_ANNOTATION,
  OPS_OPENSLO_ANNOTATION,
  OPS_ENTITY_CHANGED_TOPIC,
  OPS_OPENSLO_ERROR_ANNOTATION,
  scoredFieldsKey,
} from '@opskit/plugin-ops-common';
// eslint-disable-next-line @backstage/no-relative-monorepo-imports -- ops-common's test inputs, shared by its neighbours' tests
import { aliasBomb } from '../../../ops-common/src/__testUtils__/fuzzInputs';
import { OpsDescriptorProcessor } from './OpsDescriptorProcessor';

const DESCRIPTOR =
  'apiVersion: opskit.io/v1\nkind: OpsDescriptor\ntier: tier-1\n';
// What the processor stores: the same descriptor, parsed once and kept as JSON.
const STORED = JSON.stringify({
  apiVersion: 'opskit.io/v1',
  kind: 'OpsDescriptor',
  tier: 'tier-1',
});

function entity(ref?: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'svc',
      annotations: ref === undefined ? {} : { 'opskit.io/ops-ref': ref },
    },
    spec: { type: 'service', owner: 'team', lifecycle: 'production' },
  };
}

function memoryCache(): CatalogProcessorCache & { data: Map<string, any> } {
  const data = new Map<string, any>();
  return {
    data,
    get: async k => data.get(k),
    set: async (k, v) => void data.set(k, v),
  };
}

const integrations = ScmIntegrations.fromConfig(new ConfigReader({}));

describe('OpsDescriptorProcessor', () => {
  const dir = createMockDirectory();

  beforeEach(() => {
    dir.setContent({
      'svc/catalog-info.yaml': 'kind: Component',
      'svc/ops.yaml': DESCRIPTOR,
      'svc/ops/ops.yaml': DESCRIPTOR.replace('tier-1', 'tier-2'),
      'secret.yaml': 'not yours',
      'svc/link.yaml': ctx => ctx.symlink(dir.resolve('secret.yaml')),
    });
  });

  const fileLocation = () => ({
    type: 'file',
    target: dir.resolve('svc/catalog-info.yaml'),
  });

  async function run(
    e: Entity,
    location = fileLocation(),
    processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock(),
      integrations,
    }),
    cache = memoryCache(),
  ) {
    const emit = jest.fn();
    const out = await processor.preProcessEntity(
      e,
      location,
      emit,
      location,
      cache,
    );
    return { out, emit, annotations: out.metadata.annotations ?? {} };
  }

  it('leaves entities without ops-ref untouched', async () => {
    const e = entity();
    expect((await run(e)).out).toBe(e);
  });

  it('reads dir:. and dir:./ops beside catalog-info.yaml into the descriptor annotation', async () => {
    expect(
      (await run(entity('dir:.'))).annotations[OPS_DESCRIPTOR_ANNOTATION],
    ).toBe(STORED);
    expect(
      (await run(entity('dir:./ops'))).annotations[OPS_DESCRIPTOR_ANNOTATION],
    ).toMatch(/tier-2/);
    expect(
      (await run(entity('./ops.yaml'))).annotations[OPS_DESCRIPTOR_ANNOTATION],
    ).toBe(STORED);
  });

  it('reports a missing file or a path leaving the directory as ops data, and emits nothing', async () => {
    for (const [ref, message] of [
      ['dir:./nothing', /no ops descriptor at nothing\/ops.yaml/],
      ['../secret.yaml', /outside the entity's directory/],
      ['link.yaml', /outside the entity's directory/],
      ['git:foo', /unknown prefix/],
    ] as const) {
      const { annotations, emit } = await run(entity(ref));
      expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(message);
      expect(annotations[OPS_DESCRIPTOR_ANNOTATION]).toBeUndefined();
      expect(emit).not.toHaveBeenCalled();
    }
  });

  it('emits a processing error too in strict mode', async () => {
    const processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock(),
      integrations,
      strict: true,
    });
    const { emit, annotations } = await run(
      entity('dir:./nothing'),
      fileLocation(),
      processor,
    );
    expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toBeDefined();
    expect(emit).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error' }),
    );
  });

  it('reads relative to a url location with the UrlReader, using the ETag cache', async () => {
    const readUrl = jest.fn().mockResolvedValue({
      buffer: async () => Buffer.from(DESCRIPTOR),
      etag: 'abc',
    });
    const processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock({ readUrl }),
      integrations,
    });
    const location = {
      type: 'url',
      target:
        'https://git.example.com/org/repo/blob/main/svc/catalog-info.yaml',
    };
    const cache = memoryCache();
    const first = await run(entity('dir:.'), location, processor, cache);
    expect(readUrl).toHaveBeenCalledWith(
      'https://git.example.com/org/repo/blob/main/svc/ops.yaml',
      { etag: undefined },
    );
    expect(first.annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(STORED);

    readUrl.mockRejectedValueOnce(new NotModifiedError());
    const second = await run(entity('dir:.'), location, processor, cache);
    expect(readUrl).toHaveBeenLastCalledWith(expect.any(String), {
      etag: 'abc',
    });
    expect(second.annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(STORED);

    // A transient failure keeps the last good text and says so.
    readUrl.mockRejectedValueOnce(new Error('socket hang up'));
    const third = await run(entity('dir:.'), location, processor, cache);
    expect(third.annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(STORED);
    expect(third.annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(
      /could not re-read .*socket hang up/,
    );

    // Neither ops.yaml nor the runbook.md a dir: ref falls back to.
    readUrl
      .mockRejectedValueOnce(new NotFoundError('gone'))
      .mockRejectedValueOnce(new NotFoundError('gone too'));
    const fourth = await run(
      entity('dir:.'),
      location,
      processor,
      memoryCache(),
    );
    expect(fourth.annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(
      /no ops descriptor at .*\/svc\/ops.yaml/,
    );
  });

  const RUNBOOK = [
    '## Environments',
    '',
    '| Environment | Purpose | URL |',
    '|---|---|---|',
    '| Production | Live | https://svc.example.com |',
    '',
  ].join('\n');

  it('reads a Markdown runbook named by ops-ref, or found by dir: without an ops.yaml', async () => {
    dir.addContent({ 'svc/docs/runbook.md': RUNBOOK });
    for (const ref of ['./docs/runbook.md', 'dir:./docs']) {
      const out = await run(entity(ref));
      expect(out.annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toBeUndefined();
      expect(JSON.parse(out.annotations[OPS_DESCRIPTOR_ANNOTATION])).toEqual({
        apiVersion: 'opskit.io/v1',
        kind: 'OpsDescriptor',
        environments: [
          {
            name: 'production',
            purpose: 'Live',
            url: 'https://svc.example.com',
          },
        ],
      });
      expect(
        JSON.parse(out.annotations[OPS_DESCRIPTOR_FILE_ANNOTATION]),
      ).toMatchObject({ format: 'runbook', path: 'docs/runbook.md' });
    }
    // An ops.yaml beside it wins.
    const preferred = await run(entity('dir:.'));
    expect(preferred.annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(STORED);
    expect(
      preferred.annotations[OPS_DESCRIPTOR_FILE_ANNOTATION],
    ).toBeUndefined();
  });

  it('does not parse an unchanged file again on the next processing loop', async () => {
    dir.addContent({ 'svc/docs/runbook.md': RUNBOOK });
    const cache = memoryCache();
    const first = await run(
      entity('dir:./docs'),
      fileLocation(),
      undefined,
      cache,
    );
    // What the cache holds is what the next loop serves while the file is unchanged:
    // mark it, and the mark comes back.
    cache.data.get('annotations').annotations[OPS_DESCRIPTOR_ANNOTATION] =
      '{"marked":true}';
    const second = await run(
      entity('dir:./docs'),
      fileLocation(),
      undefined,
      cache,
    );
    expect(second.annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(
      '{"marked":true}',
    );
    // A changed file is read afresh.
    dir.addContent({
      'svc/docs/runbook.md': RUNBOOK.replace('Live', 'Customers'),
    });
    const third = await run(
      entity('dir:./docs'),
      fileLocation(),
      undefined,
      cache,
    );
    expect(JSON.parse(third.annotations[OPS_DESCRIPTOR_ANNOTATION])).toEqual(
      JSON.parse(
        first.annotations[OPS_DESCRIPTOR_ANNOTATION].replace(
          'Live',
          'Customers',
        ),
      ),
    );
  });

  it('links a runbook read from a url location to where it is', async () => {
    const readUrl = jest.fn(async (url: string) => {
      if (url.endsWith('/ops.yaml')) throw new NotFoundError('no ops.yaml');
      return { buffer: async () => Buffer.from(RUNBOOK) };
    });
    const processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock({ readUrl } as any),
      integrations,
    });
    const out = await run(
      entity('dir:.'),
      {
        type: 'url',
        target:
          'https://git.example.com/org/repo/blob/main/svc/catalog-info.yaml',
      },
      processor,
    );
    expect(JSON.parse(out.annotations[OPS_DESCRIPTOR_FILE_ANNOTATION])).toEqual(
      {
        format: 'runbook',
        path: 'runbook.md',
        url: 'https://git.example.com/org/repo/blob/main/svc/runbook.md',
        lines: expect.any(Object),
      },
    );
  });

  it('refuses descriptors over the size limit', async () => {
    const readUrl = jest.fn().mockResolvedValue({
      buffer: async () => Buffer.alloc(2 * 1024 * 1024, 'a'),
    });
    const processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock({ readUrl }),
      integrations,
    });
    const { annotations } = await run(
      entity('url:https://git.example.com/ops.yaml'),
      fileLocation(),
      processor,
    );
    expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(/limit/);
  });

  it('never throws, even when the reader does something unexpected', async () => {
    const readUrl = jest.fn().mockImplementation(() => {
      throw new TypeError('boom');
    });
    const processor = new OpsDescriptorProcessor({
      reader: mockServices.urlReader.mock({ readUrl }),
      integrations,
    });
    const { annotations } = await run(
      entity('url:https://git.example.com/ops.yaml'),
      fileLocation(),
      processor,
    );
    expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(/boom/);
  });

  it('stores an alias bomb as its 10 KB text, so the entity shows the limit it passes', async () => {
    const bomb = aliasBomb();
    dir.addContent({ 'svc/bomb.yaml': bomb });
    const { annotations, emit } = await run(entity('./bomb.yaml'));
    expect(annotations[OPS_DESCRIPTOR_ANNOTATION]).toBe(bomb);
    expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toBeUndefined();
    expect(emit).not.toHaveBeenCalled();
    const profile = buildOpsProfile({
      ...entity(),
      metadata: { name: 'svc', annotations },
    });
    expect(profile.issues).toContainEqual(
      expect.objectContaining({
        severity: 'error',
        message: expect.stringMatching(
          /expands to more than 1048576 characters/,
        ),
      }),
    );
  });

  it('refuses a runbook within the file limit that imports to more than the annotation limit', async () => {
    const rows = Array.from({ length: 40_000 }, (_, i) => `| e${i} | u |`);
    dir.addContent({
      'svc/runbook.md': `# Runbook\n\n## Environments\n\n| Environment | URL |\n| --- | --- |\n${rows.join(
        '\n',
      )}\n`,
    });
    const { annotations } = await run(entity('./runbook.md'));
    expect(annotations[OPS_DESCRIPTOR_ANNOTATION]).toBeUndefined();
    expect(annotations[OPS_DESCRIPTOR_ERROR_ANNOTATION]).toMatch(
      /imports to \d+ characters; the limit is 1048576/,
    );
    for (const value of Object.values(annotations))
      expect(value.length).toBeLessThanOrEqual(1024 * 1024);
  });
});

describe('OpsDescriptorProcessor with OpenSLO', () => {
  const dir = createMockDirectory();
  const SLO = (name: string) =>
    `apiVersion: openslo/v1\nkind: SLO\nmetadata:\n  name: ${name}\nspec:\n  service: svc\n  indicatorRef: ok\n  budgetingMethod: Occurrences\n  objectives:\n    - target: 0.99\n`;
  const SLI =
    'apiVersion: openslo/v1\nkind: SLI\nmetadata:\n  name: ok\nspec:\n  ratioMetric:\n    good: {metricSource: {type: Prometheus, spec: {query: ok_total}}}\n    total: {metricSource: {type: Prometheus, spec: {query: all_total}}}\n';

  beforeEach(() => {
    dir.setContent({
      'svc/catalog-info.yaml': 'kind: Component',
      'svc/slos.yaml': `${SLI}---\n${SLO('svc-availability')}`,
      'svc/openslo/a.yaml': SLI,
      'svc/openslo/b.yml': SLO('svc-from-dir'),
      'svc/openslo/notes.yaml': 'title: not OpenSLO\n',
      'svc/openslo/readme.md': SLO('ignored-markdown'),
      'svc/ops.yaml':
        'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nslos: {openslo: slos.yaml}\n',
      'svc/ops/ops.yaml':
        'apiVersion: opskit.io/v1\nkind: OpsDescriptor\nslos: {openslo: ../openslo/b.yml}\n',
    });
  });

  const location = () => ({
    type: 'file',
    target: dir.resolve('svc/catalog-info.yaml'),
  });

  function withAnnotations(annotations: Record<string, string>): Entity {
    return {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'svc', annotations },
      spec: { type: 'service', owner: 'team', lifecycle: 'production' },
    };
  }

  async function run(
    annotations: Record<string, string>,
    where: { type: string; target: string } = location(),
    reader = mockServices.urlReader.mock(),
    cache = memoryCache(),
    strict = false,
  ) {
    const processor = new OpsDescriptorProcessor({
      reader,
      integrations,
      strict,
    });
    const emit = jest.fn();
    const out = await processor.preProcessEntity(
      withAnnotations(annotations),
      where,
      emit,
      where,
      cache,
    );
    return { annotations: out.metadata.annotations ?? {}, emit };
  }

  const sloNames = (annotations: Record<string, string>) =>
    buildOpsProfile(withAnnotations(annotations)).profile.slos?.map(
      s => s.name,
    );

  it('reads the file openslo-ref names into opskit.io/openslo, whose SLOs the profile has', async () => {
    const { annotations, emit } = await run({
      'opskit.io/openslo-ref': './slos.yaml',
    });
    expect(annotations[OPS_OPENSLO_ANNOTATION]).toBe(
      `${SLI}---\n${SLO('svc-availability')}`,
    );
    expect(annotations[OPS_OPENSLO_ERROR_ANNOTATION]).toBeUndefined();
    expect(emit).not.toHaveBeenCalled();
    expect(sloNames(annotations)).toEqual(['svc-availability']);
  });

  it('reads every .yaml/.yml file holding OpenSLO in a dir: ref, by name', async () => {
    const { annotations } = await run({
      'opskit.io/openslo-ref': 'dir:./openslo',
    });
    expect(annotations[OPS_OPENSLO_ANNOTATION]).toBe(
      `${SLI}\n---\n${SLO('svc-from-dir')}`,
    );
    expect(sloNames(annotations)).toEqual(['svc-from-dir']);
  });

  it('reads the file a descriptor names in slos: {openslo: …}, relative to the descriptor', async () => {
    const beside = await run({ 'opskit.io/ops-ref': 'dir:.' });
    expect(beside.annotations[OPS_OPENSLO_ANNOTATION]).toContain(
      'name: svc-availability',
    );
    expect(sloNames(beside.annotations)).toEqual(['svc-availability']);
    // ops/ops.yaml names ../openslo/b.yml: svc/openslo/b.yml, which needs the SLI of a.yaml.
    const below = await run({ 'opskit.io/ops-ref': 'dir:./ops' });
    expect(below.annotations[OPS_OPENSLO_ANNOTATION]).toBe(SLO('svc-from-dir'));
  });

  it('reports a missing file, an empty directory and a path outside as opskit.io/openslo-error, emitting nothing', async () => {
    for (const [ref, message] of [
      [
        './nope.yaml',
        /^no OpenSLO file at nope.yaml: add it, or point opskit.io\/openslo-ref/,
      ],
      ['dir:./empty', /^no OpenSLO file at empty/],
      ['../secret.yaml', /outside the entity's directory/],
      ['git:x', /unknown prefix/],
    ] as const) {
      const { annotations, emit } = await run({ 'opskit.io/openslo-ref': ref });
      expect([ref, annotations[OPS_OPENSLO_ERROR_ANNOTATION]]).toEqual([
        ref,
        expect.stringMatching(message),
      ]);
      expect(annotations[OPS_OPENSLO_ANNOTATION]).toBeUndefined();
      expect(emit).not.toHaveBeenCalled();
      expect(
        buildOpsProfile(withAnnotations(annotations)).issues,
      ).toContainEqual(
        expect.objectContaining({
          path: 'metadata.annotations["opskit.io/openslo-ref"]',
          severity: 'error',
        }),
      );
    }
    dir.addContent({ 'svc/only-notes/notes.yaml': 'title: x\n' });
    const { annotations } = await run({
      'opskit.io/openslo-ref': 'dir:./only-notes',
    });
    expect(annotations[OPS_OPENSLO_ERROR_ANNOTATION]).toMatch(
      /^no OpenSLO documents \(apiVersion: openslo\/v1\) in the \.yaml files of only-notes/,
    );
    const strict = await run(
      { 'opskit.io/openslo-ref': './nope.yaml' },
      location(),
      mockServices.urlReader.mock(),
      memoryCache(),
      true,
    );
    expect(strict.emit).toHaveBeenCalledWith(
      expect.objectContaining({ type: 'error' }),
    );
  });

  it('reads url: refs and files relative to a url location with the UrlReader and its ETag cache', async () => {
    const readUrl = jest.fn().mockResolvedValue({
      buffer: async () => Buffer.from(`${SLI}---\n${SLO('remote')}`),
      etag: 'e1',
    });
    const reader = mockServices.urlReader.mock({ readUrl });
    const cache = memoryCache();
    const remote = {
      type: 'url',
      target:
        'https://git.example.com/org/repo/blob/main/svc/catalog-info.yaml',
    };
    const first = await run(
      { 'opskit.io/openslo-ref': './slos/remote.yaml' },
      remote,
      reader,
      cache,
    );
    expect(readUrl).toHaveBeenCalledWith(
      'https://git.example.com/org/repo/blob/main/svc/slos/remote.yaml',
      { etag: undefined },
    );
    expect(sloNames(first.annotations)).toEqual(['remote']);
    readUrl.mockRejectedValueOnce(new NotModifiedError());
    const second = await run(
      { 'opskit.io/openslo-ref': './slos/remote.yaml' },
      remote,
      reader,
      cache,
    );
    expect(readUrl).toHaveBeenLastCalledWith(expect.any(String), {
      etag: 'e1',
    });
    expect(second.annotations[OPS_OPENSLO_ANNOTATION]).toBe(
      first.annotations[OPS_OPENSLO_ANNOTATION],
    );
    const absolute = await run(
      { 'opskit.io/openslo-ref': 'url:https://slos.example.com/svc.yaml' },
      location(),
      reader,
    );
    expect(readUrl).toHaveBeenLastCalledWith(
      'https://slos.example.com/svc.yaml',
      { etag: undefined },
    );
    expect(sloNames(absolute.annotations)).toEqual(['remote']);
    // A directory cannot be listed through the UrlReader here.
    const listed = await run(
      { 'opskit.io/openslo-ref': 'dir:./slos' },
      remote,
      reader,
    );
    expect(listed.annotations[OPS_OPENSLO_ERROR_ANNOTATION]).toMatch(
      /a directory is read only beside a catalog file on disk/,
    );
  });

  it('leaves an inlined opskit.io/openslo alone when nothing refers to files', async () => {
    const { annotations } = await run({
      'opskit.io/tier': 'tier-2',
      'opskit.io/openslo': SLO('inline'),
    });
    expect(annotations[OPS_OPENSLO_ANNOTATION]).toBe(SLO('inline'));
  });

  describe('announcing changes', () => {
    const announcer = (events = { publish: jest.fn(async () => {}) }) => ({
      events,
      processor: new OpsDescriptorProcessor({
        reader: mockServices.urlReader.mock(),
        integrations,
        events: events as any,
        kinds: ['Component', 'API'],
      }),
    });
    const post = (processor: OpsDescriptorProcessor, e: Entity, cache: any) =>
      processor.postProcessEntity(
        e,
        { type: 'url', target: 'https://example.com/catalog-info.yaml' },
        jest.fn(),
        cache,
      );

    it('announces a new entity and each change of its scored fields, once', async () => {
      const { events, processor } = announcer();
      const cache = memoryCache();
      const svc = entity('dir:.');
      await post(processor, svc, cache);
      await post(processor, svc, cache);
      const moved = { ...svc, spec: { ...svc.spec, owner: 'other-team' } };
      await post(processor, moved, cache);
      expect(events.publish.mock.calls.map(([e]: any) => e)).toEqual([
        {
          topic: OPS_ENTITY_CHANGED_TOPIC,
          eventPayload: {
            entityRef: 'component:default/svc',
            key: scoredFieldsKey(svc),
          },
        },
        {
          topic: OPS_ENTITY_CHANGED_TOPIC,
          eventPayload: {
            entityRef: 'component:default/svc',
            key: scoredFieldsKey(moved),
          },
        },
      ]);
      // Kept for the next processing, whatever happened in between.
      expect(cache.data.get('scored')).toBe(scoredFieldsKey(moved));
    });

    it('says nothing of kinds ops-backend does not evaluate, and survives a failing events service', async () => {
      const { events, processor } = announcer({
        publish: jest.fn(async () => {
          throw new Error('bus down');
        }),
      });
      const group = { ...entity(), kind: 'Group' };
      expect(await post(processor, group, memoryCache())).toBe(group);
      expect(events.publish).not.toHaveBeenCalled();
      const svc = entity();
      expect(await post(processor, svc, memoryCache())).toBe(svc);
      expect(events.publish).toHaveBeenCalledTimes(1);
    });
  });
});
