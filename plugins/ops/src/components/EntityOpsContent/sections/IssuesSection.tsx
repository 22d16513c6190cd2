import Typography from '@material-ui/core/Typography';
import { hasErrors, type OpsIssue } from '@opskit/plugin-ops-common';
import { ErrorText } from '../../common';
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
        <ErrorText variant="body2" gutterBottom>
          Errors cost only the field or item they name; fix them to get the
          section back.
        </ErrorText>
      )}
      <DataTable
        label="Validation issues"
        columns={['Severity', 'Where', 'Problem']}
        rows={issues.map((issue, i) => ({
          key: String(i),
          cells: [
            issue.severity === 'error' ? (
              <ErrorText variant="body2">{issue.severity}</ErrorText>
            ) : (
              <Typography variant="body2" color="textSecondary">
                {issue.severity}
              </Typography>
            ),
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
