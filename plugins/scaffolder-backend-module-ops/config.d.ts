export interface Config {
  ops?: {
    scaffolder?: {
      /**
       * The organisation's runbook layout for `ops:runbook:create`: Markdown
       * with `{{ title }}` and chapter placeholders (`{{ summary }}`,
       * `{{ environments }}`, `{{ deployment }}`, `{{ slos }}`,
       * `{{ monitoring }}`, `{{ logging }}`, `{{ incidents }}`,
       * `{{ backups }}`, `{{ recovery }}`, `{{ versionHistory }}`,
       * `{{ readiness }}`, `{{ issues }}`). Use `$file: runbook-template.md`
       * to keep it in a file.
       */
      runbookTemplate?: string;
    };
  };
}
