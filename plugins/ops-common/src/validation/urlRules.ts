import type { OpsSections } from '../descriptor/types';
import type { RuleContext } from './ruleContext';
import { browserView, checkUrl } from './urls';

/**
 * Reports unsafe URLs and returns the sections without them: a refused link
 * is dropped (a dashboard without its URL is dropped whole) so no consumer can
 * ever render it.
 */
export function sanitizeUrls(
  ctx: RuleContext,
  sections: OpsSections,
): OpsSections {
  const safe = (
    section: 'environments' | 'monitoring',
    at: string,
    url: string | undefined,
  ) => {
    if (url === undefined) return true;
    const verdict = checkUrl(url);
    if (!verdict.ok) ctx.error(section, at, verdict.message);
    return verdict.ok;
  };
  const out: OpsSections = { ...sections };
  if (sections.environments) {
    out.environments = sections.environments.map((env, i) =>
      safe('environments', `[${i}].url`, env.url)
        ? env
        : { ...env, url: undefined },
    );
  }
  if (sections.monitoring) {
    const { tools, dashboards } = sections.monitoring;
    out.monitoring = {
      ...sections.monitoring,
      ...(tools && {
        tools: tools.map((tool, i) =>
          safe('monitoring', `tools[${i}].url`, tool.url)
            ? tool
            : { ...tool, url: undefined },
        ),
      }),
      ...(dashboards && {
        dashboards: dashboards.filter((d, i) =>
          safe('monitoring', `dashboards[${i}].url`, d.url),
        ),
      }),
    };
  }
  return out;
}

/** A runbook is a URL or a TechDocs path (`/docs/…`, `docs/runbook.md`). */
export function sanitizeRunbook(
  ctx: RuleContext,
  runbook: string | undefined,
): string | undefined {
  if (runbook === undefined) return undefined;
  if (!/^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(browserView(runbook))) {
    return runbook;
  }
  const verdict = checkUrl(runbook);
  if (verdict.ok) return runbook;
  ctx.error('runbook', '', verdict.message);
  return undefined;
}
