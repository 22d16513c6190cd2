import {
  makeValidator,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';

const validator = makeValidator();

/**
 * An entity ref checked with the catalog's own rules (catalog-model's
 * validators for kind, namespace and name), not only split at ":" and "/":
 * `group:../../etc` splits into a namespace ".." and a name "../etc", neither
 * of which the catalog can hold. Returns the ref in `kind:namespace/name`
 * form, or why it is not one.
 *
 * @public
 */
export function checkEntityRef(
  text: string,
  options: { kinds?: string[]; defaultKind?: string } = {},
): { ref: string } | { error: string } {
  let parsed;
  try {
    parsed = parseEntityRef(text.trim(), {
      defaultKind: options.defaultKind,
      defaultNamespace: 'default',
    });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { kind, namespace, name } = parsed;
  if (!validator.isValidKind(kind))
    return { error: `"${kind}" is not a valid entity kind` };
  if (!validator.isValidNamespace(namespace))
    return {
      error: `"${namespace}" is not a valid namespace: lower-case letters, digits and "-", at most 63 characters`,
    };
  if (!validator.isValidEntityName(name))
    return {
      error: `"${name}" is not a valid entity name: letters, digits and "-", "_", "." between them, at most 63 characters`,
    };
  const kinds = options.kinds?.map(k => k.toLowerCase());
  if (kinds && !kinds.includes(kind.toLowerCase()))
    return {
      error: `is a ${kind.toLowerCase()}; expected ${kinds.join(' or ')}`,
    };
  return { ref: stringifyEntityRef(parsed).toLowerCase() };
}
