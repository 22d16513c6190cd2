import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

describe('openapi.generated.ts', () => {
  it('matches openapi.yaml (run `yarn schema:generate` in plugins/ops-backend after editing the spec)', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { render, target } = require('../../scripts/generate-openapi.js');
    expect(readFileSync(resolve(target), 'utf8')).toBe(render());
  });
});
