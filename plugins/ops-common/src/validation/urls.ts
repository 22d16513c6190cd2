/**
 * URL safety. catalog-model's own URL check lets `javascript:` and `data:`
 * through, and these values end up as links on the Ops tab, so OpsKit keeps
 * its own rule: https everywhere, http only for localhost.
 */

// eslint-disable-next-line no-script-url -- these are the schemes we refuse
const NEVER = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

/** @public */
export type UrlVerdict = { ok: true } | { ok: false; message: string };

// Browsers ignore control characters and whitespace inside schemes ("java\tscript:").
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const IGNORED_BY_BROWSERS = /[\u0000-\u001f\u007f\s]+/g;

/** The URL as a browser would read it. */
export function browserView(value: string): string {
  return value.replace(IGNORED_BY_BROWSERS, '');
}

/** @public */
export function checkUrl(value: string): UrlVerdict {
  const cleaned = browserView(value);
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return {
      ok: false,
      message: `"${value.slice(
        0,
        60,
      )}" is not an absolute URL; write it in full, e.g. https://example.com/path`,
    };
  }
  const scheme = parsed.protocol.toLowerCase();
  if (NEVER.has(scheme)) {
    return {
      ok: false,
      message: `${scheme} URLs are never allowed; use an https link`,
    };
  }
  if (scheme === 'https:') return { ok: true };
  if (scheme === 'http:') {
    if (
      LOCAL_HOSTS.has(parsed.hostname.toLowerCase()) ||
      parsed.hostname.endsWith('.localhost')
    ) {
      return { ok: true };
    }
    return {
      ok: false,
      message: `http is only allowed for localhost; use https://${parsed.host}${
        parsed.pathname === '/' ? '' : parsed.pathname
      }`,
    };
  }
  return {
    ok: false,
    message: `the ${scheme} scheme is not allowed; use an https link`,
  };
}

/**
 * True when a value may be rendered as a link.
 *
 * @public
 */
export function isSafeUrl(value: unknown): value is string {
  return typeof value === 'string' && checkUrl(value).ok;
}
