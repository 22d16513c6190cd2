import type {
  AuditorService,
  BackstageCredentials,
  HttpAuthService,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import type { JsonObject } from '@backstage/types';
import {
  BUILT_IN_SCORECARDS,
  describeCheck,
  evaluationDay,
  opsComplianceReadPermission,
  opsComplianceRefreshPermission,
  opsEntityReadPermission,
  opsWaiverManagePermission,
  visibleText,
  type OpsApiPathParams,
} from '@opskit/plugin-ops-common';
import type { Response, Router } from 'express';
import type { OpsStore, StoredWaiver } from '../database/OpsStore';
import type { OpsBackendConfig } from './backendConfig';
import type { OpsCheckSet } from './checkSet';
import {
  parseComplianceFilter,
  parseComplianceSort,
  parseLimit,
} from './complianceParams';
import { validateDecision } from './requestValidation';
import type { WaiverNotifier } from './notifications/WaiverNotifier';
import { principalOf, ReviewWrites, WaiverConflictError } from './reviewWrites';
import { streamExport } from './streamExport';
import {
  entityReadScope,
  MATCHES_NOTHING,
  withinScope,
} from './entityReadScope';
import { RollupMembers } from './rollupMembers';
import { requirePermission } from './requirePermission';
import { storedStaleness } from './staleness';
import { CachedJson } from './cachedJson';
import { EntityOpsReader } from './entityOps';
import { budgetSeries } from './budgetSeries';
import { BUDGET_HISTORY_DAYS } from '../database/FactStore';
import { createOpenApiRouter } from '../schema/openapi/generated/router';
import { addCampaignRoutes } from './campaigns/campaignRoutes';
import { CampaignProgress } from './campaigns/CampaignProgress';
import { CampaignTracker } from './campaigns/CampaignTracker';

/** Any route's request: what authentication and auditing read. */
type AnyRequest = Parameters<HttpAuthService['credentials']>[0];
type EntityPathParams = OpsApiPathParams<'GetEntityOps'>;

/** @public */
export interface RouterOptions {
  store: OpsStore;
  catalog: CatalogService;
  httpAuth: HttpAuthService;
  permissions: PermissionsService;
  auditor: AuditorService;
  logger: LoggerService;
  config: OpsBackendConfig;
  /** Starts a catalog-wide evaluation now (the scheduler's trigger). */
  refresh(): Promise<void>;
  /** The checks in effect (shared with the evaluator, the entity reader and the actions). */
  checks: OpsCheckSet;
  /** Shared with the agent actions; created here when not given. */
  entities?: EntityOpsReader;
  /** Tells approvers and owners of waiver requests and decisions (when notifications are on). */
  waiverNotifier?: WaiverNotifier;
  /** Sign-offs and waiver requests, shared with the agent actions; created here when not given. */
  writes?: ReviewWrites;
  /** Campaign progress, shared with the tracker and the actions; created here when not given. */
  campaignProgress?: CampaignProgress;
  /** Counts and notices of active campaigns; created here (without notices) when not given. */
  campaignTracker?: CampaignTracker;
}

/** @public */
export async function createRouter(options: RouterOptions): Promise<Router> {
  const { store, catalog, httpAuth, permissions, auditor, config } = options;
  const { checks } = options.checks;
  const checkIds = checks.map(c => c.id);
  const scorecardIds = BUILT_IN_SCORECARDS.map(s => s.id);
  const entities =
    options.entities ??
    new EntityOpsReader({ store, catalog, config, checks: options.checks });
  const writes =
    options.writes ??
    new ReviewWrites({
      store,
      config,
      permissions,
      auditor,
      checkIds,
      waiverNotifier: options.waiverNotifier,
    });

  const rollups = new RollupMembers(catalog);
  // Compliance pages and summaries, serialized and compressed once per view and run revision.
  const answers = new CachedJson();
  const router = await createOpenApiRouter();
  const runTimes = {
    staleAfterMs: config.staleAfterMs,
    leaseMs: config.evaluationLeaseMs,
  };

  const credentialsOf = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
  const allowed = async (req: AnyRequest, permission: BasicPermission) => {
    const credentials = await credentialsOf(req);
    await requirePermission({ permissions, permission, credentials });
    return credentials;
  };

  /** The entity named by the path, read with the caller's credentials: catalog permissions hold. */
  const loadEntity = (
    req: { params: EntityPathParams },
    credentials: BackstageCredentials,
  ) => entities.entity(req.params, credentials);

  /**
   * The caller, their entity (404 when they cannot see it) and their
   * permission on it: a resource permission, so a policy can decide by owner.
   */
  const allowedOn = async (
    req: AnyRequest & { params: EntityPathParams },
    permission: ResourcePermission<'catalog-entity'>,
  ) => {
    const credentials = await credentialsOf(req);
    const loaded = await loadEntity(req, credentials);
    await requirePermission({
      permissions,
      permission,
      credentials,
      resourceRef: loaded.ref,
    });
    return { credentials, ...loaded };
  };

  /** The caller's filter, within the entities `ops.entity.read` shows them. */
  const scopedFilter = async (
    req: AnyRequest,
    query: Parameters<typeof parseComplianceFilter>[0],
  ) => {
    const credentials = await allowed(req, opsComplianceReadPermission);
    const scope = await entityReadScope(permissions, credentials);
    // group= and domain= count what the roll-ups count, as the caller may see it in the catalog.
    const asked = await rollups.resolve(
      parseComplianceFilter(query),
      credentials,
    );
    return { scope, filter: withinScope(asked, scope) };
  };

  const audited = <T>(
    req: AnyRequest,
    eventId: string,
    meta: JsonObject,
    action: () => Promise<T>,
  ) => writes.audited(eventId, meta, action, req);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.get('/checks', async (req, res) => {
    await credentialsOf(req);
    res.json({
      scorecards: BUILT_IN_SCORECARDS,
      checks: checks.map(describeCheck),
      warnCredit: config.ops.scoring.warnCredit,
    });
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const credentials = await credentialsOf(req);
    const { kind, namespace, name } = req.params;
    const authorized = requirePermission({
      permissions,
      permission: opsEntityReadPermission,
      credentials,
      resourceRef: `${kind}:${namespace}/${name}`.toLowerCase(),
    });
    authorized.catch(() => undefined);
    const { response, version } = await entities.readVersioned(
      { kind, namespace, name },
      credentials,
      authorized,
    );
    // The caller could read it (catalog and permission checked above): its serialized answer may be shared.
    await answers.send(req, res, `entity\n${version}`, async () => response);
  });

  router.get('/entities/:kind/:namespace/:name/history', async (req, res) => {
    const { ref } = await allowedOn(req, opsEntityReadPermission);
    res.json({
      entityRef: ref,
      items: await store.entityHistory(
        ref,
        parseLimit(req.query.limit, 100, 1000),
      ),
    });
  });

  router.get(
    '/entities/:kind/:namespace/:name/budgets/history',
    async (req, res) => {
      const { ref } = await allowedOn(req, opsEntityReadPermission);
      const days = parseLimit(req.query.days, 28, BUDGET_HISTORY_DAYS);
      const since = new Date(Date.now() - (days - 1) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const rows = await store.facts.budgetHistory(ref, since);
      res.json({ entityRef: ref, since, series: budgetSeries(rows) });
    },
  );

  router.get('/entities/:kind/:namespace/:name/signoffs', async (req, res) => {
    const { ref } = await allowedOn(req, opsEntityReadPermission);
    res.json({ items: await store.listSignOffs(ref) });
  });

  router.post('/entities/:kind/:namespace/:name/signoffs', async (req, res) => {
    const credentials = await credentialsOf(req);
    const loaded = await loadEntity(req, credentials);
    res
      .status(201)
      .json(await writes.signOff(credentials, loaded, req.body, req));
  });

  router.get('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const { ref } = await allowedOn(req, opsEntityReadPermission);
    // The validator leaves query values as the client wrote them.
    const includeInactive = String(req.query.includeInactive) === 'true';
    res.json({ items: await store.listWaivers(ref, { includeInactive }) });
  });

  /** The standard error body plus the waiver in the way (the spec's 409; the typed router types success bodies only). */
  const conflict = (
    req: AnyRequest & { method: string; originalUrl: string },
    res: unknown,
    error: Error,
    waiver: StoredWaiver,
  ) =>
    (res as Response).status(409).json({
      error: { name: error.name, message: error.message },
      request: { method: req.method, url: req.originalUrl },
      response: { statusCode: 409 },
      waiver,
    });

  /** A waiver the caller may see: 404 for one of an entity hidden from them, as for a missing one. */
  const visibleWaiver = async (
    id: string,
    credentials: BackstageCredentials,
  ) => {
    const existing = await store.getWaiver(id);
    const visible =
      existing &&
      (await catalog.getEntityByRef(existing.entityRef, { credentials }));
    if (!existing || !visible) throw new NotFoundError(`no waiver ${id}`);
    return existing;
  };

  /** A waiver the caller may see and decide or revoke (ops.waiver.manage on its entity). */
  const managedWaiver = async (
    id: string,
    credentials: BackstageCredentials,
  ) => {
    const existing = await visibleWaiver(id, credentials);
    await requirePermission({
      permissions,
      permission: opsWaiverManagePermission,
      credentials,
      resourceRef: existing.entityRef,
    });
    return existing;
  };

  router.post('/entities/:kind/:namespace/:name/waivers', async (req, res) => {
    const credentials = await credentialsOf(req);
    const loaded = await loadEntity(req, credentials);
    try {
      res
        .status(201)
        .json(await writes.createWaiver(credentials, loaded, req.body, req));
    } catch (error) {
      if (!(error instanceof WaiverConflictError)) throw error;
      conflict(req, res, error, error.waiver);
    }
  });

  router.get('/waivers', async (req, res) => {
    const { scope } = await scopedFilter(req, {});
    const status = req.query.status ?? 'pending';
    const limit = parseLimit(req.query.limit, 100, 500);
    const candidates = await store.waiversByStatus(status, 500);
    // Within what ops.entity.read shows the caller: their owners and kinds, from the latest evaluation.
    const scoped = scope.owner || scope.kind;
    const items: StoredWaiver[] = [];
    for (const waiver of candidates) {
      if (items.length >= limit) break;
      if (scoped) {
        const record = await store.latestRecord(waiver.entityRef);
        const owner = record?.owner?.toLowerCase();
        const kind = record?.kind.toLowerCase();
        if (scope.owner && !(owner && scope.owner.includes(owner))) continue;
        if (scope.kind && !(kind && scope.kind.includes(kind))) continue;
      }
      items.push(waiver);
    }
    res.json({ items });
  });

  router.post('/waivers/:id/decision', async (req, res) => {
    const credentials = await credentialsOf(req);
    const existing = await managedWaiver(req.params.id, credentials);
    const { decision, comment } = validateDecision(req.body);
    try {
      const decided = await audited(
        req,
        decision === 'approve' ? 'waiver-approve' : 'waiver-deny',
        {
          waiverId: existing.id,
          entityRef: existing.entityRef,
          checkId: existing.checkId,
        },
        async () => {
          const outcome = await store.decideWaiver(existing.id, {
            decision,
            comment,
            by: principalOf(credentials),
          });
          if (!outcome) throw new NotFoundError(`no waiver ${existing.id}`);
          if (outcome.decided) return outcome.waiver;
          const current = outcome.waiver;
          throw new WaiverConflictError(
            `waiver ${existing.id} is ${current.status}, not pending${
              current.decidedBy ? ` (decided by ${current.decidedBy})` : ''
            }; only a pending request can be decided`,
            current,
          );
        },
      );
      if (decided.status === 'approved')
        await writes.followed(decided.entityRef, 'a waiver approval');
      const record = await store.latestRecord(decided.entityRef);
      await writes.waiverNotifier?.decided(decided, record?.owner);
      res.json(decided);
    } catch (error) {
      if (!(error instanceof WaiverConflictError)) throw error;
      conflict(req, res, error, error.waiver);
    }
  });

  router.delete('/waivers/:id', async (req, res) => {
    const credentials = await credentialsOf(req);
    const existing = await managedWaiver(req.params.id, credentials);
    // Idempotent: revoking a revoked waiver changes nothing and records nothing.
    if (existing.revokedAt) {
      res.json(existing);
      return;
    }
    const reason =
      typeof req.query.reason === 'string'
        ? visibleText(req.query.reason) || undefined
        : undefined;
    const revoked = await audited(
      req,
      'waiver-revoke',
      {
        waiverId: existing.id,
        entityRef: existing.entityRef,
        checkId: existing.checkId,
      },
      () => store.revokeWaiver(existing.id, principalOf(credentials), reason),
    );
    // A withdrawn request waived nothing: only a revoked waiver changes the score.
    if (revoked?.revoked && existing.status === 'approved')
      await writes.followed(existing.entityRef, 'a waiver revocation');
    res.json(revoked?.waiver ?? existing);
  });

  /**
   * What a compliance answer is made from, besides the query: the served
   * run and its revision, and the staleness the answer reports. A page of
   * an older run (a cursor's) may age differently: its answer is kept for a
   * minute at most.
   */
  const answerKey = async (...query: unknown[]) => {
    const [latest, { status, lastRun }] = await Promise.all([
      store.latestEvaluation(),
      storedStaleness(store, runTimes),
    ]);
    return JSON.stringify([
      latest?.id,
      latest?.revision,
      lastRun?.id,
      status,
      ...query,
    ]);
  };

  router.get('/compliance', async (req, res) => {
    const query = req.query;
    const { filter } = await scopedFilter(req, query);
    const sort = parseComplianceSort(query);
    const limit = parseLimit(query.limit, 50, 500);
    const cursor =
      typeof query.cursor === 'string' && query.cursor
        ? query.cursor
        : undefined;
    const key = await answerKey(
      'list',
      filter,
      sort,
      limit,
      cursor ?? null,
      cursor ? Math.floor(Date.now() / 60_000) : null,
    );
    await answers.send(req, res, key, async () => {
      const page = await store.listCompliance({ filter, sort, limit, cursor });
      const { status } = await storedStaleness(
        store,
        runTimes,
        page.evaluation,
      );
      return { ...page, ...status };
    });
  });

  router.get('/compliance/summary', async (req, res) => {
    const { filter } = await scopedFilter(req, req.query);
    const key = await answerKey('summary', filter);
    await answers.send(req, res, key, async () => {
      const summary = await store.summary(filter, checkIds);
      const { lastRun, status } = await storedStaleness(
        store,
        runTimes,
        summary.evaluation,
      );
      return { ...summary, lastRun: lastRun ?? null, ...status };
    });
  });

  router.get('/rollups/:kind/:namespace/:name', async (req, res) => {
    const { scope } = await scopedFilter(req, {});
    const credentials = await credentialsOf(req);
    const { entity, ref } = await loadEntity(req, credentials);
    const members = await rollups.of(entity, credentials);
    // A domain without systems contains nothing: an empty list must not mean "no filter".
    const asked = members.owner
      ? { owner: members.owner }
      : { system: members.system?.length ? members.system : [MATCHES_NOTHING] };
    const filter = withinScope(asked, scope);
    const [summary, page] = await Promise.all([
      store.summary(filter, checkIds),
      store.listCompliance({
        filter,
        sort: { field: 'score', order: 'asc' },
        limit: parseLimit(req.query.limit, 5, 100),
        cursor:
          typeof req.query.cursor === 'string' && req.query.cursor
            ? req.query.cursor
            : undefined,
      }),
    ]);
    res.json({
      entityRef: ref,
      members: members.owner ?? members.system ?? [],
      entityCount: summary.entityCount,
      averageScore: summary.averageScore,
      levelCounts: summary.levelCounts,
      failingCounts: summary.failingCounts,
      worst: page.items,
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  });

  router.get('/compliance/export', async (req, res) => {
    const query = req.query;
    const { filter } = await scopedFilter(req, query);
    const sort = parseComplianceSort({ sort: 'entityRef', ...query });
    const format = query.format === 'json' ? 'json' : 'csv';
    const latest = await store.latestEvaluation();
    const finishedAt = latest?.finishedAt;
    const day = evaluationDay(finishedAt ? Date.parse(finishedAt) : Date.now());
    res.setHeader(
      'Content-Type',
      format === 'csv'
        ? 'text/csv; charset=utf-8'
        : 'application/json; charset=utf-8',
    );
    res.setHeader(
      'Content-Disposition',
      `attachment; filename="ops-compliance-${day}.${format}"`,
    );
    await streamExport(
      res,
      format,
      store.streamCompliance(filter, sort),
      scorecardIds,
      latest,
      options.logger,
    );
  });

  router.get('/compliance/trend', async (req, res) => {
    const { scope } = await scopedFilter(req, {});
    const owner =
      typeof req.query.owner === 'string' && req.query.owner
        ? parseComplianceFilter({ owner: req.query.owner }).owner?.[0]
        : undefined;
    // The catalog-wide trend is an aggregate; one owner's is theirs to see.
    if (owner && scope.owner && !scope.owner.includes(owner.toLowerCase()))
      throw new NotAllowedError(
        `you are not allowed to read ops data of ${owner}'s entities (${opsEntityReadPermission.name})`,
      );
    res.json({
      owner: owner ?? null,
      points: await store.trend({
        owner,
        limit: parseLimit(req.query.limit, 90, 1000),
      }),
    });
  });

  const campaignProgress =
    options.campaignProgress ?? new CampaignProgress(store, options.checks);
  addCampaignRoutes(router, {
    store,
    progress: campaignProgress,
    tracker:
      options.campaignTracker ??
      new CampaignTracker({
        store,
        progress: campaignProgress,
        logger: options.logger,
        reminderLeadMs: config.campaigns.reminderLeadMs,
      }),
    checkIds,
    allowed,
    readScope: async req => (await scopedFilter(req, {})).scope,
    allowedOn,
    audited,
    warn: message => options.logger.warn(message),
  });

  router.post('/refresh', async (req, res) => {
    await allowed(req, opsComplianceRefreshPermission);
    await audited(req, 'compliance-refresh', {}, () => options.refresh());
    res.status(202).json({ status: 'started' });
  });

  return router;
}
