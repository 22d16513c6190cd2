#!/usr/bin/env node
/*
 * Writes schema/ops-descriptor.schema.json from the zod schema, formatted with
 * the repository's prettier so `prettier --check .` stays green. A test fails
 * when the committed file is stale. Runs only in this repository (it reads the
 * TypeScript sources); it is not published.
 *
 *   yarn workspace @opskit/plugin-ops-common schema:generate
 */
const fs = require('node:fs');
const path = require('node:path');
// eslint-disable-next-line @backstage/no-undeclared-imports -- the repository's formatter
const prettier = require('prettier');

require('@backstage/cli/config/nodeTransform.cjs');
const { opsDescriptorJsonSchema } = require('../src/descriptor/jsonSchema.ts');

async function main() {
  const out = path.resolve(__dirname, '../schema/ops-descriptor.schema.json');
  const options = await prettier.resolveConfig(out);
  const text = await prettier.format(
    `${JSON.stringify(opsDescriptorJsonSchema(), null, 2)}\n`,
    { ...options, filepath: out },
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, text);
  process.stdout.write(`wrote ${path.relative(process.cwd(), out)}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exitCode = 1;
});
