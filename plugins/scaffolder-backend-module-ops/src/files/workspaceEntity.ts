import {
  OPS_REF_ANNOTATION,
  parseOpsRef,
  withLocalDescriptor,
  type OpsEntityLike,
} from '@opskit/plugin-ops-common';
import { posix } from 'node:path';
import type { Workspace } from '../workspace';
import type { CatalogInfoFile } from './catalogInfoFile';

/**
 * The entity a workspace's catalog-info.yaml describes, with its ops-ref
 * resolved as the catalog module does, inside the workspace only (Workspace
 * refuses escapes).
 */
export async function workspaceEntity(
  workspace: Workspace,
  catalogInfo: CatalogInfoFile,
  catalogInfoPath: string,
): Promise<OpsEntityLike> {
  const ref = parseOpsRef(catalogInfo.annotation(OPS_REF_ANNOTATION));
  const text =
    ref.type === 'path'
      ? await workspace.read(
          posix.join(posix.dirname(catalogInfoPath), ref.path),
          'opskit.io/ops-ref',
        )
      : undefined;
  return withLocalDescriptor(catalogInfo.entity() as OpsEntityLike, path => {
    if (text === undefined)
      throw new Error(`${path} does not exist next to ${catalogInfoPath}`);
    return text;
  });
}
