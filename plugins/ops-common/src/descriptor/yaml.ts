import { parseAllDocuments, parseDocument } from 'yaml';
import type { OpsIssue } from '../validation/issues';

/** Text larger than this is refused rather than parsed: no runbook is 1 MiB of YAML. */
export const MAX_YAML_LENGTH = 1024 * 1024;

const OPTIONS = {
  // The core schema keeps dates as strings and refuses YAML 1.1 surprises (`no` → false).
  schema: 'core',
  // Alias bombs: a handful of anchors is plenty for a runbook.
  maxAliasCount: 50,
  uniqueKeys: true,
  prettyErrors: true,
} as const;

export interface YamlResult {
  value: unknown;
  issues: OpsIssue[];
}

function describeError(
  error: { message: string; linePos?: [{ line: number; col: number }, ...unknown[]] },
  source: string,
  severity: OpsIssue['severity'],
): OpsIssue {
  const pos = error.linePos?.[0];
  const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
  const message = error.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  return {
    path: '',
    severity,
    message: `YAML syntax error${where}: ${message}`,
    source,
  };
}

function guard(text: unknown, source: string): OpsIssue | undefined {
  if (typeof text !== 'string') {
    return { path: '', severity: 'error', message: 'expected YAML text', source };
  }
  if (text.length > MAX_YAML_LENGTH) {
    return {
      path: '',
      severity: 'error',
      message: `is ${text.length} characters long; the limit is ${MAX_YAML_LENGTH}`,
      source,
    };
  }
  return undefined;
}

/** Parses one YAML document; syntax errors become issues with line and column, never exceptions. */
export function readYaml(text: string, source: string): YamlResult {
  const refused = guard(text, source);
  if (refused) return { value: undefined, issues: [refused] };
  try {
    const doc = parseDocument(text, OPTIONS);
    if (doc.errors.length > 0) {
      return {
        value: undefined,
        issues: doc.errors.map(e => describeError(e as any, source, 'error')),
      };
    }
    return {
      value: doc.toJS({ maxAliasCount: OPTIONS.maxAliasCount }),
      issues: doc.warnings.map(e => describeError(e as any, source, 'warning')),
    };
  } catch (error) {
    // yaml throws for alias explosions and pathological nesting; report, never crash.
    return {
      value: undefined,
      issues: [
        {
          path: '',
          severity: 'error',
          message: `could not be read as YAML: ${(error as Error)?.message ?? String(error)}`,
          source,
        },
      ],
    };
  }
}

/** Parses a multi-document YAML stream (catalog-info.yaml); each document keeps its own issues. */
export function readYamlDocuments(text: string, source: string): YamlResult[] {
  const refused = guard(text, source);
  if (refused) return [{ value: undefined, issues: [refused] }];
  try {
    const docs = parseAllDocuments(text, OPTIONS);
    const list = Array.isArray(docs) ? docs : [docs];
    return list.map(doc => {
      if (doc.errors.length > 0) {
        return {
          value: undefined,
          issues: doc.errors.map(e => describeError(e as any, source, 'error')),
        };
      }
      try {
        return {
          value: doc.toJS({ maxAliasCount: OPTIONS.maxAliasCount }),
          issues: [],
        };
      } catch (error) {
        return {
          value: undefined,
          issues: [
            { path: '', severity: 'error' as const, message: `could not be read as YAML: ${(error as Error).message}`, source },
          ],
        };
      }
    });
  } catch (error) {
    return [
      {
        value: undefined,
        issues: [{ path: '', severity: 'error', message: `could not be read as YAML: ${(error as Error)?.message}`, source }],
      },
    ];
  }
}
