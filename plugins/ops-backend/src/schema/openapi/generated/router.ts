// Generated from plugins/ops-backend/src/schema/openapi.yaml by
// `yarn workspace @opskit/plugin-ops-backend schema:generate`; do not edit.

import { createValidatedOpenApiRouterFromGeneratedEndpointMap } from '@backstage/backend-openapi-utils';
import type {
  OpsApiOperationId,
  OpsApiPathParams,
  OpsApiQueryParams,
  OpsApiRequestBody,
  OpsApiResponseBody,
} from '@opskit/plugin-ops-common';

type Endpoint<Id extends OpsApiOperationId> = {
  path: OpsApiPathParams<Id>;
  query: OpsApiQueryParams<Id>;
  body: OpsApiRequestBody<Id>;
  response: OpsApiResponseBody<Id>;
};

/** Every route of the spec with its typed parameters, body and response. */
export type EndpointMap = {
  '#get|/health': Endpoint<'Health'>;
  '#get|/checks': Endpoint<'GetChecks'>;
  '#get|/entities/{kind}/{namespace}/{name}': Endpoint<'GetEntityOps'>;
  '#get|/entities/{kind}/{namespace}/{name}/history': Endpoint<'GetEntityHistory'>;
  '#get|/entities/{kind}/{namespace}/{name}/budgets/history': Endpoint<'GetEntityBudgetHistory'>;
  '#get|/entities/{kind}/{namespace}/{name}/signoffs': Endpoint<'ListSignOffs'>;
  '#post|/entities/{kind}/{namespace}/{name}/signoffs': Endpoint<'CreateSignOff'>;
  '#get|/entities/{kind}/{namespace}/{name}/waivers': Endpoint<'ListWaivers'>;
  '#post|/entities/{kind}/{namespace}/{name}/waivers': Endpoint<'CreateWaiver'>;
  '#get|/waivers': Endpoint<'ListWaiverRequests'>;
  '#post|/waivers/{id}/decision': Endpoint<'DecideWaiver'>;
  '#_delete|/waivers/{id}': Endpoint<'RevokeWaiver'>;
  '#get|/campaigns': Endpoint<'ListCampaigns'>;
  '#post|/campaigns': Endpoint<'CreateCampaign'>;
  '#get|/campaigns/{id}': Endpoint<'GetCampaign'>;
  '#put|/campaigns/{id}': Endpoint<'UpdateCampaign'>;
  '#get|/entities/{kind}/{namespace}/{name}/campaigns': Endpoint<'ListEntityCampaigns'>;
  '#get|/compliance': Endpoint<'ListCompliance'>;
  '#get|/compliance/summary': Endpoint<'GetComplianceSummary'>;
  '#get|/rollups/{kind}/{namespace}/{name}': Endpoint<'GetRollup'>;
  '#get|/compliance/export': Endpoint<'ExportCompliance'>;
  '#get|/compliance/trend': Endpoint<'GetComplianceTrend'>;
  '#post|/refresh': Endpoint<'RefreshCompliance'>;
};

