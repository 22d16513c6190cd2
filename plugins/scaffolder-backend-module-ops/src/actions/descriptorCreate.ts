import type { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject, JsonValue } from '@backstage/types';
import {
  checkEntityRef,
  createOpsDescriptor,
  evaluationDay,
  importRunbookMarkdown,
  OPS_REF_ANNOTATION,
  OPS_TIER_ANNOTATION,
  TIERS,
  type Tier,
} from '@opskit/plugin-ops-common';
import { CatalogInfoFile } from '../files/catalogInfoFile';
import { inputError, Workspace } from '../workspace';
import { examples } from './descriptorCreate.examples';
import { opsRefFor } from './opsRefFor';
import { readDefaults } from './readDefaults';

/** @public */
export const DESCRIPTOR_CREATE_ID = 'ops:descriptor:create';

/**
 * The input of `ops:descriptor:create` as its handler sees it (defaults
 * applied). Spelled out rather than inferred from the zod schema, so the
 * published types are JSON (as `TemplateAction` requires) and name no zod.
 *
 * @public
 */
export type OpsDescriptorCreateInput = {
  tier: Tier;
  environments?: Array<{ name: string; url?: string; purpose?: string }>;
  onCallGroup?: string;
  escalation?: string[];
  slos?: Array<{ name: string; [key: string]: JsonValue }>;
  backups?: JsonObject[];
  runbook?: string;
  runbookPath?: string;
  version?: string;
  path: string;
  catalogInfoPath: string;
  overwrite: boolean;
};

/**
 * The output of `ops:descriptor:create`.
 *
 * @public
 */
export type OpsDescriptorCreateOutput = {
  path: string;
  catalogInfoPath: string;
  opsRef: string;
  warnings: string[];
};

/**
 * `ops:descriptor:create`: ops.yaml from the org defaults of the tier plus the template's answers.
 *
 * @public
 */
