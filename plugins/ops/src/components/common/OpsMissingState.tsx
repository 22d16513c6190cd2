import { CodeSnippet, EmptyState } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';

const EXAMPLE = `metadata:
  annotations:
    # ops.yaml beside this catalog-info.yaml
    opskit.io/ops-ref: dir:.
    opskit.io/tier: tier-2`;

/** Shown where an entity has no ops data: tells the team exactly what to add. */
export function OpsMissingState() {
  return (
    <EmptyState
      missing="field"
      title="No ops data for this entity yet"
      description="OpsKit reads operations data from the entity's annotations. Point it at an ops.yaml with opskit.io/ops-ref (like backstage.io/techdocs-ref), or set sections directly as opskit.io/* annotations."
      action={
        <>
          <Typography variant="body1">Add to catalog-info.yaml:</Typography>
          <CodeSnippet text={EXAMPLE} language="yaml" showCopyCodeButton />
        </>
      }
    />
  );
}