export const spec = {
  openapi: '3.1.0',
  info: {
    title: 'ops',
    version: '1',
    description:
      'OpsKit: ops profiles, scorecards, checklist sign-offs, waivers and the catalog-wide compliance list. Every route but /health needs a Backstage token.',
    license: {
      name: 'Apache-2.0',
      url: 'http://www.apache.org/licenses/LICENSE-2.0.html',
    },
  },
  servers: [
    {
      url: '/',
    },
  ],
  components: {
    securitySchemes: {
      JWT: {
        type: 'http',
        scheme: 'bearer',
        bearerFormat: 'JWT',
      },
    },
    responses: {
      ErrorResponse: {
        description:
          'An error: 400 bad input (the message names the field), 401 no or bad token, 403 missing permission, 404 unknown or invisible entity, 409 conflict.',
        content: {
          'application/json': {
            schema: {
              $ref: '#/components/schemas/Error',
            },
          },
        },
      },
    },
    parameters: {
      kind: {
        name: 'kind',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      namespace: {
        name: 'namespace',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      name: {
        name: 'name',
        in: 'path',
        required: true,
        schema: {
          type: 'string',
          minLength: 1,
          maxLength: 255,
        },
      },
      owner: {
        name: 'owner',
        in: 'query',
        description:
          'Owner entity ref (group:default/team or team); repeat for several.',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            maxLength: 512,
          },
        },
        style: 'form',
        explode: true,
      },
      filterKind: {
        name: 'kind',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            maxLength: 255,
          },
        },
        style: 'form',
        explode: true,
      },
      type: {
        name: 'type',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            maxLength: 255,
          },
        },
        style: 'form',
        explode: true,
      },
      lifecycle: {
        name: 'lifecycle',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            maxLength: 255,
          },
        },
        style: 'form',
        explode: true,
      },
      tier: {
        name: 'tier',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            $ref: '#/components/schemas/Tier',
          },
        },
        style: 'form',
        explode: true,
      },
      system: {
        name: 'system',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            maxLength: 512,
          },
        },
        style: 'form',
        explode: true,
      },
      group: {
        name: 'group',
        in: 'query',
        description:
          'A group ref: entities owned by it or by any group under it (`spec.children`/`spec.parent`), as its roll-up counts them; repeat for several.',
        schema: {
          type: 'array',
          maxItems: 20,
          items: {
            type: 'string',
            maxLength: 512,
          },
        },
        style: 'form',
        explode: true,
      },
      domain: {
        name: 'domain',
        in: 'query',
        description:
          'A domain ref: entities in the systems of that domain, as its roll-up counts them; repeat for several.',
        schema: {
          type: 'array',
          maxItems: 20,
          items: {
            type: 'string',
            maxLength: 512,
          },
        },
        style: 'form',
        explode: true,
      },
      scorecard: {
        name: 'scorecard',
        in: 'query',
        description:
          "With `level`, that scorecard's level; alone, entities the scorecard applies to.",
        schema: {
          type: 'string',
          pattern: '^[a-z0-9][a-z0-9._-]*$',
          maxLength: 64,
        },
      },
      level: {
        name: 'level',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            $ref: '#/components/schemas/Level',
          },
        },
        style: 'form',
        explode: true,
      },
      failingCheck: {
        name: 'failingCheck',
        in: 'query',
        schema: {
          type: 'array',
          items: {
            type: 'string',
            pattern: '^[a-zA-Z0-9][a-zA-Z0-9._-]*$',
            maxLength: 255,
          },
        },
        style: 'form',
        explode: true,
      },
      budgetBelow: {
        name: 'budgetBelow',
        in: 'query',
        description:
          'Entities whose worst production error budget has less than this percentage left (25: below 25 %; 0: overspent). Entities without a measured budget never match.',
        schema: {
          type: 'number',
          minimum: -1000,
          maximum: 100,
        },
      },
      text: {
        name: 'q',
        in: 'query',
        description: 'Case-insensitive text in the entity ref or title.',
        schema: {
          type: 'string',
          maxLength: 200,
        },
      },
      sort: {
        name: 'sort',
        in: 'query',
        schema: {
          $ref: '#/components/schemas/SortField',
        },
      },
      order: {
        name: 'order',
        in: 'query',
        schema: {
          type: 'string',
          enum: ['asc', 'desc'],
        },
      },
    },
    schemas: {
      Tier: {
        type: 'string',
        enum: ['tier-1', 'tier-2', 'tier-3', 'tier-4'],
      },
      Level: {
        description:
          "A scorecard's level, the highest whose checks all pass, or none.",
        type: 'string',
        enum: ['none', 'bronze', 'silver', 'gold'],
      },
      CheckLevel: {
        type: 'string',
        enum: ['bronze', 'silver', 'gold'],
      },
      CheckStatus: {
        type: 'string',
        enum: ['pass', 'fail', 'warn', 'waived', 'not-applicable'],
      },
      SortField: {
        type: 'string',
        description:
          "`budget` sorts by production's worst error budget left, least first when ascending; a row without a measured budget sorts as if it had more than any budget left.",
        enum: [
          'entityRef',
          'owner',
          'kind',
          'tier',
          'score',
          'level',
          'errorCount',
          'budget',
        ],
      },
      Score: {
        description:
          'A weighted pass ratio in percent (0–100), or null when no check applies.',
        type: ['number', 'null'],
      },
      Error: {
        type: 'object',
        properties: {
          error: {
            type: 'object',
            properties: {
              name: {
                type: 'string',
              },
              message: {
                type: 'string',
              },
            },
            required: ['name', 'message'],
            additionalProperties: true,
          },
          request: {
            type: 'object',
            additionalProperties: true,
          },
          response: {
            type: 'object',
            properties: {
              statusCode: {
                type: 'integer',
              },
            },
            additionalProperties: true,
          },
        },
        required: ['error'],
        additionalProperties: true,
      },
      CampaignTarget: {
        description:
          'What each entity in scope must reach: a level on one scorecard, or a set of checks that pass (waived counts as reached, and is shown apart).',
        type: 'object',
        additionalProperties: false,
        properties: {
          scorecard: {
            type: 'string',
            minLength: 1,
            maxLength: 64,
          },
          level: {
            $ref: '#/components/schemas/CheckLevel',
          },
          checks: {
            type: 'array',
            minItems: 1,
            maxItems: 100,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 255,
            },
          },
        },
      },
      CampaignScope: {
        description:
          'The entities asked: those matching every given compliance filter (values within one filter are alternatives), or the listed entity refs. An empty scope asks every evaluated entity.',
        type: 'object',
        additionalProperties: false,
        properties: {
          tier: {
            $ref: '#/components/schemas/ScopeValues',
          },
          owner: {
            $ref: '#/components/schemas/ScopeValues',
          },
          kind: {
            $ref: '#/components/schemas/ScopeValues',
          },
          type: {
            $ref: '#/components/schemas/ScopeValues',
          },
          lifecycle: {
            $ref: '#/components/schemas/ScopeValues',
          },
          system: {
            $ref: '#/components/schemas/ScopeValues',
          },
          entities: {
            type: 'array',
            maxItems: 5000,
            items: {
              type: 'string',
              minLength: 1,
              maxLength: 512,
            },
          },
        },
      },
      ScopeValues: {
        type: 'array',
        maxItems: 100,
        items: {
          type: 'string',
          minLength: 1,
          maxLength: 512,
        },
      },
      CampaignState: {
        description:
          'draft (not asking anyone yet), active (asking, from its start date), completed (its deadline passed, or closed by hand), archived (hidden from the list by default).',
        type: 'string',
        enum: ['draft', 'active', 'completed', 'archived'],
      },
      CampaignInput: {
        description:
          'A campaign as written by those allowed (`ops.campaign.manage`).',
        type: 'object',
        additionalProperties: false,
        required: ['title', 'owner', 'target', 'scope', 'startsOn', 'deadline'],
        properties: {
          title: {
            type: 'string',
            minLength: 1,
            maxLength: 200,
          },
          description: {
            type: 'string',
            maxLength: 4000,
          },
          owner: {
            description: 'The group that runs the campaign (an entity ref).',
            type: 'string',
            minLength: 1,
            maxLength: 512,
          },
          target: {
            $ref: '#/components/schemas/CampaignTarget',
          },
          scope: {
            $ref: '#/components/schemas/CampaignScope',
          },
          startsOn: {
            description: 'The first day it asks (YYYY-MM-DD, UTC).',
            type: 'string',
            format: 'date',
          },
          deadline: {
            description:
              'The day it is due (YYYY-MM-DD, UTC; the end of that day).',
            type: 'string',
            format: 'date',
          },
          state: {
            $ref: '#/components/schemas/CampaignState',
          },
        },
      },
      Campaign: {
        description:
          "A stored campaign: the input's fields (listed again rather than composed, because the input refuses unknown keys) and who wrote it when.",
        type: 'object',
        required: [
          'id',
          'title',
          'owner',
          'target',
          'scope',
          'startsOn',
          'deadline',
          'state',
          'createdBy',
          'createdAt',
          'updatedAt',
        ],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          target: {
            $ref: '#/components/schemas/CampaignTarget',
          },
          scope: {
            $ref: '#/components/schemas/CampaignScope',
          },
          startsOn: {
            type: 'string',
            format: 'date',
          },
          deadline: {
            type: 'string',
            format: 'date',
          },
          state: {
            $ref: '#/components/schemas/CampaignState',
          },
          createdBy: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          updatedBy: {
            type: 'string',
          },
          updatedAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      CampaignCounts: {
        description:
          'Entities in scope and how many reached the target, with or without a waiver.',
        type: 'object',
        required: ['inScope', 'done', 'waived', 'notDone'],
        properties: {
          inScope: {
            type: 'integer',
          },
          done: {
            description: 'Reached the target without a waiver.',
            type: 'integer',
          },
          waived: {
            description: 'Reached the target thanks to an approved waiver.',
            type: 'integer',
          },
          notDone: {
            type: 'integer',
          },
        },
      },
      CampaignSummary: {
        description:
          'A campaign and its progress in the latest stored evaluation.',
        type: 'object',
        required: ['campaign', 'progress'],
        properties: {
          campaign: {
            $ref: '#/components/schemas/Campaign',
          },
          progress: {
            $ref: '#/components/schemas/CampaignCounts',
          },
        },
      },
      CampaignList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CampaignSummary',
            },
          },
        },
      },
      CampaignOwnerProgress: {
        allOf: [
          {
            $ref: '#/components/schemas/CampaignCounts',
          },
          {
            type: 'object',
            required: ['owner'],
            properties: {
              owner: {
                description: 'The owner ref; empty for entities without one.',
                type: 'string',
              },
            },
          },
        ],
      },
      CampaignPoint: {
        description:
          "The campaign's counts after one evaluation: the burn-up chart's data. The scope is evaluated each time, so `inScope` follows entities that enter or leave it.",
        allOf: [
          {
            $ref: '#/components/schemas/CampaignCounts',
          },
          {
            type: 'object',
            required: ['evaluatedAt'],
            properties: {
              evaluatedAt: {
                type: 'string',
                format: 'date-time',
              },
            },
          },
        ],
      },
      CampaignEntity: {
        description:
          'An entity in scope and what it still fails of the target.',
        type: 'object',
        required: ['entityRef', 'state', 'failing'],
        properties: {
          entityRef: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          state: {
            type: 'string',
            enum: ['done', 'waived', 'not-done'],
          },
          level: {
            description:
              "For a level target, the entity's level on that scorecard.",
            allOf: [
              {
                $ref: '#/components/schemas/Level',
              },
            ],
          },
          failing: {
            description:
              "The target's checks it fails (for a level target, that scorecard's).",
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      CampaignDetail: {
        type: 'object',
        required: ['campaign', 'progress', 'owners', 'points', 'remaining'],
        properties: {
          campaign: {
            $ref: '#/components/schemas/Campaign',
          },
          progress: {
            $ref: '#/components/schemas/CampaignCounts',
          },
          evaluatedAt: {
            description:
              'When the evaluation the progress comes from finished.',
            type: 'string',
            format: 'date-time',
          },
          owners: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CampaignOwnerProgress',
            },
          },
          points: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CampaignPoint',
            },
          },
          remaining: {
            description:
              'The entities not done yet, fewest failing checks first (at most `limit`).',
            type: 'array',
            items: {
              $ref: '#/components/schemas/CampaignEntity',
            },
          },
          remainingCount: {
            type: 'integer',
          },
        },
      },
      EntityCampaign: {
        description:
          'An active campaign that asks this entity, and where it stands.',
        type: 'object',
        required: ['campaign', 'entity'],
        properties: {
          campaign: {
            $ref: '#/components/schemas/Campaign',
          },
          entity: {
            $ref: '#/components/schemas/CampaignEntity',
          },
        },
      },
      EntityCampaignList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityCampaign',
            },
          },
        },
      },
      WaiverConflict: {
        allOf: [
          {
            $ref: '#/components/schemas/Error',
          },
          {
            type: 'object',
            required: ['waiver'],
            properties: {
              waiver: {
                $ref: '#/components/schemas/StoredWaiver',
              },
            },
          },
        ],
      },
      SignOffRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['itemId'],
        properties: {
          itemId: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          version: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          environment: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          comment: {
            type: 'string',
            maxLength: 2000,
          },
        },
      },
      WaiverRequest: {
        type: 'object',
        additionalProperties: false,
        required: ['checkId', 'reason', 'expiresAt'],
        properties: {
          checkId: {
            type: 'string',
            minLength: 1,
            maxLength: 255,
          },
          reason: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
            description: 'ISO timestamp in the future.',
          },
        },
      },
      WaiverDecision: {
        type: 'object',
        additionalProperties: false,
        required: ['decision', 'comment'],
        properties: {
          decision: {
            type: 'string',
            enum: ['approve', 'deny'],
          },
          comment: {
            type: 'string',
            minLength: 1,
            maxLength: 2000,
          },
        },
      },
      Health: {
        type: 'object',
        required: ['status'],
        properties: {
          status: {
            type: 'string',
            enum: ['ok'],
          },
        },
      },
      RefreshStarted: {
        type: 'object',
        required: ['status'],
        properties: {
          status: {
            type: 'string',
            enum: ['started'],
          },
        },
      },
      CheckApplicability: {
        description:
          'Which entities a check applies to; an omitted list matches everything.',
        type: 'object',
        properties: {
          kinds: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          types: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          tiers: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/Tier',
            },
          },
          lifecycles: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
        },
      },
      ScorecardDefinition: {
        type: 'object',
        required: ['id', 'title', 'description'],
        properties: {
          id: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
        },
      },
      CheckDefinition: {
        type: 'object',
        required: [
          'id',
          'scorecard',
          'title',
          'description',
          'howToFix',
          'level',
          'weight',
        ],
        properties: {
          id: {
            type: 'string',
          },
          scorecard: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          description: {
            type: 'string',
          },
          howToFix: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/CheckLevel',
          },
          weight: {
            type: 'number',
          },
          appliesTo: {
            $ref: '#/components/schemas/CheckApplicability',
          },
          countsFrom: {
            description:
              'Announced ahead (`ops.scoring.checks.<id>.countsFrom`): until this date the check is shown but does not change scores or levels.',
            type: 'string',
            format: 'date',
          },
        },
      },
      Checks: {
        type: 'object',
        required: ['scorecards', 'checks', 'warnCredit'],
        properties: {
          scorecards: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardDefinition',
            },
          },
          checks: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckDefinition',
            },
          },
          warnCredit: {
            description: 'Credit a `warn` earns towards the score (0–1).',
            type: 'number',
          },
        },
      },
      Waiver: {
        description:
          'A recorded exception that turns a failing check into `waived` until it expires.',
        type: 'object',
        required: ['checkId', 'reason', 'expiresAt', 'by'],
        properties: {
          checkId: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          by: {
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
        },
      },
      StoredWaiver: {
        description:
          'A waiver or a request for one, with its decision, its revocation and whether it applies now. Only an approved waiver that is neither revoked nor expired turns a failing check into `waived`.',
        type: 'object',
        required: [
          'id',
          'entityRef',
          'checkId',
          'reason',
          'expiresAt',
          'by',
          'createdAt',
          'status',
          'active',
        ],
        properties: {
          id: {
            type: 'string',
          },
          entityRef: {
            type: 'string',
          },
          checkId: {
            type: 'string',
          },
          reason: {
            type: 'string',
          },
          expiresAt: {
            type: 'string',
            format: 'date-time',
          },
          by: {
            description:
              'Who asked (or, for a waiver written by an approver, who wrote it).',
            type: 'string',
          },
          createdAt: {
            type: 'string',
            format: 'date-time',
          },
          status: {
            description:
              'pending (asked, not decided), approved, denied, revoked, or expired (approved or pending once `expiresAt` has passed).',
            type: 'string',
            enum: ['pending', 'approved', 'denied', 'revoked', 'expired'],
          },
          decidedBy: {
            type: 'string',
          },
          decidedAt: {
            type: 'string',
            format: 'date-time',
          },
          decisionComment: {
            type: 'string',
          },
          revokedAt: {
            type: 'string',
            format: 'date-time',
          },
          revokedBy: {
            type: 'string',
          },
          revokeReason: {
            type: 'string',
          },
          active: {
            description:
              'Approved, not revoked and not expired at the time of reading.',
            type: 'boolean',
          },
        },
      },
      StoredSignOff: {
        type: 'object',
        required: ['id', 'entityRef', 'itemId', 'by', 'at'],
        properties: {
          id: {
            type: 'integer',
          },
          entityRef: {
            type: 'string',
          },
          itemId: {
            type: 'string',
          },
          version: {
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          by: {
            description:
              'User or service that signed, as an entity ref or service principal.',
            type: 'string',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          comment: {
            type: 'string',
          },
        },
      },
      StatusCounts: {
        type: 'object',
        required: ['pass', 'fail', 'warn', 'waived', 'not-applicable'],
        properties: {
          pass: {
            type: 'integer',
          },
          fail: {
            type: 'integer',
          },
          warn: {
            type: 'integer',
          },
          waived: {
            type: 'integer',
          },
          'not-applicable': {
            type: 'integer',
          },
        },
      },
      LevelCounts: {
        type: 'object',
        required: ['none', 'bronze', 'silver', 'gold'],
        properties: {
          none: {
            type: 'integer',
          },
          bronze: {
            type: 'integer',
          },
          silver: {
            type: 'integer',
          },
          gold: {
            type: 'integer',
          },
        },
      },
      CountsByCheck: {
        description: 'Check id → number of entities failing it.',
        type: 'object',
        additionalProperties: {
          type: 'integer',
        },
      },
      CheckResult: {
        type: 'object',
        required: [
          'checkId',
          'title',
          'level',
          'weight',
          'status',
          'message',
          'howToFix',
        ],
        properties: {
          checkId: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          level: {
            $ref: '#/components/schemas/CheckLevel',
          },
          weight: {
            type: 'number',
          },
          status: {
            $ref: '#/components/schemas/CheckStatus',
          },
          message: {
            type: 'string',
          },
          howToFix: {
            type: 'string',
          },
          waiver: {
            $ref: '#/components/schemas/Waiver',
          },
          countsFrom: {
            description:
              'The check counts from this date on; until then its status is not-applicable (score and level as without it) and the message says what it would be.',
            type: 'string',
            format: 'date',
          },
        },
      },
      ScorecardResult: {
        type: 'object',
        required: ['scorecard', 'title', 'score', 'level', 'results', 'counts'],
        properties: {
          scorecard: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          score: {
            $ref: '#/components/schemas/Score',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          results: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/CheckResult',
            },
          },
          counts: {
            $ref: '#/components/schemas/StatusCounts',
          },
        },
      },
      ScorecardScore: {
        type: 'object',
        required: ['score', 'level'],
        properties: {
          score: {
            $ref: '#/components/schemas/Score',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
        },
      },
      ScorecardScores: {
        description: 'Scorecard id → its score and level.',
        type: 'object',
        additionalProperties: {
          $ref: '#/components/schemas/ScorecardScore',
        },
      },
      LiveSlo: {
        description: "One SLO's live value in one environment.",
        type: 'object',
        required: [
          'slo',
          'index',
          'objective',
          'environment',
          'unit',
          'value',
          'state',
          'observedAt',
          'checkedAt',
        ],
        properties: {
          slo: {
            type: 'string',
          },
          index: {
            description: "Position in the profile's SLOs.",
            type: 'integer',
          },
          objective: {
            description: 'The objective as it reads now (`< 200 ms`).',
            type: 'string',
          },
          environment: {
            type: 'string',
          },
          unit: {
            type: 'string',
            enum: ['ms', 's', 'percent', 'ratio', 'count', 'rps'],
          },
          value: {
            type: ['number', 'null'],
          },
          state: {
            type: 'string',
            enum: [
              'met',
              'breached',
              'alerting',
              'stale',
              'error',
              'unmeasured',
            ],
          },
          observedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          checkedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
          lastKnown: {
            description:
              'For stale values, what was measured before the source became unreachable.',
            type: 'string',
            enum: ['met', 'breached', 'alerting'],
          },
        },
      },
      LiveSloSummary: {
        description: 'Production SLOs measured live.',
        type: 'object',
        required: [
          'environment',
          'total',
          'met',
          'breached',
          'alerting',
          'unknown',
          'observedAt',
          'slos',
        ],
        properties: {
          environment: {
            type: 'string',
          },
          total: {
            type: 'integer',
          },
          met: {
            type: 'integer',
          },
          breached: {
            type: 'integer',
          },
          alerting: {
            type: 'integer',
          },
          unknown: {
            description: 'Stale, errored or never measured.',
            type: 'integer',
          },
          observedAt: {
            description: 'The oldest observation among them.',
            type: ['string', 'null'],
            format: 'date-time',
          },
          slos: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/LiveSlo',
            },
          },
        },
      },
      BudgetHistory: {
        type: 'object',
        required: ['entityRef', 'since', 'series'],
        properties: {
          entityRef: {
            type: 'string',
          },
          since: {
            description: 'The first day asked (YYYY-MM-DD, UTC).',
            type: 'string',
          },
          series: {
            type: 'array',
            items: {
              type: 'object',
              required: ['environment', 'slo', 'points'],
              properties: {
                environment: {
                  type: 'string',
                },
                slo: {
                  type: 'string',
                },
                points: {
                  type: 'array',
                  items: {
                    type: 'object',
                    required: ['day', 'remaining'],
                    properties: {
                      day: {
                        type: 'string',
                      },
                      remaining: {
                        description:
                          "Share of the budget left at the day's last measurement (below 0 when overspent).",
                        type: 'number',
                      },
                    },
                  },
                },
              },
            },
          },
        },
      },
      ProductionBudget: {
        description:
          "Production's worst error budget: the SLO with an `sli` that has the least budget left, from the stored `budget/…` facts.",
        type: 'object',
        required: [
          'environment',
          'slo',
          'remaining',
          'exhausted',
          'paging',
          'incomplete',
          'total',
          'measured',
          'observedAt',
        ],
        properties: {
          environment: {
            type: 'string',
          },
          slo: {
            description:
              'The SLO with the least budget left (the first when none is measured).',
            type: 'string',
          },
          remaining: {
            description:
              'Its share of the budget left (below 0 when overspent); null when no SLO saw events.',
            type: ['number', 'null'],
          },
          exhausted: {
            type: 'boolean',
          },
          paging: {
            description:
              'A page-level burn-rate condition holds for some production SLO.',
            type: 'boolean',
          },
          incomplete: {
            description:
              'Some production budget is stale, failed or not measured yet.',
            type: 'boolean',
          },
          total: {
            description: 'Production SLOs with an `sli`.',
            type: 'integer',
          },
          measured: {
            description: 'How many of them have a budget stored.',
            type: 'integer',
          },
          observedAt: {
            description: 'The oldest observation among them.',
            type: ['string', 'null'],
            format: 'date-time',
          },
        },
      },
      ComplianceRow: {
        description: "One entity's row in the catalog-wide compliance list.",
        type: 'object',
        required: [
          'entityRef',
          'kind',
          'tier',
          'declaredTier',
          'score',
          'level',
          'scorecards',
          'failingChecks',
          'warningChecks',
          'errorCount',
          'warningCount',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          lifecycle: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          system: {
            type: 'string',
          },
          title: {
            type: 'string',
          },
          tier: {
            description:
              "The tier whose policy applied (declared, else the org's fallback).",
            type: 'string',
          },
          declaredTier: {
            description:
              'Whether the entity declares a tier and ops data at all.',
            type: 'boolean',
          },
          score: {
            $ref: '#/components/schemas/Score',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          scorecards: {
            $ref: '#/components/schemas/ScorecardScores',
          },
          failingChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          warningChecks: {
            type: 'array',
            items: {
              type: 'string',
            },
          },
          errorCount: {
            type: 'integer',
          },
          warningCount: {
            type: 'integer',
          },
          slos: {
            $ref: '#/components/schemas/LiveSloSummary',
          },
          budget: {
            $ref: '#/components/schemas/ProductionBudget',
          },
        },
      },
      EvaluationRun: {
        description: 'One catalog-wide evaluation run and its totals.',
        type: 'object',
        required: [
          'id',
          'status',
          'startedAt',
          'entityCount',
          'averageScore',
          'levelCounts',
          'failingCounts',
        ],
        properties: {
          id: {
            type: 'integer',
          },
          status: {
            type: 'string',
            enum: ['running', 'succeeded', 'failed'],
          },
          trigger: {
            type: 'string',
          },
          startedAt: {
            type: 'string',
            format: 'date-time',
          },
          finishedAt: {
            type: 'string',
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
          entityCount: {
            type: 'integer',
          },
          averageScore: {
            $ref: '#/components/schemas/Score',
          },
          levelCounts: {
            $ref: '#/components/schemas/LevelCounts',
          },
          failingCounts: {
            $ref: '#/components/schemas/CountsByCheck',
          },
          revision: {
            description:
              'Entities re-scored into this run since it completed (a sign-off, a waiver, a catalog change); 0 when none.',
            type: 'integer',
          },
          rescoredAt: {
            description: 'When an entity was last re-scored into this run.',
            type: 'string',
            format: 'date-time',
          },
          rowsOf: {
            description:
              'The run whose stored rows this run serves. A run that found nothing changed keeps the rows of the run before it instead of copying them; absent when the run stored its own.',
            type: 'integer',
          },
        },
      },
      CompliancePage: {
        type: 'object',
        required: ['items', 'totalItems', 'offset', 'stale'],
        properties: {
          evaluation: {
            $ref: '#/components/schemas/EvaluationRun',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ComplianceRow',
            },
          },
          totalItems: {
            type: 'integer',
          },
          offset: {
            description: 'Rows before this page (0 on the first).',
            type: 'integer',
          },
          nextCursor: {
            type: 'string',
          },
          stale: {
            description: 'Whether the served evaluation should be trusted.',
            type: 'boolean',
          },
          reason: {
            description: 'Why not, when it is stale.',
            type: 'string',
          },
          retrying: {
            description:
              'The last run was interrupted (its backend stopped mid-run) and the scheduler runs it again by itself: a manual refresh would only wait for it.',
            type: 'boolean',
          },
        },
      },
      OwnerRollup: {
        type: 'object',
        required: ['owner', 'entityCount', 'averageScore', 'levelCounts'],
        properties: {
          owner: {
            type: 'string',
          },
          entityCount: {
            type: 'integer',
          },
          averageScore: {
            $ref: '#/components/schemas/Score',
          },
          levelCounts: {
            $ref: '#/components/schemas/LevelCounts',
          },
        },
      },
      Rollup: {
        description:
          'The compliance of what a group owns (with its child groups, through `spec.children` and `spec.parent`), or of what a system or a domain (through its systems) contains, from the served evaluation.',
        type: 'object',
        required: [
          'entityRef',
          'members',
          'entityCount',
          'averageScore',
          'levelCounts',
          'failingCounts',
          'worst',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          members: {
            description:
              "The groups whose entities count (the group and every group under it), or the systems (the system, or a domain's systems).",
            type: 'array',
            items: {
              type: 'string',
            },
          },
          entityCount: {
            type: 'integer',
          },
          averageScore: {
            $ref: '#/components/schemas/Score',
          },
          levelCounts: {
            $ref: '#/components/schemas/LevelCounts',
          },
          failingCounts: {
            $ref: '#/components/schemas/CountsByCheck',
          },
          worst: {
            description: 'The lowest-scoring entities first, a page of them.',
            type: 'array',
            items: {
              $ref: '#/components/schemas/ComplianceRow',
            },
          },
          nextCursor: {
            type: 'string',
          },
        },
      },
      ComplianceSummary: {
        type: 'object',
        required: [
          'entityCount',
          'averageScore',
          'levelCounts',
          'failingCounts',
          'owners',
          'lastRun',
          'stale',
        ],
        properties: {
          evaluation: {
            $ref: '#/components/schemas/EvaluationRun',
          },
          entityCount: {
            type: 'integer',
          },
          averageScore: {
            $ref: '#/components/schemas/Score',
          },
          levelCounts: {
            $ref: '#/components/schemas/LevelCounts',
          },
          failingCounts: {
            $ref: '#/components/schemas/CountsByCheck',
          },
          owners: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OwnerRollup',
            },
          },
          lastRun: {
            description: 'The newest run, whatever its outcome.',
            oneOf: [
              {
                $ref: '#/components/schemas/EvaluationRun',
              },
              {
                type: 'null',
              },
            ],
          },
          stale: {
            description: 'Whether the served evaluation should be trusted.',
            type: 'boolean',
          },
          reason: {
            description: 'Why not, when it is stale.',
            type: 'string',
          },
          retrying: {
            description:
              'The last run was interrupted (its backend stopped mid-run) and the scheduler runs it again by itself: a manual refresh would only wait for it.',
            type: 'boolean',
          },
        },
      },
      ComplianceExport: {
        type: 'object',
        required: ['evaluation', 'items'],
        properties: {
          evaluation: {
            oneOf: [
              {
                $ref: '#/components/schemas/EvaluationRun',
              },
              {
                type: 'null',
              },
            ],
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ComplianceRow',
            },
          },
        },
      },
      TrendPoint: {
        type: 'object',
        required: [
          'evaluationId',
          'at',
          'entityCount',
          'averageScore',
          'levelCounts',
        ],
        properties: {
          evaluationId: {
            type: 'integer',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          entityCount: {
            type: 'integer',
          },
          averageScore: {
            $ref: '#/components/schemas/Score',
          },
          levelCounts: {
            $ref: '#/components/schemas/LevelCounts',
          },
        },
      },
      ComplianceTrend: {
        type: 'object',
        required: ['owner', 'points'],
        properties: {
          owner: {
            type: ['string', 'null'],
          },
          points: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/TrendPoint',
            },
          },
        },
      },
      HistoryPoint: {
        type: 'object',
        required: [
          'evaluationId',
          'at',
          'score',
          'level',
          'scorecards',
          'failingCount',
        ],
        properties: {
          evaluationId: {
            type: 'integer',
          },
          at: {
            type: 'string',
            format: 'date-time',
          },
          score: {
            $ref: '#/components/schemas/Score',
          },
          level: {
            $ref: '#/components/schemas/Level',
          },
          scorecards: {
            $ref: '#/components/schemas/ScorecardScores',
          },
          failingCount: {
            type: 'integer',
          },
        },
      },
      EntityHistory: {
        type: 'object',
        required: ['entityRef', 'items'],
        properties: {
          entityRef: {
            type: 'string',
          },
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/HistoryPoint',
            },
          },
        },
      },
      SignOffList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/StoredSignOff',
            },
          },
        },
      },
      WaiverList: {
        type: 'object',
        required: ['items'],
        properties: {
          items: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/StoredWaiver',
            },
          },
        },
      },
      OpsIssue: {
        description: 'A finding about ops data, in words a person can act on.',
        type: 'object',
        required: ['path', 'severity', 'message'],
        properties: {
          path: {
            description: 'Where in the data (`slos[0].alert.value`).',
            type: 'string',
          },
          severity: {
            type: 'string',
            enum: ['error', 'warning'],
          },
          message: {
            type: 'string',
          },
          source: {
            description:
              'Which input the path refers to (`ops.yaml`, `annotation opskit.io/slos`).',
            type: 'string',
          },
        },
      },
      FactValue: {
        description: 'Any JSON value a fact provider returned.',
      },
      EntityFact: {
        description: 'What a fact provider last observed about the entity.',
        type: 'object',
        required: [
          'provider',
          'name',
          'value',
          'observedAt',
          'checkedAt',
          'stale',
        ],
        properties: {
          provider: {
            type: 'string',
          },
          name: {
            type: 'string',
          },
          value: {
            $ref: '#/components/schemas/FactValue',
          },
          observedAt: {
            type: ['string', 'null'],
            format: 'date-time',
          },
          checkedAt: {
            type: 'string',
            format: 'date-time',
          },
          error: {
            type: 'string',
          },
          stale: {
            description:
              'The last attempt could not reach the source; `value` is older than `checkedAt`.',
            type: 'boolean',
          },
        },
      },
      OpsProfile: {
        description:
          "The entity's merged, validated ops model. Each section has the shape of the same section in ops.yaml after normalisation (the JSON Schema `ops-descriptor.schema.json` of @opskit/plugin-ops-common describes them; ops-common's `OpsProfile` type is their exact type). `sources` says where each section came from.",
        type: 'object',
        required: [
          'entityRef',
          'kind',
          'effectiveTier',
          'references',
          'dataStores',
          'sources',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          kind: {
            type: 'string',
          },
          type: {
            type: 'string',
          },
          lifecycle: {
            type: 'string',
          },
          owner: {
            type: 'string',
          },
          system: {
            type: 'string',
          },
          tier: {
            $ref: '#/components/schemas/Tier',
          },
          effectiveTier: {
            $ref: '#/components/schemas/Tier',
          },
          runbook: {
            type: 'string',
          },
          references: {
            description:
              "Other tools' annotations this entity carries, reused by reference.",
            type: 'object',
            properties: {
              pagerDutyServiceId: {
                type: 'string',
              },
              pagerDutyIntegrationKey: {
                type: 'string',
              },
              opsgenieComponentSelector: {
                type: 'string',
              },
              opsgenieTeam: {
                type: 'string',
              },
              grafanaDashboardSelector: {
                type: 'string',
              },
              grafanaAlertLabelSelector: {
                type: 'string',
              },
              techdocsRef: {
                type: 'string',
              },
              prometheusRule: {
                type: 'string',
              },
              prometheusAlert: {
                type: 'string',
              },
            },
          },
          dataStores: {
            description:
              'Resource refs from `spec.dependsOn`, the data stores that need backups.',
            type: 'array',
            items: {
              type: 'string',
            },
          },
          sources: {
            description: 'Section → where its value came from.',
            type: 'object',
            additionalProperties: {
              type: 'string',
              enum: ['annotation', 'descriptor', 'defaults'],
            },
          },
          environments: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          deployment: {
            type: 'object',
            additionalProperties: true,
          },
          slos: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          monitoring: {
            type: 'object',
            additionalProperties: true,
          },
          logging: {
            type: 'object',
            additionalProperties: true,
          },
          severities: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          escalation: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          backups: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          recovery: {
            type: 'object',
            additionalProperties: true,
          },
          versionHistory: {
            type: 'array',
            items: {
              type: 'object',
              additionalProperties: true,
            },
          },
          notes: {
            description:
              'Runbook chapters OpsKit does not read, kept to show as written.',
            type: 'array',
            items: {
              type: 'object',
              required: ['title', 'body'],
              properties: {
                title: {
                  type: 'string',
                },
                body: {
                  type: 'string',
                  description: 'Markdown, as the runbook wrote it',
                },
              },
            },
          },
          descriptorFile: {
            description:
              "The file the entity's ops data was read from, when the catalog module read one.",
            type: 'object',
            required: ['format', 'path'],
            properties: {
              format: {
                type: 'string',
                enum: ['ops', 'runbook'],
              },
              path: {
                type: 'string',
                description: 'As the ops-ref names it, e.g. `docs/runbook.md`',
              },
              url: {
                type: 'string',
                description: 'Where a person reads the file (its SCM page)',
              },
            },
          },
        },
      },
      EntityOps: {
        description:
          "One entity's ops data, evaluated now, plus what is stored for it.",
        type: 'object',
        required: [
          'entityRef',
          'evaluatedAt',
          'profile',
          'issues',
          'scorecards',
          'escalationTargets',
          'signOffs',
          'waivers',
          'latest',
          'facts',
        ],
        properties: {
          entityRef: {
            type: 'string',
          },
          evaluatedAt: {
            type: 'string',
            format: 'date-time',
          },
          profile: {
            $ref: '#/components/schemas/OpsProfile',
          },
          issues: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/OpsIssue',
            },
          },
          scorecards: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/ScorecardResult',
            },
          },
          escalationTargets: {
            description:
              'Each escalation target as written → the catalog user or group it resolves to, or null.',
            type: 'object',
            additionalProperties: {
              type: ['string', 'null'],
            },
          },
          signOffs: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/StoredSignOff',
            },
          },
          waivers: {
            description:
              'Active waivers and pending requests (only active ones waive a check).',
            type: 'array',
            items: {
              $ref: '#/components/schemas/StoredWaiver',
            },
          },
          latest: {
            description: "The entity's row in the latest stored evaluation.",
            oneOf: [
              {
                $ref: '#/components/schemas/ComplianceRow',
              },
              {
                type: 'null',
              },
            ],
          },
          facts: {
            type: 'array',
            items: {
              $ref: '#/components/schemas/EntityFact',
            },
          },
        },
      },
    },
  },
  paths: {
    '/health': {
      get: {
        operationId: 'Health',
        description: 'Liveness; the only route open without credentials.',
        security: [{}],
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Health',
                },
              },
            },
          },
        },
      },
    },
    '/checks': {
      get: {
        operationId: 'GetChecks',
        description: 'The scorecards and their checks, after config overrides.',
        security: [
          {
            JWT: [],
          },
        ],
        responses: {
          '200': {
            description: 'Scorecards and checks',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Checks',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetEntityOps',
        description:
          "One entity's merged ops profile, validation issues and scorecards, evaluated now with the caller's credentials, plus its sign-offs, active waivers, latest stored compliance record and the live facts fact providers last observed (SLO values from Prometheus, with their age and whether they are stale).",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: "The entity's ops data",
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityOps',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'GetEntityHistory',
        description: "The entity's score changes over time, oldest first.",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Score changes over time, oldest first',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityHistory',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/budgets/history': {
      get: {
        operationId: 'GetEntityBudgetHistory',
        description:
          "Each SLO's error budget left per day (UTC), from the budgets the fact providers measured: the last measurement of each day, oldest first. Days without a fresh measurement (the source was down, or the SLO saw no events) are missing, not zero.",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'days',
            in: 'query',
            description:
              'How many days back, today included (28 unless given).',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 35,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Budget left per SLO and day',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/BudgetHistory',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/signoffs': {
      get: {
        operationId: 'ListSignOffs',
        description: "The entity's checklist sign-offs, oldest first.",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'Sign-offs, oldest first',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/SignOffList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateSignOff',
        description:
          'Sign off a checklist item (optionally for a version and/or environment).',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/SignOffRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The recorded sign-off',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/StoredSignOff',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/waivers': {
      get: {
        operationId: 'ListWaivers',
        description:
          "The entity's waivers: active ones and pending requests, or every one (denied, revoked, expired too) with `includeInactive`.",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'includeInactive',
            in: 'query',
            schema: {
              type: 'boolean',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Waivers',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WaiverList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateWaiver',
        description:
          'Ask for a waiver of a check until a time in the future (at most `ops.waivers.maxDuration` ahead, default 90 days) with `ops.waiver.request`: it is pending until an approver decides. A caller allowed `ops.waiver.manage` on the entity, or a check or tier in `ops.waivers.autoApprove`, gets it approved at once.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/WaiverRequest',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The waiver',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/StoredWaiver',
                },
              },
            },
          },
          '409': {
            description:
              'A waiver of this check is already active or asked for the entity (one at a time); the body carries it.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WaiverConflict',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/waivers': {
      get: {
        operationId: 'ListWaiverRequests',
        description:
          "Waivers across the catalog by status, oldest first: the approvers' queue with `status=pending`. Needs `ops.compliance.read`; only entities the caller may read (`ops.entity.read`) are listed.",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'status',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['pending', 'approved', 'denied', 'revoked', 'expired'],
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Waivers',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WaiverList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/waivers/{id}/decision': {
      post: {
        operationId: 'DecideWaiver',
        description:
          'Approve or deny a pending request, with a comment (`ops.waiver.manage` on its entity). Exactly one decision wins: a request already decided, revoked or expired answers 409 with the waiver as it is.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/WaiverDecision',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The decided waiver',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/StoredWaiver',
                },
              },
            },
          },
          '409': {
            description:
              'The request is no longer pending; the body carries it.',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/WaiverConflict',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/waivers/{id}': {
      delete: {
        operationId: 'RevokeWaiver',
        description:
          'Revoke a waiver, or withdraw a pending request, with an optional reason. Idempotent: a waiver already revoked is returned as it is, with its first revocation, and no audit event is written.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
          {
            name: 'reason',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 2000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The revoked waiver',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/StoredWaiver',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/campaigns': {
      get: {
        operationId: 'ListCampaigns',
        description:
          'Campaigns with their progress in the latest evaluation (`ops.compliance.read`; counts within the entities the caller may read). Archived ones only when asked for by `state`.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'state',
            in: 'query',
            schema: {
              $ref: '#/components/schemas/CampaignState',
            },
          },
        ],
        responses: {
          '200': {
            description: 'Campaigns',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CampaignList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      post: {
        operationId: 'CreateCampaign',
        description:
          'Create a campaign (`ops.campaign.manage`); a draft unless `state` says otherwise.',
        security: [
          {
            JWT: [],
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CampaignInput',
              },
            },
          },
        },
        responses: {
          '201': {
            description: 'The campaign',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Campaign',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/campaigns/{id}': {
      get: {
        operationId: 'GetCampaign',
        description:
          'A campaign, its progress overall, per owner and over time, and the entities left (`ops.compliance.read`; within the entities the caller may read).',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The campaign',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CampaignDetail',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
      put: {
        operationId: 'UpdateCampaign',
        description:
          "Replace a campaign's fields, its state included (`ops.campaign.manage`).",
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'id',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              format: 'uuid',
            },
          },
        ],
        requestBody: {
          required: true,
          content: {
            'application/json': {
              schema: {
                $ref: '#/components/schemas/CampaignInput',
              },
            },
          },
        },
        responses: {
          '200': {
            description: 'The campaign',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Campaign',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/campaigns': {
      get: {
        operationId: 'ListEntityCampaigns',
        description:
          'The active campaigns that ask this entity, and what it still fails of each (`ops.entity.read` on the entity).',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/kind',
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
        ],
        responses: {
          '200': {
            description: 'Campaigns',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/EntityCampaignList',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/compliance': {
      get: {
        operationId: 'ListCompliance',
        description:
          'The catalog-wide compliance list from the latest stored evaluation.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/filterKind',
          },
          {
            $ref: '#/components/parameters/type',
          },
          {
            $ref: '#/components/parameters/lifecycle',
          },
          {
            $ref: '#/components/parameters/tier',
          },
          {
            $ref: '#/components/parameters/system',
          },
          {
            $ref: '#/components/parameters/group',
          },
          {
            $ref: '#/components/parameters/domain',
          },
          {
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/budgetBelow',
          },
          {
            $ref: '#/components/parameters/text',
          },
          {
            $ref: '#/components/parameters/sort',
          },
          {
            $ref: '#/components/parameters/order',
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 500,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 2048,
            },
          },
        ],
        responses: {
          '200': {
            description: 'A page of compliance records',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/CompliancePage',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/compliance/summary': {
      get: {
        operationId: 'GetComplianceSummary',
        description:
          'Totals, per-owner roll-up, evaluation status and staleness.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/filterKind',
          },
          {
            $ref: '#/components/parameters/type',
          },
          {
            $ref: '#/components/parameters/lifecycle',
          },
          {
            $ref: '#/components/parameters/tier',
          },
          {
            $ref: '#/components/parameters/system',
          },
          {
            $ref: '#/components/parameters/group',
          },
          {
            $ref: '#/components/parameters/domain',
          },
          {
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/budgetBelow',
          },
          {
            $ref: '#/components/parameters/text',
          },
        ],
        responses: {
          '200': {
            description:
              'Totals, per-owner roll-up, evaluation status and staleness',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ComplianceSummary',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/rollups/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetRollup',
        description:
          'Compliance of a group (what it and its child groups own), a system or a domain (what their systems contain): totals, the most common failing checks and the worst entities, paged. Needs `ops.compliance.read`; counts only entities the caller may read (`ops.entity.read`).',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'kind',
            in: 'path',
            required: true,
            schema: {
              type: 'string',
              enum: ['group', 'system', 'domain'],
            },
          },
          {
            $ref: '#/components/parameters/namespace',
          },
          {
            $ref: '#/components/parameters/name',
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 100,
            },
          },
          {
            name: 'cursor',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'The roll-up',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Rollup',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/compliance/export': {
      get: {
        operationId: 'ExportCompliance',
        description:
          'The whole filtered list, streamed as CSV (cells starting with = + - @ are defused) or JSON.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'format',
            in: 'query',
            schema: {
              type: 'string',
              enum: ['csv', 'json'],
            },
          },
          {
            $ref: '#/components/parameters/owner',
          },
          {
            $ref: '#/components/parameters/filterKind',
          },
          {
            $ref: '#/components/parameters/type',
          },
          {
            $ref: '#/components/parameters/lifecycle',
          },
          {
            $ref: '#/components/parameters/tier',
          },
          {
            $ref: '#/components/parameters/system',
          },
          {
            $ref: '#/components/parameters/group',
          },
          {
            $ref: '#/components/parameters/domain',
          },
          {
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/budgetBelow',
          },
          {
            $ref: '#/components/parameters/text',
          },
          {
            $ref: '#/components/parameters/sort',
          },
          {
            $ref: '#/components/parameters/order',
          },
        ],
        responses: {
          '200': {
            description: 'The whole filtered list',
            content: {
              'text/csv': {
                schema: {
                  type: 'string',
                },
              },
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ComplianceExport',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/compliance/trend': {
      get: {
        operationId: 'GetComplianceTrend',
        description:
          'Totals per evaluation, oldest first, overall or for one owner.',
        security: [
          {
            JWT: [],
          },
        ],
        parameters: [
          {
            name: 'owner',
            in: 'query',
            schema: {
              type: 'string',
              maxLength: 512,
            },
          },
          {
            name: 'limit',
            in: 'query',
            schema: {
              type: 'integer',
              minimum: 1,
              maximum: 1000,
            },
          },
        ],
        responses: {
          '200': {
            description: 'Totals per evaluation, oldest first',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/ComplianceTrend',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'RefreshCompliance',
        description:
          'Start a catalog-wide evaluation now; with fact providers installed, collect their facts first, then evaluate. 409 when one is running.',
        security: [
          {
            JWT: [],
          },
        ],
        responses: {
          '202': {
            description: 'Started',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/RefreshStarted',
                },
              },
            },
          },
          default: {
            $ref: '#/components/responses/ErrorResponse',
          },
        },
      },
    },
  },
} as const;

export const createOpenApiRouter = async (
  options?: Parameters<
    typeof createValidatedOpenApiRouterFromGeneratedEndpointMap
  >['1'],
) =>
  createValidatedOpenApiRouterFromGeneratedEndpointMap<EndpointMap>(
    spec,
    options,
  );
