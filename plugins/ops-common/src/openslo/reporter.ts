import type { OpsIssue } from '../validation/issues';

export const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `spec` + `objectives` → `spec.objectives`; `spec.objectives` + 0 → `spec.objectives[0]`. */
export function at(prefix: string, key: string | number): string {
  if (typeof key === 'number') return `${prefix}[${key}]`;
  return prefix ? `${prefix}.${key}` : key;
}

/**
 * Issues about one OpenSLO document: the path names the document and the
 * field in it (`SLO payments-availability: spec.objectives[0].target`), the
 * source the file.
 */
export class Reporter {
  constructor(
    private readonly issues: OpsIssue[],
    readonly label: string,
    private readonly source?: string,
  ) {}

  private add(path: string, severity: OpsIssue['severity'], message: string) {
    this.issues.push({
      path: path ? `${this.label}: ${path}` : this.label,
      severity,
      message,
      ...(this.source ? { source: this.source } : {}),
    });
  }

  error(path: string, message: string) {
    this.add(path, 'error', message);
  }

  warn(path: string, message: string) {
    this.add(path, 'warning', message);
  }

  /** Whether any error names this document (its mapping is then skipped). */
  hasErrors(): boolean {
    const prefix = `${this.label}:`;
    return this.issues.some(
      i =>
        i.severity === 'error' &&
        (i.path === this.label || i.path.startsWith(prefix)),
    );
  }
}
