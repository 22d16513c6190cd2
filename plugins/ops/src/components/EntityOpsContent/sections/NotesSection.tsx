import { MarkdownContent } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import type { OpsProfile } from '@opskit/plugin-ops-common';
import { SectionCard } from './SectionCard';

/**
 * The runbook's chapters OpsKit does not read (a feature flag inventory, the
 * document's purpose), shown as the team wrote them. MarkdownContent
 * sanitises the HTML it renders.
 */
export function NotesSection({ profile }: { profile: OpsProfile }) {
  const notes = profile.notes ?? [];
  if (!notes.length) return null;
  return (
    <SectionCard title="More from the runbook" source={profile.sources.notes}>
      {notes.map((note, i) => (
        <Box key={`${i}-${note.title}`} mb={2}>
          <Typography variant="h6" component="h3">
            {note.title}
          </Typography>
          <MarkdownContent content={note.body} dialect="gfm" />
        </Box>
      ))}
    </SectionCard>
  );
}
