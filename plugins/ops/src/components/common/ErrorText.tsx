import Typography, { type TypographyProps } from '@material-ui/core/Typography';
import { darken, lighten, makeStyles } from '@material-ui/core/styles';

// The theme's error colour as text: its main shade is under 4.5:1 on light
// and dark paper (3.7 and 2.7 with MUI's red), so text takes a darker shade
// in light themes and a lighter one in dark themes (WCAG 2 AA, tested by axe-core in the e2e run).
const useStyles = makeStyles(theme => ({
  error: {
    color:
      theme.palette.type === 'dark'
        ? lighten(theme.palette.error.main, 0.5)
        : darken(theme.palette.error.main, 0.25),
  },
}));

/** A class for text in the error colour that stays readable on the theme's paper. */
export function useErrorTextClass(): string {
  return useStyles().error;
}

/** Typography in the error colour, readable in light and dark themes. */
export function ErrorText(
  props: Omit<TypographyProps, 'color'> & { component?: React.ElementType },
) {
  const className = useErrorTextClass();
  return (
    <Typography
      {...props}
      className={
        props.className ? `${className} ${props.className}` : className
      }
    />
  );
}
