#!/usr/bin/env node
// Writes src/schema/openapi.generated.ts from src/schema/openapi.yaml, so the
// spec travels inside the built package. A test fails when the two drift.
const fs = require('node:fs');
const path = require('node:path');
const yaml = require('js-yaml');

const root = path.resolve(__dirname, '..');
const source = path.join(root, 'src/schema/openapi.yaml');
const target = path.join(root, 'src/schema/openapi.generated.ts');

function render() {
  const spec = yaml.load(fs.readFileSync(source, 'utf8'));
  // eslint-disable-next-line @backstage/no-undeclared-imports -- the repository's formatter
  const prettier = require('prettier');
  const text = `// Generated from openapi.yaml by \`yarn schema:generate\` in plugins/ops-backend; do not edit.\n\nexport const spec = ${JSON.stringify(
    spec,
    null,
    2,
  )} as const;\n`;
  return prettier.format(text, {
    ...prettier.resolveConfig.sync(target),
    filepath: target,
  });
}

module.exports = { render, target };

if (require.main === module) {
  fs.writeFileSync(target, render());
  console.log(`wrote ${path.relative(process.cwd(), target)}`);
}
