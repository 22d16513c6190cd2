import Ajv from 'ajv';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { load as parse } from 'js-yaml';
import { readExample } from '../__testUtils__/examples';
import { opsDescriptorJsonSchema } from './jsonSchema';

const committed = JSON.parse(
  readFileSync(
    resolve(__dirname, '../../schema/ops-descriptor.schema.json'),
    'utf8',
  ),
);

describe('ops.yaml JSON Schema', () => {
  it('is committed up to date (run `yarn workspace @opskit/plugin-ops-common schema:generate`)', () => {
    expect(committed).toEqual(opsDescriptorJsonSchema());
  });

  const validate = new Ajv({ strict: false, allErrors: true }).compile(
    committed,
  );

  it('accepts the example descriptors', () => {
    for (const file of [
      'payments-api/ops.yaml',
      'notifications-worker/ops.yaml',
    ]) {
      expect([
        file,
        validate(parse(readExample(file))),
        validate.errors,
      ]).toEqual([file, true, null]);
    }
  });

  it('flags what an editor should underline in the broken example', () => {
    expect(validate(parse(readExample('legacy-billing/ops.yaml')))).toBe(false);
    const paths = validate.errors!.map(e => `${e.instancePath} ${e.keyword}`);
    expect(paths).toEqual(
      expect.arrayContaining([
        '/environments/0/name pattern',
        '/slos/2/unit enum',
        '/monitoring additionalProperties',
      ]),
    );
  });
});
