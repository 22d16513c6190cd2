import type { z } from 'zod';

/**
 * Small helpers to look inside zod schemas: which keys an object allows at a
 * path (for "did you mean"), and which element schema an array has (to keep
 * the valid items of a broken list).
 */

type Schema = z.ZodType;

const WRAPPERS = new Set([
  'optional',
  'nullable',
  'default',
  'catch',
  'readonly',
  'prefault',
  'nonoptional',
]);

const unwrapped = new WeakMap<object, Schema | undefined>();

/** Strips optional/default/pipe wrappers down to the schema that checks the input. */
export function unwrap(schema: Schema | undefined): Schema | undefined {
  if (!schema) return schema;
  // Schemas do not change once built: each is unwrapped once.
  if (unwrapped.has(schema)) return unwrapped.get(schema);
  const inner = unwrapOnce(schema);
  unwrapped.set(schema, inner);
  return inner;
}

function unwrapOnce(schema: Schema): Schema | undefined {
  let current: any = schema;
  for (let i = 0; i < 20 && current; i++) {
    const type = current.def?.type;
    if (WRAPPERS.has(type)) current = current.def.innerType;
    else if (type === 'pipe') current = current.def.in;
    else return current;
  }
  return current;
}

/** The option of a union that would take a value of this shape (object or array). */
function pickOption(schema: any, value: unknown): Schema | undefined {
  let wanted: 'array' | 'object';
  if (Array.isArray(value)) wanted = 'array';
  else if (value && typeof value === 'object') wanted = 'object';
  else return undefined;
  // Of several object options (a deployment process group or a step), the one
  // whose fields the value uses most: its unknown keys are the real typos.
  let best: any;
  let bestShared = -1;
  for (const option of schema.def.options as Schema[]) {
    const inner: any = unwrap(option);
    if (inner?.def?.type !== wanted) continue;
    if (wanted === 'array') return inner;
    const shape = inner.def.shape as Record<string, unknown>;
    const shared = Object.keys(value as object).filter(key =>
      Object.prototype.hasOwnProperty.call(shape, key),
    ).length;
    if (shared > bestShared) {
      best = inner;
      bestShared = shared;
    }
  }
  return best;
}

/** The object-or-array schema that would check `value`, looking through unions. */
export function structuralSchema(
  schema: Schema | undefined,
  value: unknown,
): any {
  const inner: any = unwrap(schema);
  if (inner?.def?.type === 'union') return pickOption(inner, value);
  return inner;
}

export function objectShape(
  schema: Schema | undefined,
  value: unknown,
): Record<string, Schema> | undefined {
  const inner = structuralSchema(schema, value);
  return inner?.def?.type === 'object' ? inner.def.shape : undefined;
}

export function arrayElement(
  schema: Schema | undefined,
  value: unknown,
): Schema | undefined {
  const inner = structuralSchema(schema, value);
  return inner?.def?.type === 'array' ? inner.def.element : undefined;
}

/** True when the object field may be left out. */
export function isOptional(schema: Schema | undefined): boolean {
  const type = (schema as any)?.def?.type;
  return (
    type === 'optional' ||
    type === 'default' ||
    (schema as any)?.safeParse?.(undefined)?.success === true
  );
}
