import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'A tier-2 service with its environments and on-call group; everything else from the org defaults',
    example: `steps:
  - id: ops
    action: ops:descriptor:create
    name: Write ops.yaml
    input:
      tier: tier-2
      onCallGroup: group:orders-oncall
      environments:
        - name: staging
          url: https://orders.staging.example.com
        - name: production
          url: https://orders.example.com
`,
  },
  {
    description:
      'A tier-1 service with a stricter uptime objective, an escalation path and a backup',
    example: `steps:
  - id: ops
    action: ops:descriptor:create
    name: Write ops.yaml
    input:
      tier: tier-1
      onCallGroup: group:payments-oncall
      escalation: [group:payments-leads, group:eng-managers]
      slos:
        - name: Uptime
          objective: '>= 99.95%'
      backups:
        - data: resource:payments-db
          schedule: hourly
          retention: 35d
          rpo: 1h
      version: 0.1.0
`,
  },
];
