/**
 * A finding about ops data, in words a person can act on.
 *
 * @public
 */
export interface OpsIssue {
  /** Where in the data: `slos[0].alert.value`, `annotations.opskit.io/tier`. */
  path: string;
  severity: 'error' | 'warning';
  message: string;
  /** Which input the path refers to: `ops.yaml`, `annotation opskit.io/slos`, `defaults`. */
  source?: string;
}

export type PathSegment = string | number | symbol;

/** Formats a path like `slos[0].objective.value`. */
export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const segment of segments) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else {
      const key = String(segment);
      out += /^[A-Za-z_][A-Za-z0-9_-]*$/.test(key)
        ? `${out ? '.' : ''}${key}`
        : `[${JSON.stringify(key)}]`;
    }
  }
  return out;
}

/** Joins a prefix and a path relative to it. */
export function joinPath(prefix: string, rest: string): string {
  if (!prefix) return rest;
  if (!rest) return prefix;
  return rest.startsWith('[') ? `${prefix}${rest}` : `${prefix}.${rest}`;
}

/** @public */
export function hasErrors(issues: readonly OpsIssue[]): boolean {
  return issues.some(issue => issue.severity === 'error');
}
