/**
 * URL safety. catalog-model's own URL check lets `javascript:` and `data:`
 * through, and these values end up as links on the Ops tab, so OpsKit keeps
 * its own rule: https everywhere, http only for localhost.
 */

const NEVER = new Set(['javascript:', 'data:', 'file:', 'vbscript:', 'blob:']);
const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);

export type UrlVerdict = { ok: true } | { ok: false; message: string };

export function checkUrl(value: string): UrlVerdict {
  // Browsers ignore control characters and whitespace inside schemes ("java\tscript:").
  const cleaned = value.replace(/[\u0000-\u001f\u007f\s]+/g, '');
  let parsed: URL;
  try {
    parsed = new URL(cleaned);
  } catch {
    return { ok: false, message: `"${value.slice(0, 60)}" is not an absolute URL; write it in full, e.g. https://example.com/path` };
  }
  const scheme = parsed.protocol.toLowerCase();
  if (NEVER.has(scheme)) {
    return { ok: false, message: `${scheme} URLs are never allowed; use an https link` };
  }
  if (scheme === 'https:') return { ok: true };
  if (scheme === 'http:') {
    if (LOCAL_HOSTS.has(parsed.hostname.toLowerCase()) || parsed.hostname.endsWith('.localhost')) {
      return { ok: true };
    }
    return { ok: false, message: `http is only allowed for localhost; use https://${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}` };
  }
  return { ok: false, message: `the ${scheme} scheme is not allowed; use an https link` };
}

/** True when a value may be rendered as a link. */
export function isSafeUrl(value: unknown): value is string {
  return typeof value === 'string' && checkUrl(value).ok;
}
