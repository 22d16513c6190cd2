import type { RunbookNote } from '../../descriptor/types';
import type { OpsIssue } from '../../validation/issues';
import type { PlainText } from './markdownText';
import { isWellFormedPlaceholder, placeholderOf } from './values';

type Json = Record<string, unknown>;

/**
 * What the importer has read so far, section by section, with the line each
 * descriptor path came from (so validation issues point into the Markdown).
 */
export class ImportState {
  readonly issues: OpsIssue[] = [];
  readonly lines = new Map<string, number>();
  tier?: string;
  runbook?: string;
  environments: Json[] = [];
  process: Json[] = [];
  /** The process item each deployment sub-chapter's step list made, by the chapter's line. */
  readonly processByChapter = new Map<number, Json>();
  rollback?: Json;
  checklist: Json[] = [];
  slos: Json[] = [];
  tools: Json[] = [];
  dashboards: Json[] = [];
  logging: Json = {};
  severities: Json[] = [];
  escalation: Json[] = [];
  backups: Json[] = [];
  recovery: Json = {};
  versionHistory: Json[] = [];
  notes: RunbookNote[] = [];

  constructor(readonly source: string) {}

  at(line: number): string {
    return `${this.source}:${line}`;
  }

  warn(path: string, line: number, message: string): void {
    this.issues.push({
      path,
      severity: 'warning',
      message,
      source: this.at(line),
    });
  }

  error(path: string, line: number, message: string): void {
    this.issues.push({
      path,
      severity: 'error',
      message,
      source: this.at(line),
    });
  }

  /** Remembers where a descriptor path was read, for the issues validation finds later. */
  mark(path: string, line: number): void {
    if (!this.lines.has(path)) this.lines.set(path, line);
  }

  /**
   * A cell's value for one field: read when it is data, left out (with a
   * warning on the field) when it is still the template's placeholder, kept as
   * written when it cannot be read, so validation names what is wrong.
   */
  value<T>(
    cell: PlainText | undefined,
    field: { path: string; line: number; column: string },
    read: (text: string) => T | undefined,
    raw: (cell: PlainText) => string = c => c.text,
  ): T | string | undefined {
    if (!cell) return undefined;
    const text = raw(cell).trim();
    if (!text || /^[-—–]$/.test(text)) return undefined;
    const placeholder = placeholderOf(text);
    if (placeholder) {
      const inner = placeholder.inner;
      const taken =
        inner !== undefined && isWellFormedPlaceholder(inner, field.column)
          ? read(inner)
          : undefined;
      if (taken !== undefined) {
        this.warn(
          field.path,
          field.line,
          `"${text}" is still the template's placeholder; it was read as "${inner}": confirm it and remove the brackets`,
        );
        return taken;
      }
      this.warn(
        field.path,
        field.line,
        `"${text}" is still the template's placeholder: fill it in`,
      );
      return undefined;
    }
    return read(text) ?? text;
  }
}
