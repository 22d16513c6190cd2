import { Link } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { isSafeUrl } from '@opskit/plugin-ops-common';

/**
 * A link only when the URL is safe (http/https); otherwise the text alone, so a
 * `javascript:` URL in a descriptor can never become a clickable link.
 */
export function SafeLink(props: { url?: string; children: React.ReactNode }) {
  if (props.url && isSafeUrl(props.url)) {
    return (
      <Link to={props.url} target="_blank" rel="noopener noreferrer">
        {props.children}
      </Link>
    );
  }
  return (
    <Typography
      component="span"
      variant="inherit"
      title={props.url ? 'Link hidden: not an http(s) URL' : undefined}
    >
      {props.children}
    </Typography>
  );
}
