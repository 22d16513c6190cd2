import type { TemplateExample } from '@backstage/plugin-scaffolder-node';

export const examples: TemplateExample[] = [
  {
    description:
      'Stop a release template unless the service reaches silver on every scorecard',
    example: `steps:
  - id: gate
    action: ops:gate
    name: Ops readiness
    input:
      entityRef: \${{ parameters.component }}
      minLevel: silver
`,
  },
  {
    description:
      'Report the monitoring scorecard against gold without failing, and use the verdict in later steps',
    example: `steps:
  - id: gate
    action: ops:gate
    name: Monitoring readiness
    input:
      entityRef: component:default/payments-api
      minLevel: gold
      scorecards: [monitoring]
      failOnBlock: false
`,
  },
];
