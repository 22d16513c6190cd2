import { z } from 'zod';
import { descriptorSchema } from './schema';

/**
 * The JSON Schema URL editors see in `$id`.
 *
 * @public
 */
export const OPS_DESCRIPTOR_SCHEMA_ID =
  'https://opskit.io/schemas/ops-descriptor.schema.json';

/** Editors should flag typos, so every object refuses unknown keys in the JSON Schema. */
function closeObjects(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(closeObjects);
    return;
  }
  if (!node || typeof node !== 'object') return;
  const record = node as Record<string, unknown>;
  if (
    record.type === 'object' &&
    record.properties &&
    record.additionalProperties === undefined
  ) {
    record.additionalProperties = false;
  }
  Object.values(record).forEach(closeObjects);
}

/**
 * JSON Schema of ops.yaml, generated from the zod schema (input side: what people write).
 *
 * @public
 */
export function opsDescriptorJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(descriptorSchema, {
    io: 'input',
    unrepresentable: 'any',
    target: 'draft-7',
  }) as Record<string, unknown>;
  closeObjects(schema);
  return { ...schema, $id: OPS_DESCRIPTOR_SCHEMA_ID, title: 'OpsKit ops.yaml' };
}
