import type { Config } from '@backstage/config';
import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  createTemplateAction,
  type TemplateAction,
} from '@backstage/plugin-scaffolder-node';
import type { JsonObject } from '@backstage/types';
import {
  buildOpsProfile,
  checkEntityRef,
  OPS_DESCRIPTOR_ANNOTATION,
  renderRunbook,
  writeYaml,
  type OpsEntityLike,
} from '@opskit/plugin-ops-common';
import { posix } from 'node:path';
import { CatalogInfoFile } from '../files/catalogInfoFile';
import { withRunbookPage } from '../files/mkdocsNav';
import { inputError, Workspace } from '../workspace';
import { workspaceEntity } from '../files/workspaceEntity';
import { examples } from './runbookCreate.examples';
import { readDefaults } from './readDefaults';

/** @public */
export const RUNBOOK_CREATE_ID = 'ops:runbook:create';
const TECHDOCS_REF = 'backstage.io/techdocs-ref';

/**
 * The input of `ops:runbook:create` as its handler sees it (defaults
 * applied). Spelled out rather than inferred from the zod schema, so the
 * published types are JSON (as `TemplateAction` requires) and name no zod.
 *
 * @public
 */
export type OpsRunbookCreateInput = {
  entityRef?: string;
  descriptor?: JsonObject;
  title?: string;
  catalogInfoPath: string;
  outputPath: string;
  mkdocsPath: string;
  updateMkdocs: boolean;
};

/**
 * The output of `ops:runbook:create`.
 *
 * @public
 */
export type OpsRunbookCreateOutput = {
  path: string;
  mkdocsPath?: string;
  todos: number;
  issues: string[];
};

/**
 * `ops:runbook:create`: a TechDocs-ready runbook from an ops profile.
 *
 * @public
 */
