/* eslint-disable no-script-url -- refusing script URLs is what these tests check */
import { checkUrl, isSafeUrl } from './urls';

describe('checkUrl', () => {
  it.each([
    'https://grafana.example.com/d/x',
    'http://localhost:3000',
    'http://127.0.0.1:9090/graph',
    'http://[::1]:8080',
  ])('accepts %s', url => expect(checkUrl(url)).toEqual({ ok: true }));

  it.each([
    ['javascript:alert(1)', /never allowed/],
    ['JaVaScRiPt:alert(1)', /never allowed/],
    ['java\tscript:alert(1)', /never allowed/],
    ['data:text/html,<script>', /never allowed/],
    ['file:///etc/passwd', /never allowed/],
    [
      'http://grafana.example.com',
      /only allowed for localhost.*https:\/\/grafana.example.com/,
    ],
    ['ftp://example.com', /not allowed/],
    ['grafana.example.com', /not an absolute URL/],
  ])('refuses %s', (url, message) => {
    const verdict = checkUrl(url);
    expect(verdict.ok).toBe(false);
    expect(!verdict.ok && verdict.message).toMatch(message);
  });

  it('only strings can be safe', () => {
    expect(isSafeUrl(undefined)).toBe(false);
    expect(isSafeUrl({ href: 'https://x' })).toBe(false);
    expect(isSafeUrl('https://x.example.com')).toBe(true);
  });
});
