/*
 * A catalog location a hostile (or careless) team could register: ops-ref
 * escapes (a path out of the entity's folder, a symlink out of it), an alias
 * bomb, deep nesting, Object.prototype names, a 900 KB annotation and unsafe
 * URLs in every URL field. Next to it, outside every entity folder, a secret
 * whose marker must never appear in anything the backend serves.
 */
/* eslint-disable no-script-url -- hostile input on purpose */
import { randomBytes } from 'node:crypto';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface HostileCatalog {
  /** The catalog file to register as a location. */
  location: string;
  /** Component names, all in namespace default. */
  entities: string[];
  /** Text of the secret file outside the entity folders. */
  secret: string;
}

const UNSAFE = [
  'javascript:alert(1)',
  ' JaVaScRiPt:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
];

function component(
  name: string,
  annotations: Record<string, string>,
  extra: object = {},
) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name, annotations, ...extra },
    spec: {
      type: 'service',
      owner: 'group:platform-team',
      lifecycle: 'production',
    },
  };
}

function aliasBomb(): string {
  const lines = [
    'apiVersion: opskit.io/v1',
    'kind: OpsDescriptor',
    `x0: &x0 "${'a'.repeat(10_000)}"`,
  ];
  for (let level = 1; level <= 3; level++)
    lines.push(
      `x${level}: &x${level} [${Array(10)
        .fill(`*x${level - 1}`)
        .join(', ')}]`,
    );
  return `${lines.join('\n')}\n`;
}

export function writeHostileCatalog(dir: string): HostileCatalog {
  const secret = `OPSKIT-PROBE-SECRET-${randomBytes(8).toString('hex')}`;
  writeFileSync(join(dir, 'secret.yaml'), `tier: ${secret}\n`);
  const entities: Array<ReturnType<typeof component>> = [];
  const folder = (name: string, files: Record<string, string> = {}) => {
    const path = join(dir, 'entities', name);
    mkdirSync(path, { recursive: true });
    for (const [file, text] of Object.entries(files))
      writeFileSync(join(path, file), text);
    return path;
  };

  // ops-ref out of the folder, by path and by symlink.
  folder('probe-escape');
  entities.push(
    component('probe-escape', { 'opskit.io/ops-ref': '../../secret.yaml' }),
  );
  const linked = folder('probe-symlink');
  symlinkSync(join(dir, 'secret.yaml'), join(linked, 'ops.yaml'));
  entities.push(component('probe-symlink', { 'opskit.io/ops-ref': 'dir:.' }));
  entities.push(
    component('probe-absolute', {
      'opskit.io/ops-ref': join(dir, 'secret.yaml'),
    }),
  );

  folder('probe-bomb', { 'ops.yaml': aliasBomb() });
  entities.push(component('probe-bomb', { 'opskit.io/ops-ref': 'dir:.' }));

  const deep = `${'['.repeat(5000)}1${']'.repeat(5000)}`;
  folder('probe-deep', {
    'ops.yaml': `apiVersion: opskit.io/v1\nslos: ${deep}\n`,
  });
  entities.push(component('probe-deep', { 'opskit.io/ops-ref': 'dir:.' }));

  folder('probe-proto', {
    'ops.yaml': [
      'apiVersion: opskit.io/v1',
      'kind: OpsDescriptor',
      '__proto__: { polluted: true }',
      'constructor: { prototype: { polluted: true } }',
      'environments:',
      '  - { name: constructor, url: "https://a.example.com", __proto__: { x: 1 } }',
      '  - { name: constructor, url: "https://b.example.com" }',
      'deployment:',
      '  checklist:',
      '    - { id: __proto__, title: Proto }',
      '    - { id: constructor, title: Ctor }',
      'incident:',
      '  escalation: [constructor, "group:__proto__", "group:../../etc"]',
      'backups:',
      '  - { data: constructor, schedule: constructor, retention: 7d }',
      '',
    ].join('\n'),
  });
  entities.push(component('probe-proto', { 'opskit.io/ops-ref': 'dir:.' }));

  // Just under the catalog's own limits: a 900 KB annotation.
  entities.push(
    component('probe-huge', {
      'opskit.io/environments': `- { name: production, url: "https://x.example.com/${'a'.repeat(
        900_000,
      )}" }`,
    }),
  );

  // Unsafe URLs in every URL field, as annotations and as a descriptor.
  const [js, mixed, data, vb] = UNSAFE;
  entities.push(
    component(
      'probe-unsafe',
      {
        'opskit.io/environments': `- { name: production, url: "${js}" }\n- { name: staging, url: "${mixed}" }`,
        'opskit.io/monitoring': `tools: [{ name: Grafana, url: "${data}", purpose: dashboards }]\ndashboards: [{ name: Board, url: "${vb}" }]`,
        'opskit.io/runbook': js,
      },
      { links: [{ url: js, title: 'Evil link' }] },
    ),
  );
  folder('probe-unsafe-file', {
    'ops.yaml': [
      'apiVersion: opskit.io/v1',
      'kind: OpsDescriptor',
      `runbook: "${data}"`,
      'environments:',
      ...UNSAFE.map((url, i) => `  - { name: env-${i}, url: "${url}" }`),
      'monitoring:',
      `  tools: [{ name: t, url: "${vb}", purpose: logs }]`,
      `  dashboards: [{ name: d, url: "${mixed}" }]`,
      '',
    ].join('\n'),
  });
  entities.push(
    component('probe-unsafe-file', { 'opskit.io/ops-ref': 'dir:.' }),
  );

  const entityDocs = entities.map(e => JSON.stringify(e));
  // One folder per entity as its location's directory: catalog files live beside their ops data.
  const targets: string[] = [];
  for (const [i, doc] of entityDocs.entries()) {
    const name = entities[i].metadata.name;
    const path = join(dir, 'entities', name, 'catalog-info.yaml');
    mkdirSync(join(dir, 'entities', name), { recursive: true });
    writeFileSync(path, `${doc}\n`);
    targets.push(`./entities/${name}/catalog-info.yaml`);
  }
  const location = join(dir, 'hostile.yaml');
  writeFileSync(
    location,
    JSON.stringify({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Location',
      metadata: { name: 'opskit-probes' },
      spec: { targets },
    }),
  );
  return {
    location,
    entities: entities.map(e => e.metadata.name),
    secret,
  };
}