export function createOpsDescriptorAction(options: {
  config: Config;
  now?: () => number;
}): TemplateAction<OpsDescriptorCreateInput, OpsDescriptorCreateOutput, 'v2'> {
  const now = options.now ?? Date.now;
  return createTemplateAction({
    id: DESCRIPTOR_CREATE_ID,
    description:
      "Writes ops.yaml for a new service from the organisation's defaults for its tier (ops.defaults) merged with the template's inputs, validated like the catalog validates it, and points catalog-info.yaml at it (opskit.io/ops-ref, opskit.io/tier) without touching the rest of the file.",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        tier: z =>
          z
            .enum(TIERS)
            .describe(
              'Criticality, tier-1 (most critical) to tier-4: picks the default SLOs and policies',
            ),
        environments: z =>
          z
            .array(
              z.object({
                name: z.string(),
                url: z.string().optional(),
                purpose: z.string().optional(),
              }),
            )
            .optional()
            .describe(
              'Environments in promotion order, e.g. [{name: production, url: https://…}]',
            ),
        onCallGroup: z =>
          z
            .string()
            .optional()
            .describe(
              'The on-call group paged first, e.g. group:payments-oncall',
            ),
        escalation: z =>
          z
            .array(z.string())
            .optional()
            .describe(
              'Further escalation levels after the on-call group, one target each',
            ),
        slos: z =>
          z
            .array(z.object({ name: z.string() }).passthrough())
            .optional()
            .describe(
              "Overrides of the tier's default SLOs by name (e.g. {name: Uptime, objective: '>= 99.95%'}); other names are added",
            ),
        backups: z =>
          z
            .array(z.object({}).passthrough())
            .optional()
            .describe('Backups: {data, schedule, retention, rpo?, rto?}'),
        runbook: z =>
          z
            .string()
            .optional()
            .describe('URL or TechDocs path of the published runbook'),
        runbookPath: z =>
          z
            .string()
            .optional()
            .describe(
              'An existing Markdown runbook in the workspace (e.g. docs/runbook.md) to start from: its chapters replace the org defaults, the other inputs still win',
            ),
        version: z =>
          z
            .string()
            .optional()
            .describe(
              'First version, recorded in versionHistory with today’s date',
            ),
        path: z =>
          z
            .string()
            .default('ops.yaml')
            .describe(
              'Where to write the descriptor, relative to the workspace',
            ),
        catalogInfoPath: z =>
          z
            .string()
            .default('catalog-info.yaml')
            .describe('The catalog-info.yaml to annotate'),
        overwrite: z =>
          z
            .boolean()
            .default(false)
            .describe('Replace an existing descriptor instead of failing'),
      },
      output: {
        path: z => z.string().describe('The descriptor written'),
        catalogInfoPath: z =>
          z.string().describe('The catalog-info.yaml annotated'),
        opsRef: z => z.string().describe('The opskit.io/ops-ref value written'),
        warnings: z =>
          z
            .array(z.string())
            .describe('Validation warnings (the descriptor is still valid)'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const workspace = new Workspace(ctx.workspacePath);
      const path = input.path ?? 'ops.yaml';
      const catalogInfoPath = input.catalogInfoPath ?? 'catalog-info.yaml';
      workspace.resolve(path, 'path');
      const catalogText = await workspace.read(
        catalogInfoPath,
        'catalogInfoPath',
      );
      if (catalogText === undefined) {
        throw new InputError(
          `catalogInfoPath "${catalogInfoPath}" does not exist in the workspace; lay out the skeleton (fetch:template) first`,
        );
      }
      if (!input.overwrite && (await workspace.exists(path, 'path'))) {
        throw new InputError(
          `"${path}" already exists; set overwrite: true to replace it`,
        );
      }
      const catalogInfo = inputError(() =>
        CatalogInfoFile.parse(catalogText, catalogInfoPath),
      );
      const defaults = readDefaults(options.config);
      const today = evaluationDay(now());
      let base: Record<string, unknown> | undefined;
      if (input.runbookPath !== undefined) {
        const runbookText = await workspace.read(
          input.runbookPath,
          'runbookPath',
        );
        if (runbookText === undefined)
          throw new InputError(
            `runbookPath "${input.runbookPath}" does not exist in the workspace`,
          );
        const imported = importRunbookMarkdown(runbookText, {
          source: input.runbookPath,
          now: now(),
        });
        for (const issue of imported.issues)
          ctx.logger.warn(
            `${issue.source ?? input.runbookPath}: ${issue.path}: ${
              issue.message
            }`,
          );
        base = imported.descriptor;
      }
      // Refs are written into ops.yaml as given: hold them to the catalog's rules first.
      const targets: Array<[string, string | undefined, string[]]> = [
        ['onCallGroup', input.onCallGroup, ['group']],
        ...(input.escalation ?? []).map(
          (target, i): [string, string, string[]] => [
            `escalation[${i}]`,
            target,
            ['group', 'user'],
          ],
        ),
      ];
      for (const [field, value, kinds] of targets) {
        if (value === undefined) continue;
        const checked = checkEntityRef(value, { kinds, defaultKind: 'group' });
        if ('error' in checked)
          throw new InputError(
            `${field} "${value}" is not a ${kinds.join(' or ')} ref: ${
              checked.error
            }`,
          );
      }
      const created = createOpsDescriptor(
        defaults,
        {
          tier: input.tier,
          environments: input.environments,
          onCallGroup: input.onCallGroup,
          escalation: input.escalation,
          slos: input.slos as
            | Array<Record<string, unknown> & { name: string }>
            | undefined,
          backups: input.backups as Array<Record<string, unknown>> | undefined,
          runbook: input.runbook,
          base,
          baseSource: input.runbookPath,
          version: input.version
            ? { version: input.version, date: today }
            : undefined,
        },
        { now: now() },
      );
      const errors = created.issues.filter(issue => issue.severity === 'error');
      if (errors.length) {
        throw new InputError(
          `the ops.yaml these inputs make is not valid, so nothing was written:\n${errors
            .map(e => `- ${e.path}: ${e.message}`)
            .join('\n')}`,
        );
      }
      const opsRef = opsRefFor(catalogInfoPath, path);
      catalogInfo.setAnnotation(OPS_REF_ANNOTATION, opsRef);
      catalogInfo.setAnnotation(OPS_TIER_ANNOTATION, input.tier);
      const written = await workspace.write(path, 'path', created.text);
      const annotated = await workspace.write(
        catalogInfoPath,
        'catalogInfoPath',
        catalogInfo.toString(),
      );
      const warnings = created.issues.map(w => `${w.path}: ${w.message}`);
      for (const warning of warnings) ctx.logger.warn(`ops.yaml: ${warning}`);
      ctx.logger.info(
        `Wrote ${written} (${input.tier} defaults) and pointed ${annotated} at it with ${OPS_REF_ANNOTATION}: ${opsRef}`,
      );
      ctx.output('path', written);
      ctx.output('catalogInfoPath', annotated);
      ctx.output('opsRef', opsRef);
      ctx.output('warnings', warnings);
    },
  });
}
