import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      "The new service's runbook from the workspace's catalog-info.yaml and ops.yaml, listed in mkdocs.yml",
    example: `steps:
  - id: runbook
    action: ops:runbook:create
    name: Write the runbook
`,
  },
  {
    description:
      'A runbook from a descriptor given inline, written to a custom path without touching mkdocs.yml',
    example: `steps:
  - id: runbook
    action: ops:runbook:create
    name: Write the runbook
    input:
      title: Orders API
      outputPath: docs/operations/runbook.md
      updateMkdocs: false
      descriptor:
        apiVersion: opskit.io/v1
        kind: OpsDescriptor
        tier: tier-2
        environments:
          - name: production
            url: https://orders.example.com
`,
  },
];
