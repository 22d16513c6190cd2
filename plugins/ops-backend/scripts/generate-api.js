#!/usr/bin/env node
/*
 * The ops API has one description, src/schema/openapi.yaml. This writes what
 * is derived from it:
 *   - plugins/ops-common/src/api/generated/openapi.ts: the request and
 *     response types (openapi-typescript), used by the client and the router;
 *   - plugins/ops-common/src/api/generated/operations.ts: each operation's
 *     method and path, for the typed client;
 *   - src/schema/openapi/generated/router.ts: the spec and
 *     `createOpenApiRouter`, a router typed per route (Backstage's
 *     backend-openapi-utils, the same shape repo-tools' `--server` writes).
 * Backstage's repo-tools generates these with the OpenAPI Generator jar, which
 * needs Java and a download this project cannot rely on; openapi-typescript
 * is npm-only.
 *
 *   yarn workspace @opskit/plugin-ops-backend schema:generate          write them
 *   yarn workspace @opskit/plugin-ops-backend schema:generate --check  fail when stale
 */
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');
// eslint-disable-next-line @backstage/no-undeclared-imports -- the repository's formatter
const prettier = require('prettier');

const root = path.resolve(__dirname, '..');
const repo = path.resolve(root, '../..');
const specPath = path.join(root, 'src/schema/openapi.yaml');
const commonDir = path.join(repo, 'plugins/ops-common/src/api/generated');

const BANNER = `// Generated from plugins/ops-backend/src/schema/openapi.yaml by
// \`yarn workspace @opskit/plugin-ops-backend schema:generate\`; do not edit.`;
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

function operationsOf(spec) {
  const out = [];
  for (const [route, item] of Object.entries(spec.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      if (!operation.operationId) {
        throw new Error(`${method.toUpperCase()} ${route} has no operationId`);
      }
      out.push({ id: operation.operationId, method, route });
    }
  }
  return out;
}

async function typesFile(spec) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { default: openapiTS, astToString } = require('openapi-typescript');
  const ast = await openapiTS(spec);
  // Release tags for the API reports: these three are exported by ops-common.
  const text = astToString(ast).replace(
    /^export interface (paths|components|operations) /gm,
    '/** @public */\nexport interface $1 ',
  );
  return `${BANNER}\n/* eslint-disable */\n\n${tsdocComments(text)}`;
}

/**
 * openapi-typescript writes JSDoc (`@description`, `@enum {string}`, raw
 * `<`, `>`, braces and `@` from the spec's prose); API Extractor reads TSDoc
 * and the API reports must be free of warnings. Keep the prose, drop the tags
 * TSDoc does not know, escape what it would parse.
 */
function tsdocComments(text) {
  return text.replace(/\/\*\*[\s\S]*?\*\//g, comment => {
    if (comment === '/** @public */') return comment;
    const lines = comment
      .split('\n')
      .filter(
        line => !/^\s*(\/\*\*|\*)?\s*@enum\b/.test(line.replace(/\*\/$/, '')),
      )
      .map(line =>
        line
          .replace(/@description\s*/g, '')
          .replace(/@default\b/g, 'Default:')
          .replace(/([{}<>@])/g, '\\$1'),
      );
    const out = lines.join('\n');
    // An `@enum`-only comment leaves nothing to say.
    return /^\/\*\*\s*\*\/$/.test(out.replace(/\n\s*\*?/g, ' ')) ? '' : out;
  });
}

function operationsFile(operations) {
  const entries = operations
    .map(
      o =>
        `  ${o.id}: { method: '${o.method.toUpperCase()}', path: '${
          o.route
        }' },`,
    )
    .join('\n');
  return `${BANNER}\n\n/** Each operation's method and path template, by operationId. */\nexport const OPS_API_OPERATIONS = {\n${entries}\n} as const;\n`;
}

function routerFile(spec, operations) {
  const endpoints = operations
    .map(o => {
      // backend-openapi-utils' TypedRouter names DELETE `_delete`.
      const key = `#${o.method === 'delete' ? '_delete' : o.method}|${o.route}`;
      return `  '${key}': Endpoint<'${o.id}'>;`;
    })
    .join('\n');
  return `${BANNER}

import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import type {
  OpsApiOperationId,
  OpsApiPathParams,
  OpsApiQueryParams,
  OpsApiRequestBody,
  OpsApiResponseBody,
} from '@opskit/plugin-ops-common';

type Endpoint<Id extends OpsApiOperationId> = {
  path: OpsApiPathParams<Id>;
  query: OpsApiQueryParams<Id>;
  body: OpsApiRequestBody<Id>;
  response: OpsApiResponseBody<Id>;
};

/** Every route of the spec with its typed parameters, body and response. */
export type EndpointMap = {
${endpoints}
};

export const spec = ${JSON.stringify(spec, null, 2)} as const;

export const createOpenApiRouter = async (
  options?: Parameters<
    typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
  >['1'],
) =>
  createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    options,
  );
`;
}

async function format(file, text) {
  const options = await prettier.resolveConfig(file);
  return prettier.format(text, { ...options, filepath: file });
}

/** Every generated file, path → formatted text. */
async function render() {
  const spec = yaml.load(fs.readFileSync(specPath, 'utf8'));
  const operations = operationsOf(spec);
  const files = {
    [path.join(commonDir, 'openapi.ts')]: await typesFile(spec),
    [path.join(commonDir, 'operations.ts')]: operationsFile(operations),
    [path.join(root, 'src/schema/openapi/generated/router.ts')]: routerFile(
      spec,
      operations,
    ),
  };
  for (const file of Object.keys(files)) {
    files[file] = await format(file, files[file]);
  }
  return files;
}

/** Generated files whose committed text differs from what the spec gives. */
async function staleFiles() {
  const files = await render();
  return Object.keys(files).filter(
    file =>
      !fs.existsSync(file) || fs.readFileSync(file, 'utf8') !== files[file],
  );
}

module.exports = { render, staleFiles };

if (require.main === module) {
  (async () => {
    if (process.argv.includes('--check')) {
      const stale = await staleFiles();
      for (const file of stale) {
        console.error(
          `stale: ${path.relative(repo, file)} (run schema:generate)`,
        );
      }
      process.exit(stale.length ? 1 : 0);
    }
    for (const [file, text] of Object.entries(await render())) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(repo, file)}`);
    }
  })().catch(error => {
    console.error(error);
    process.exit(1);
  });
}
