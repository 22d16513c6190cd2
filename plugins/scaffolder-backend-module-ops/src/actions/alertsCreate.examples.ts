import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      "Prometheus rules for the new service's SLOs, from the workspace's catalog-info.yaml and ops.yaml",
    example: `steps:
  - id: alerts
    action: ops:alerts:create
    name: Write the Prometheus rules
`,
  },
  {
    description: 'The rules written where the cluster repository expects them',
    example: `steps:
  - id: alerts
    action: ops:alerts:create
    name: Write the Prometheus rules
    input:
      outputPath: deploy/prometheus/rules.yml
`,
  },
];
