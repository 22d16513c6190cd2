// Generated from openapi.yaml by `yarn schema:generate` in plugins/ops-backend; do not edit.

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
      scorecard: {
        name: 'scorecard',
        in: 'query',
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
          type: 'string',
          enum: [
            'entityRef',
            'owner',
            'kind',
            'tier',
            'score',
            'level',
            'errorCount',
          ],
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
        type: 'string',
        enum: ['none', 'bronze', 'silver', 'gold'],
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
          },
        },
        additionalProperties: true,
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
            description: 'ISO timestamp in the future',
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
        responses: {
          '200': {
            description: 'OK',
          },
        },
      },
    },
    '/checks': {
      get: {
        operationId: 'GetChecks',
        description: 'The scorecards and their checks, after config overrides.',
        responses: {
          '200': {
            description: 'Scorecards and checks',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}': {
      get: {
        operationId: 'GetEntityOps',
        description:
          "One entity's merged ops profile, validation issues and scorecards, evaluated now with the caller's credentials, plus its sign-offs, active waivers, latest stored compliance record and the live facts fact providers last observed (SLO values from Prometheus, with their age and whether they are stale).",
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
          },
          '404': {
            description: 'No such entity (or not visible to the caller)',
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/history': {
      get: {
        operationId: 'GetEntityHistory',
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
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/signoffs': {
      get: {
        operationId: 'ListSignOffs',
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
          },
        },
      },
      post: {
        operationId: 'CreateSignOff',
        description:
          'Sign off a checklist item (optionally for a version and/or environment).',
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
          },
          '400': {
            description: 'Bad input',
            content: {
              'application/json': {
                schema: {
                  $ref: '#/components/schemas/Error',
                },
              },
            },
          },
        },
      },
    },
    '/entities/{kind}/{namespace}/{name}/waivers': {
      get: {
        operationId: 'ListWaivers',
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
          },
        },
      },
      post: {
        operationId: 'CreateWaiver',
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
          },
        },
      },
    },
    '/waivers/{id}': {
      delete: {
        operationId: 'RevokeWaiver',
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
        responses: {
          '200': {
            description: 'The revoked waiver',
          },
          '404': {
            description: 'No such waiver',
          },
        },
      },
    },
    '/compliance': {
      get: {
        operationId: 'ListCompliance',
        description:
          'The catalog-wide compliance list from the latest stored evaluation.',
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
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
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
          },
        },
      },
    },
    '/compliance/summary': {
      get: {
        operationId: 'GetComplianceSummary',
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
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
          },
          {
            $ref: '#/components/parameters/text',
          },
        ],
        responses: {
          '200': {
            description:
              'Totals, per-owner roll-up, evaluation status and staleness',
          },
        },
      },
    },
    '/compliance/export': {
      get: {
        operationId: 'ExportCompliance',
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
            $ref: '#/components/parameters/scorecard',
          },
          {
            $ref: '#/components/parameters/level',
          },
          {
            $ref: '#/components/parameters/failingCheck',
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
            description: 'The whole filtered list, streamed as CSV or JSON',
          },
        },
      },
    },
    '/compliance/trend': {
      get: {
        operationId: 'GetComplianceTrend',
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
          },
        },
      },
    },
    '/refresh': {
      post: {
        operationId: 'RefreshCompliance',
        description:
          'Start a catalog-wide evaluation now; with fact providers installed, collect their facts first, then evaluate.',
        responses: {
          '202': {
            description: 'Started',
          },
          '409': {
            description: 'An evaluation is already running',
          },
        },
      },
    },
  },
} as const;
