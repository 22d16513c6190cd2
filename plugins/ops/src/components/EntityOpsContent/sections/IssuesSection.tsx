import Typography from '@material-ui/core/Typography';
import { hasErrors, type OpsIssue } from '@opskit/plugin-ops-common';
import { DataTable, SectionCard } from './SectionCard';

/** Validation findings with the path to fix: the first thing a team with a broken descriptor needs. */
export function IssuesSection({ issues }: { issues: OpsIssue[] }) {
  return (
    <SectionCard
      title={`Validation issues (${issues.length})`}
      empty={!issues.length}
      emptyText="No validation issues."
    >
      {hasErrors(issues) && (
        <Typography variant="body2" color="error" gutterBottom>
          Errors cost only the field or item they name; fix them to get the
          section back.
        </Typography>
      )}
      <DataTable
        label="Validation issues"
        columns={['Severity', 'Where', 'Problem']}
        rows={issues.map((issue, i) => ({
          key: String(i),
          cells: [
            <Typography
              variant="body2"
              color={issue.severity === 'error' ? 'error' : 'textSecondary'}
            >
              {issue.severity}
            </Typography>,
            <>
              <code>{issue.path || '(the whole value)'}</code>
              {issue.source && (
                <Typography
                  variant="caption"
                  display="block"
                  color="textSecondary"
                >
                  {issue.source}
                </Typography>
              )}
            </>,
            issue.message,
          ],
        }))}
      />
    </SectionCard>
  );
}
