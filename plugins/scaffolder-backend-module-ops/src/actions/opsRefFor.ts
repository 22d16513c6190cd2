import { InputError } from '@backstage/errors';
import {
  DEFAULT_DESCRIPTOR_FILE,
  parseOpsRef,
} from '@opskit/plugin-ops-common';
import { posix } from 'node:path';

/**
 * The `opskit.io/ops-ref` value that points from catalog-info.yaml to the
 * written descriptor: `dir:.` for the usual layout, else a relative path.
 */
export function opsRefFor(
  catalogInfoPath: string,
  descriptorPath: string,
): string {
  const from = posix.dirname(catalogInfoPath.split('\\').join('/'));
  const to = descriptorPath.split('\\').join('/');
  const rel = posix.relative(from, to);
  if (rel.startsWith('..')) {
    throw new InputError(
      `the descriptor "${descriptorPath}" must sit in or below the folder of "${catalogInfoPath}" (the catalog refuses refs that leave it)`,
    );
  }
  let ref: string;
  if (posix.basename(rel) === DEFAULT_DESCRIPTOR_FILE) {
    const dir = posix.dirname(rel);
    ref = dir === '.' ? 'dir:.' : `dir:./${dir}`;
  } else {
    ref = `./${rel}`;
  }
  // Written only if the catalog module will read it back the same way.
  const parsed = parseOpsRef(ref);
  if (parsed.type === 'invalid')
    throw new InputError(
      `cannot reference "${descriptorPath}" from "${catalogInfoPath}": ${parsed.message}`,
    );
  return ref;
}
