import { suggestion } from '../validation/didYouMean';
import { readShorthand, shorthandHint } from './durationShorthand';
import type { OpenSloIndex } from './openSloIndex';
import { at, isObject, type Reporter } from './reporter';
import { DNS_LABEL, MAX_DESCRIPTION, MAX_DISPLAY_NAME } from './vocabulary';

/** The checks every OpenSLO object shares: names, descriptions, references, known fields. */

const shown = (value: unknown) =>
  typeof value === 'string'
    ? `"${value.slice(0, 70)}"`
    : JSON.stringify(value)?.slice(0, 70) ?? String(value);

export function dnsLabelMessage(value: unknown): string {
  return `${shown(
    value,
  )} is not a DNS label: lower-case letters, digits and "-", at most 63 characters, starting and ending with a letter or digit, e.g. "payments-availability"`;
}

/** Unknown fields are warnings with the closest known one: a typo is not a lost field. */
export function checkKnownKeys(
  r: Reporter,
  path: string,
  value: Record<string, unknown>,
  known: readonly string[],
) {
  for (const key of Object.keys(value)) {
    if (!known.includes(key))
      r.warn(
        at(path, key),
        `unknown field "${key}" is ignored${suggestion(
          key,
          known,
        )}; known fields: ${known.join(', ')}`,
      );
  }
}

/** A required mapping: the value, or undefined after an error saying what belongs there. */
export function requireObject(
  r: Reporter,
  path: string,
  value: unknown,
  what: string,
): Record<string, unknown> | undefined {
  if (isObject(value)) return value;
  r.error(
    path,
    value === undefined
      ? `is missing; ${what}`
      : `expected a mapping, found ${shown(value)}; ${what}`,
  );
  return undefined;
}

/**
 * A kind's `spec`: a mapping (else an error saying what belongs there) whose
 * unknown fields are warned about and whose description is checked.
 */
export function requireSpec(
  r: Reporter,
  path: string,
  value: unknown,
  what: string,
  known: readonly string[],
): Record<string, unknown> | undefined {
  const spec = requireObject(r, path, value, what);
  if (!spec) return undefined;
  checkKnownKeys(r, path, spec, known);
  checkDescription(r, path, spec.description);
  return spec;
}

/** A list: the value, or undefined after an error. */
export function requireList(
  r: Reporter,
  path: string,
  value: unknown,
  what: string,
): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  r.error(
    path,
    value === undefined
      ? `is missing; ${what}`
      : `expected a list, found ${shown(value)}; ${what}`,
  );
  return undefined;
}

export function checkText(
  r: Reporter,
  path: string,
  value: unknown,
  options: { required?: string; max?: number } = {},
): value is string {
  if (value === undefined) {
    if (options.required) r.error(path, `is missing; ${options.required}`);
    return false;
  }
  if (typeof value !== 'string' || !value.trim()) {
    r.error(path, `expected text, found ${shown(value)}`);
    return false;
  }
  if (options.max !== undefined && value.length > options.max) {
    r.error(
      path,
      `is ${value.length} characters long; OpenSLO allows at most ${options.max}`,
    );
    return false;
  }
  return true;
}

export function checkDescription(r: Reporter, path: string, value: unknown) {
  checkText(r, at(path, 'description'), value, { max: MAX_DESCRIPTION });
}

export function checkBoolean(r: Reporter, path: string, value: unknown) {
  if (value !== undefined && typeof value !== 'boolean')
    r.error(path, `expected true or false, found ${shown(value)}`);
}

export function checkEnum(
  r: Reporter,
  path: string,
  value: unknown,
  allowed: readonly string[],
  required?: string,
): boolean {
  if (value === undefined) {
    if (required) r.error(path, `is missing; ${required}`);
    return false;
  }
  if (typeof value === 'string' && allowed.includes(value)) return true;
  r.error(
    path,
    `${shown(value)} is not one of ${allowed.join(', ')}${
      typeof value === 'string' ? suggestion(value, allowed) : ''
    }`,
  );
  return false;
}

export function checkNumber(
  r: Reporter,
  path: string,
  value: unknown,
  required?: string,
): value is number {
  if (value === undefined) {
    if (required) r.error(path, `is missing; ${required}`);
    return false;
  }
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  r.error(
    path,
    `expected a number, found ${shown(value)}${
      typeof value === 'string' && value.trim() && !Number.isNaN(Number(value))
        ? '; write it without quotes'
        : ''
    }`,
  );
  return false;
}