export function createOpsRunbookAction(options: {
  config: Config;
  catalog: CatalogService;
}): TemplateAction<OpsRunbookCreateInput, OpsRunbookCreateOutput, 'v2'> {
  const template = options.config.getOptionalString(
    'ops.scaffolder.runbookTemplate',
  );
  return createTemplateAction({
    id: RUNBOOK_CREATE_ID,
    description:
      "Renders the service's runbook (every chapter; missing data marked TODO) as Markdown for TechDocs, from the workspace's catalog-info.yaml + ops.yaml, from a descriptor given as input, or from an existing catalog entity, and lists it in mkdocs.yml (creating a minimal one if missing).",
    examples,
    supportsDryRun: true,
    schema: {
      input: {
        entityRef: z =>
          z
            .string()
            .optional()
            .describe(
              'Render an existing catalog entity instead of the workspace, e.g. component:default/payments-api',
            ),
        descriptor: z =>
          z
            .object({})
            .passthrough()
            .optional()
            .describe(
              'Render this ops.yaml content (an object) instead of the workspace files',
            ),
        title: z =>
          z
            .string()
            .optional()
            .describe(
              'Title of the runbook; defaults to the entity title or name',
            ),
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
            .default('docs/runbook.md')
            .describe('Where to write the runbook'),
        mkdocsPath: z =>
          z
            .string()
            .default('mkdocs.yml')
            .describe('The mkdocs.yml to list the runbook in'),
        updateMkdocs: z =>
          z
            .boolean()
            .default(true)
            .describe(
              'Add the runbook to mkdocs.yml (and create it when missing)',
            ),
      },
      output: {
        path: z => z.string().describe('The runbook written'),
        mkdocsPath: z =>
          z
            .string()
            .optional()
            .describe('The mkdocs.yml written, when updated'),
        todos: z =>
          z
            .number()
            .describe('Chapters marked TODO because their data is missing'),
        issues: z =>
          z
            .array(z.string())
            .describe('Validation issues of the ops data rendered'),
      },
    },
    async handler(ctx) {
      const input = ctx.input;
      const workspace = new Workspace(ctx.workspacePath);
      const outputPath = input.outputPath ?? 'docs/runbook.md';
      const mkdocsPath = input.mkdocsPath ?? 'mkdocs.yml';
      const catalogInfoPath = input.catalogInfoPath ?? 'catalog-info.yaml';
      workspace.resolve(outputPath, 'outputPath');
      workspace.resolve(mkdocsPath, 'mkdocsPath');
      const defaults = readDefaults(options.config);

      // The entity to render, from the catalog, the input or the workspace.
      let entity: OpsEntityLike;
      let catalogInfo: CatalogInfoFile | undefined;
      const catalogText = await workspace.read(
        catalogInfoPath,
        'catalogInfoPath',
      );
      if (catalogText !== undefined)
        catalogInfo = inputError(() =>
          CatalogInfoFile.parse(catalogText, catalogInfoPath),
        );
      if (input.entityRef) {
        const checked = checkEntityRef(input.entityRef, {
          defaultKind: 'component',
        });
        if ('error' in checked)
          throw new InputError(
            `entityRef "${input.entityRef}" is not an entity ref: ${checked.error}`,
          );
        const ref = checked.ref;
        const found = await options.catalog.getEntityByRef(ref, {
          credentials: await ctx.getInitiatorCredentials(),
        });
        if (!found)
          throw new NotFoundError(
            `entityRef "${input.entityRef}": no such entity in the catalog (or not visible to you)`,
          );
        entity = found as Entity;
      } else if (input.descriptor) {
        entity = {
          kind: 'Component',
          metadata: {
            name: catalogInfo?.name ?? 'service',
            annotations: {
              [OPS_DESCRIPTOR_ANNOTATION]: writeYaml(input.descriptor),
            },
          },
          spec: {},
        };
      } else {
        if (!catalogInfo) {
          throw new InputError(
            `catalogInfoPath "${catalogInfoPath}" does not exist: give entityRef or descriptor, or run ops:descriptor:create first`,
          );
        }
        entity = await workspaceEntity(workspace, catalogInfo, catalogInfoPath);
      }

      const { profile, issues } = buildOpsProfile(entity, { defaults });
      const metadata = (entity.metadata ?? {}) as {
        title?: string;
        name?: string;
      };
      let text: string;
      try {
        text = renderRunbook(
          {
            profile,
            issues,
            title: input.title ?? metadata.title ?? metadata.name,
          },
          { template, todos: true },
        );
      } catch (error) {
        throw new InputError(
          `ops.scaffolder.runbookTemplate: ${(error as Error).message}`,
        );
      }
      const todos = (text.match(/^> \*\*TODO:\*\*/gm) ?? []).length;
      const written = await workspace.write(outputPath, 'outputPath', text);
      ctx.output('path', written);
      ctx.output('todos', todos);
      ctx.output(
        'issues',
        issues.map(
          i => `${i.severity}: ${i.path || '(whole value)'} ${i.message}`,
        ),
      );

      if (input.updateMkdocs ?? true) {
        const existingMkdocs = await workspace.read(mkdocsPath, 'mkdocsPath');
        const mkdocs = inputError(() =>
          withRunbookPage(existingMkdocs, {
            mkdocsPath,
            runbookPath: outputPath,
            siteName:
              input.title ?? metadata.title ?? metadata.name ?? 'Service',
          }),
        );
        ctx.output(
          'mkdocsPath',
          await workspace.write(mkdocsPath, 'mkdocsPath', mkdocs),
        );
        // TechDocs finds the docs through this annotation when mkdocs.yml sits beside catalog-info.yaml.
        if (
          catalogInfo &&
          catalogInfo.annotation(TECHDOCS_REF) === undefined &&
          posix.dirname(mkdocsPath) === posix.dirname(catalogInfoPath)
        ) {
          catalogInfo.setAnnotation(TECHDOCS_REF, 'dir:.');
          await workspace.write(
            catalogInfoPath,
            'catalogInfoPath',
            catalogInfo.toString(),
          );
        }
      }
      ctx.logger.info(
        `Wrote the runbook to ${written}${
          todos ? ` with ${todos} chapter(s) marked TODO` : ''
        }`,
      );
    },
  });
}
