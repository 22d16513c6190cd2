import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import { readYaml } from '@opskit/plugin-ops-common';

/**
 * Response bodies checked against ops-backend's OpenAPI spec (the file the
 * router is generated from): by the spec test for the real router's answers
 * and by the UI tests for their fake backend's, so neither can drift from it.
 * Objects are closed: a field the spec does not list is an error too.
 */
const SPEC_FILE = resolve(__dirname, '../schema/openapi.yaml');

const SCHEMA_REF = '#/components/schemas/';

/**
 * An allOf of object schemas as one object: closing each member would make
 * each refuse the others' fields.
 */
function merged(node: any, schemas: Record<string, any>): any {
  if (!Array.isArray(node.allOf)) return node;
  const members = node.allOf.map((m: any) =>
    merged(
      typeof m.$ref === 'string' && m.$ref.startsWith(SCHEMA_REF)
        ? schemas[m.$ref.slice(SCHEMA_REF.length)]
        : m,
      schemas,
    ),
  );
  if (!members.every((m: any) => m?.properties)) return node;
  const { allOf: _allOf, ...rest } = node;
  return {
    ...rest,
    type: 'object',
    properties: Object.assign({}, ...members.map((m: any) => m.properties)),
    required: [...new Set(members.flatMap((m: any) => m.required ?? []))],
  };
}

function closed(node: unknown, schemas: Record<string, any>): unknown {
  if (Array.isArray(node)) return node.map(n => closed(n, schemas));
  if (!node || typeof node !== 'object') return node;
  const whole = merged(node, schemas);
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(whole as object))
    out[key] = closed(value, schemas);
  if (out.properties && out.additionalProperties === undefined)
    out.additionalProperties = false;
  return out;
}

const spec = readYaml(readFileSync(SPEC_FILE, 'utf8'), 'openapi.yaml')
  .value as any;
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addFormat('date-time', value => !Number.isNaN(Date.parse(value)));
ajv.addFormat('uuid', /^[0-9a-f-]{36}$/i);
ajv.addFormat('date', /^\d{4}-\d{2}-\d{2}$/);
ajv.addSchema({
  ...(closed(spec, spec.components.schemas) as object),
  $id: 'ops',
});
const pointer = (...parts: string[]) =>
  parts.map(p => p.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');

/**
 * Why `body` is not what the spec documents for this route, method, status
 * and content type (undefined when it is). `route` is the spec's path template.
 */
export function specViolation(
  route: string,
  method: string,
  status: number,
  body: unknown,
  contentType = 'application/json',
): string | undefined {
  const responses = spec.paths[route]?.[method]?.responses;
  if (!responses) return `${method.toUpperCase()} ${route} is not in the spec`;
  const documented = responses[String(status)] ? String(status) : 'default';
  const response = responses[documented];
  const ref = response.$ref
    ? `ops#${response.$ref.slice(1)}/content/${pointer(contentType)}/schema`
    : `ops#/${pointer(
        'paths',
        route,
        method,
        'responses',
        documented,
        'content',
        contentType,
        'schema',
      )}`;
  const validate = ajv.getSchema(ref);
  if (!validate)
    return `${method.toUpperCase()} ${route} ${status}: no ${contentType} body documented`;
  return validate(body)
    ? undefined
    : `${method.toUpperCase()} ${route} ${status}: ${(validate.errors ?? [])
        .map(e => `${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`)
        .join('; ')}`;
}