/** A duration shorthand (`28d`, `1M`); `allowZero` for `alertAfter: 0m`. */
export function checkShorthand(
  r: Reporter,
  path: string,
  value: unknown,
  options: { required?: string; allowZero?: boolean } = {},
): boolean {
  if (value === undefined) {
    if (options.required) r.error(path, `is missing; ${options.required}`);
    return false;
  }
  const read = readShorthand(value);
  if (!read) {
    r.error(path, shorthandHint(value));
    return false;
  }
  if (read.value === 0 && !options.allowZero) {
    r.error(path, `${shown(value)} is empty; a duration here is at least 1`);
    return false;
  }
  return true;
}

/** `metadata` of a document or of an inline object: name (a DNS label), displayName, labels, annotations. */
export function checkMetadata(r: Reporter, path: string, value: unknown) {
  const metadata = requireObject(
    r,
    path,
    value,
    'write metadata: {name: payments-availability}',
  );
  if (!metadata) return;
  checkKnownKeys(r, path, metadata, [
    'name',
    'displayName',
    'labels',
    'annotations',
  ]);
  const name = metadata.name;
  if (name === undefined)
    r.error(
      at(path, 'name'),
      'is missing; every OpenSLO object has a name, a DNS label such as "payments-availability"',
    );
  else if (typeof name !== 'string' || !DNS_LABEL.test(name))
    r.error(at(path, 'name'), dnsLabelMessage(name));
  checkText(r, at(path, 'displayName'), metadata.displayName, {
    max: MAX_DISPLAY_NAME,
  });
  if (metadata.labels !== undefined) {
    if (!isObject(metadata.labels))
      r.error(
        at(path, 'labels'),
        'expected a mapping of label names to text (or lists of text)',
      );
    else
      for (const [key, label] of Object.entries(metadata.labels)) {
        const ok =
          typeof label === 'string' ||
          (Array.isArray(label) && label.every(l => typeof l === 'string'));
        if (!ok)
          r.error(
            at(at(path, 'labels'), key),
            `expected text or a list of text, found ${shown(
              label,
            )}; quote numbers and booleans`,
          );
      }
  }
  if (metadata.annotations !== undefined) {
    if (!isObject(metadata.annotations))
      r.error(
        at(path, 'annotations'),
        'expected a mapping of annotation keys to text',
      );
    else
      for (const [key, annotation] of Object.entries(metadata.annotations))
        if (typeof annotation !== 'string')
          r.error(
            at(at(path, 'annotations'), key),
            `annotation values are text, found ${shown(annotation)}; quote it`,
          );
  }
}

/** A reference to another document: a DNS label naming a document of that kind among those given. */
export function checkRef(
  r: Reporter,
  path: string,
  value: unknown,
  kind: string,
  index: OpenSloIndex,
): boolean {
  if (typeof value !== 'string' || !DNS_LABEL.test(value)) {
    r.error(path, dnsLabelMessage(value));
    return false;
  }
  if (index.get(kind, value)) return true;
  const names = index.names(kind);
  r.error(
    path,
    `no ${kind} named "${value}" among the documents given${
      names.length
        ? ` (${kind}s: ${names.slice(0, 10).join(', ')})${suggestion(
            value,
            names,
          )}`
        : ''
    }; add a ${kind} document with that name, or correct the name`,
  );
  return false;
}

/** Exactly one of two alternatives: `{ ref }` or the object inline. Returns which, or undefined after an error. */
export function oneOf(
  r: Reporter,
  path: string,
  value: Record<string, unknown>,
  first: string,
  second: string,
  hint: string,
): 'first' | 'second' | undefined {
  const hasFirst = value[first] !== undefined;
  const hasSecond = value[second] !== undefined;
  if (hasFirst && hasSecond) {
    r.error(path, `has both ${first} and ${second}; keep one: ${hint}`);
    return undefined;
  }
  if (!hasFirst && !hasSecond) {
    r.error(path, `needs ${first} or ${second}: ${hint}`);
    return undefined;
  }
  return hasFirst ? 'first' : 'second';
}
