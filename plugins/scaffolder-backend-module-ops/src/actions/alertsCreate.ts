import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import {
  buildOpsProfile,
  prometheusRules,
  readBurnRateConditions,
  writeYaml,
} from '@opskit/plugin-ops-common';
import { CatalogInfoFile } from '../files/catalogInfoFile';
import { workspaceEntity } from '../files/workspaceEntity';
import { inputError, Workspace } from '../workspace';
import { examples } from './alertsCreate.examples';
import { readDefaults } from './readDefaults';

/** The burn-rate conditions the Prometheus module judges budgets by, so the alerts page on the same ones. */
function burnRates(config: Config) {
  const value = config.getOptional('ops.prometheus.burnRates');
  if (value === undefined) return undefined;
  const read = readBurnRateConditions(value, 'ops.prometheus.burnRates');
  if ('error' in read) throw new InputError(read.error);
  return read.conditions;
}

/** @public */
export const ALERTS_CREATE_ID = 'ops:alerts:create';

/**
 * The input of `ops:alerts:create` (defaults applied).
 *
 * @public
 */
export type OpsAlertsCreateInput = {
  catalogInfoPath: string;
  outputPath: string;
};

/**
 * `ops:alerts:create`: the Prometheus rule groups `opskit rules` writes
 * (error-ratio recording rules, burn-rate alerts, the runbook's threshold
 * alerts), for the service in the workspace, into a file of the new
 * repository. Refuses a descriptor with errors, naming them.
 *
 * @public
 */
export function createOpsAlertsAction(options: {
  config: Config;
}): TemplateAction<
  OpsAlertsCreateInput,
  { path: string; groups: number; rules: number },
  'v2'
> {
  return createTemplateAction({
    id: ALERTS_CREATE_ID,
    description:
      "Writes Prometheus rule groups for the SLOs of the workspace's service (its catalog-info.yaml and ops-ref): error-ratio recording rules per burn-rate window, multiwindow burn-rate alerts and the runbook's threshold alerts, labelled with the entity, SLO, environment and severity.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe(
              'The workspace catalog-info.yaml (its ops-ref is followed)',
            ),
        outputPath: z =>
          z
            .string()
            .default('prometheus/ops-rules.yml')
            .describe('Where to write the rule file'),
      },
      output: {
        path: z => z.string().describe('The rule file written'),
        groups: z => z.number().describe('Rule groups written'),
        rules: z => z.number().describe('Rules written'),
      },
    },
    async handler(ctx) {
      const workspace = new Workspace(ctx.workspacePath);
      const catalogInfoPath = ctx.input.catalogInfoPath ?? 'catalog-info.yaml';
      const outputPath = ctx.input.outputPath ?? 'prometheus/ops-rules.yml';
      workspace.resolve(outputPath, 'outputPath');
      const text = await workspace.read(catalogInfoPath, 'catalogInfoPath');
      if (text === undefined)
        throw new InputError(
          `catalogInfoPath "${catalogInfoPath}" does not exist: run ops:descriptor:create first`,
        );
      const catalogInfo = inputError(() =>
        CatalogInfoFile.parse(text, catalogInfoPath),
      );
      const entity = await workspaceEntity(
        workspace,
        catalogInfo,
        catalogInfoPath,
      );
      const { profile, issues } = buildOpsProfile(entity, {
        defaults: readDefaults(options.config),
      });
      const errors = issues.filter(i => i.severity === 'error');
      if (errors.length)
        throw new InputError(
          `the ops data has errors, so no rules are written: ${errors
            .map(i => `${i.path || '(file)'}: ${i.message}`)
            .join('; ')}`,
        );
      const rules = inputError(() =>
        prometheusRules(profile, { conditions: burnRates(options.config) }),
      );
      const written = await workspace.write(
        outputPath,
        'outputPath',
        writeYaml(rules),
      );
      ctx.output('path', written);
      ctx.output('groups', rules.groups.length);
      ctx.output(
        'rules',
        rules.groups.reduce((n, g) => n + g.rules.length, 0),
      );
    },
  });
}
