/** A check in `ops.checks.custom` form, as tests configure it. */

/** Every environment over HTTPS: legacy-billing serves one over http:// (and one javascript:). */
export const HTTPS_EVERYWHERE = {
  id: 'https-everywhere',
  scorecard: 'deployment',
  title: 'Every environment is served over HTTPS',
  description: 'Each environment URL starts with https://.',
  howToFix: 'Serve every environment over HTTPS.',
  level: 'silver',
  weight: 2,
  rule: {
    path: 'profile.environments',
    every: { path: 'url', matches: '^https://' },
  },
};
