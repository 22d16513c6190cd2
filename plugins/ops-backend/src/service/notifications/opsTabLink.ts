import { parseEntityRef } from '@backstage/catalog-model';

/** The app path of an entity's Ops tab, as every OpsKit notification links it. */
export function opsTabLink(entityRef: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  return `/catalog/${namespace}/${kind}/${name}/ops`;
}
