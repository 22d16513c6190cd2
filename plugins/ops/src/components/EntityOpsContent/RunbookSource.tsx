import type { Entity } from '@backstage/catalog-model';
import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import type { DescriptorFile } from '@opskit/plugin-ops-common';
import { SafeLink } from '../common';

const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * The TechDocs page a runbook under `docs/` is published as (`docs/runbook.md`
 * → `/docs/<namespace>/<kind>/<name>/runbook/`), when the entity has TechDocs.
 */
export function techDocsPath(
  entity: Entity,
  file: DescriptorFile,
): string | undefined {
  if (!entity.metadata.annotations?.[TECHDOCS_REF]) return undefined;
  const page = /^(?:\.\/)?docs\/(.+)\.(md|markdown)$/i.exec(file.path)?.[1];
  if (page === undefined) return undefined;
  const namespace = entity.metadata.namespace ?? 'default';
  const pagePath = page === 'index' ? '' : `${page.replace(/\/index$/, '')}/`;
  return `/docs/${namespace}/${entity.kind.toLowerCase()}/${
    entity.metadata.name
  }/${pagePath}`;
}

/** "Read from the runbook docs/runbook.md": where this ops data comes from, with a link to read it. */
export function RunbookSource(props: { file: DescriptorFile; entity: Entity }) {
  const docs = techDocsPath(props.entity, props.file);
  return (
    <Typography variant="body2" paragraph data-testid="ops-runbook-source">
      Read from the runbook <code>{props.file.path}</code>
      {docs && (
        <>
          {' · '}
          <Link to={docs}>read it in TechDocs</Link>
        </>
      )}
      {props.file.url && (
        <>
          {' · '}
          <SafeLink url={props.file.url}>view the source</SafeLink>
        </>
      )}
    </Typography>
  );
}
