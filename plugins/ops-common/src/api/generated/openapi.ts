// Generated from plugins/ops-backend/src/schema/openapi.yaml by
// `yarn workspace @opskit/plugin-ops-backend schema:generate`; do not edit.
/* eslint-disable */

/** @public */
export interface paths {
  '/health': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Liveness; the only route open without credentials. */
    get: operations['Health'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/checks': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The scorecards and their checks, after config overrides. */
    get: operations['GetChecks'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** One entity's merged ops profile, validation issues and scorecards, evaluated now with the caller's credentials, plus its sign-offs, active waivers, latest stored compliance record and the live facts fact providers last observed (SLO values from Prometheus, with their age and whether they are stale). */
    get: operations['GetEntityOps'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The entity's score changes over time, oldest first. */
    get: operations['GetEntityHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/budgets/history': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Each SLO's error budget left per day (UTC), from the budgets the fact providers measured: the last measurement of each day, oldest first. Days without a fresh measurement (the source was down, or the SLO saw no events) are missing, not zero. */
    get: operations['GetEntityBudgetHistory'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/signoffs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The entity's checklist sign-offs, oldest first. */
    get: operations['ListSignOffs'];
    put?: never;
    /** Sign off a checklist item (optionally for a version and/or environment). */
    post: operations['CreateSignOff'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/waivers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The entity's waivers: active ones and pending requests, or every one (denied, revoked, expired too) with `includeInactive`. */
    get: operations['ListWaivers'];
    put?: never;
    /** Ask for a waiver of a check until a time in the future (at most `ops.waivers.maxDuration` ahead, default 90 days) with `ops.waiver.request`: it is pending until an approver decides. A caller allowed `ops.waiver.manage` on the entity, or a check or tier in `ops.waivers.autoApprove`, gets it approved at once. */
    post: operations['CreateWaiver'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/waivers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Waivers across the catalog by status, oldest first: the approvers' queue with `status=pending`. Needs `ops.compliance.read`; only entities the caller may read (`ops.entity.read`) are listed. */
    get: operations['ListWaiverRequests'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/waivers/{id}/decision': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Approve or deny a pending request, with a comment (`ops.waiver.manage` on its entity). Exactly one decision wins: a request already decided, revoked or expired answers 409 with the waiver as it is. */
    post: operations['DecideWaiver'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/waivers/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /** Revoke a waiver, or withdraw a pending request, with an optional reason. Idempotent: a waiver already revoked is returned as it is, with its first revocation, and no audit event is written. */
    delete: operations['RevokeWaiver'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Campaigns with their progress in the latest evaluation (`ops.compliance.read`; counts within the entities the caller may read). Archived ones only when asked for by `state`. */
    get: operations['ListCampaigns'];
    put?: never;
    /** Create a campaign (`ops.campaign.manage`); a draft unless `state` says otherwise. */
    post: operations['CreateCampaign'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/campaigns/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** A campaign, its progress overall, per owner and over time, and the entities left (`ops.compliance.read`; within the entities the caller may read). */
    get: operations['GetCampaign'];
    /** Replace a campaign's fields, its state included (`ops.campaign.manage`). */
    put: operations['UpdateCampaign'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/entities/{kind}/{namespace}/{name}/campaigns': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The active campaigns that ask this entity, and what it still fails of each (`ops.entity.read` on the entity). */
    get: operations['ListEntityCampaigns'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/compliance': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The catalog-wide compliance list from the latest stored evaluation. */
    get: operations['ListCompliance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/compliance/summary': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Totals, per-owner roll-up, evaluation status and staleness. */
    get: operations['GetComplianceSummary'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/rollups/{kind}/{namespace}/{name}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Compliance of a group (what it and its child groups own), a system or a domain (what their systems contain): totals, the most common failing checks and the worst entities, paged. Needs `ops.compliance.read`; counts only entities the caller may read (`ops.entity.read`). */
    get: operations['GetRollup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/compliance/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** The whole filtered list, streamed as CSV (cells starting with = + - \@ are defused) or JSON. */
    get: operations['ExportCompliance'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/compliance/trend': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /** Totals per evaluation, oldest first, overall or for one owner. */
    get: operations['GetComplianceTrend'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /** Start a catalog-wide evaluation now; with fact providers installed, collect their facts first, then evaluate. 409 when one is running. */
    post: operations['RefreshCompliance'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
/** @public */
export interface components {
  schemas: {
    Tier: 'tier-1' | 'tier-2' | 'tier-3' | 'tier-4';
    /**
     * A scorecard's level, the highest whose checks all pass, or none.
     */
    Level: 'none' | 'bronze' | 'silver' | 'gold';

    CheckLevel: 'bronze' | 'silver' | 'gold';

    CheckStatus: 'pass' | 'fail' | 'warn' | 'waived' | 'not-applicable';
    /**
     * `budget` sorts by production's worst error budget left, least first when ascending; a row without a measured budget sorts as if it had more than any budget left.
     */
    SortField:
      | 'entityRef'
      | 'owner'
      | 'kind'
      | 'tier'
      | 'score'
      | 'level'
      | 'errorCount'
      | 'budget';
    /** A weighted pass ratio in percent (0–100), or null when no check applies. */
    Score: number | null;
    Error: {
      error: {
        name: string;
        message: string;
      } & {
        [key: string]: unknown;
      };
      request?: {
        [key: string]: unknown;
      };
      response?: {
        statusCode?: number;
      } & {
        [key: string]: unknown;
      };
    } & {
      [key: string]: unknown;
    };
    /** What each entity in scope must reach: a level on one scorecard, or a set of checks that pass (waived counts as reached, and is shown apart). */
    CampaignTarget: {
      scorecard?: string;
      level?: components['schemas']['CheckLevel'];
      checks?: string[];
    };
    /** The entities asked: those matching every given compliance filter (values within one filter are alternatives), or the listed entity refs. An empty scope asks every evaluated entity. */
    CampaignScope: {
      tier?: components['schemas']['ScopeValues'];
      owner?: components['schemas']['ScopeValues'];
      kind?: components['schemas']['ScopeValues'];
      type?: components['schemas']['ScopeValues'];
      lifecycle?: components['schemas']['ScopeValues'];
      system?: components['schemas']['ScopeValues'];
      entities?: string[];
    };
    ScopeValues: string[];
    /**
     * draft (not asking anyone yet), active (asking, from its start date), completed (its deadline passed, or closed by hand), archived (hidden from the list by default).
     */
    CampaignState: 'draft' | 'active' | 'completed' | 'archived';
    /** A campaign as written by those allowed (`ops.campaign.manage`). */
    CampaignInput: {
      title: string;
      description?: string;
      /** The group that runs the campaign (an entity ref). */
      owner: string;
      target: components['schemas']['CampaignTarget'];
      scope: components['schemas']['CampaignScope'];
      /**
       * Format: date
       * The first day it asks (YYYY-MM-DD, UTC).
       */
      startsOn: string;
      /**
       * Format: date
       * The day it is due (YYYY-MM-DD, UTC; the end of that day).
       */
      deadline: string;
      state?: components['schemas']['CampaignState'];
    };
    /** A stored campaign: the input's fields (listed again rather than composed, because the input refuses unknown keys) and who wrote it when. */
    Campaign: {
      id: string;
      title: string;
      description?: string;
      owner: string;
      target: components['schemas']['CampaignTarget'];
      scope: components['schemas']['CampaignScope'];
      /** Format: date */
      startsOn: string;
      /** Format: date */
      deadline: string;
      state: components['schemas']['CampaignState'];
      createdBy: string;
      /** Format: date-time */
      createdAt: string;
      updatedBy?: string;
      /** Format: date-time */
      updatedAt: string;
    };
    /** Entities in scope and how many reached the target, with or without a waiver. */
    CampaignCounts: {
      inScope: number;
      /** Reached the target without a waiver. */
      done: number;
      /** Reached the target thanks to an approved waiver. */
      waived: number;
      notDone: number;
    };
    /** A campaign and its progress in the latest stored evaluation. */
    CampaignSummary: {
      campaign: components['schemas']['Campaign'];
      progress: components['schemas']['CampaignCounts'];
    };
    CampaignList: {
      items: components['schemas']['CampaignSummary'][];
    };
    CampaignOwnerProgress: components['schemas']['CampaignCounts'] & {
      /** The owner ref; empty for entities without one. */
      owner: string;
    };
    /** The campaign's counts after one evaluation: the burn-up chart's data. The scope is evaluated each time, so `inScope` follows entities that enter or leave it. */
    CampaignPoint: components['schemas']['CampaignCounts'] & {
      /** Format: date-time */
      evaluatedAt: string;
    };
    /** An entity in scope and what it still fails of the target. */
    CampaignEntity: {
      entityRef: string;
      title?: string;
      owner?: string;

      state: 'done' | 'waived' | 'not-done';
      /** For a level target, the entity's level on that scorecard. */
      level?: components['schemas']['Level'];
      /** The target's checks it fails (for a level target, that scorecard's). */
      failing: string[];
    };
    CampaignDetail: {
      campaign: components['schemas']['Campaign'];
      progress: components['schemas']['CampaignCounts'];
      /**
       * Format: date-time
       * When the evaluation the progress comes from finished.
       */
      evaluatedAt?: string;
      owners: components['schemas']['CampaignOwnerProgress'][];
      points: components['schemas']['CampaignPoint'][];
      /** The entities not done yet, fewest failing checks first (at most `limit`). */
      remaining: components['schemas']['CampaignEntity'][];
      remainingCount?: number;
    };
    /** An active campaign that asks this entity, and where it stands. */
    EntityCampaign: {
      campaign: components['schemas']['Campaign'];
      entity: components['schemas']['CampaignEntity'];
    };
    EntityCampaignList: {
      items: components['schemas']['EntityCampaign'][];
    };
    WaiverConflict: components['schemas']['Error'] & {
      waiver: components['schemas']['StoredWaiver'];
    };
    SignOffRequest: {
      itemId: string;
      version?: string;
      environment?: string;
      comment?: string;
    };
    WaiverRequest: {
      checkId: string;
      reason: string;
      /**
       * Format: date-time
       * ISO timestamp in the future.
       */
      expiresAt: string;
    };
    WaiverDecision: {
      decision: 'approve' | 'deny';
      comment: string;
    };
    Health: {
      status: 'ok';
    };
    RefreshStarted: {
      status: 'started';
    };
    /** Which entities a check applies to; an omitted list matches everything. */
    CheckApplicability: {
      kinds?: string[];
      types?: string[];
      tiers?: components['schemas']['Tier'][];
      lifecycles?: string[];
    };
    ScorecardDefinition: {
      id: string;
      title: string;
      description: string;
    };
    CheckDefinition: {
      id: string;
      scorecard: string;
      title: string;
      description: string;
      howToFix: string;
      level: components['schemas']['CheckLevel'];
      weight: number;
      appliesTo?: components['schemas']['CheckApplicability'];
      /**
       * Format: date
       * Announced ahead (`ops.scoring.checks.\<id\>.countsFrom`): until this date the check is shown but does not change scores or levels.
       */
      countsFrom?: string;
    };
    Checks: {
      scorecards: components['schemas']['ScorecardDefinition'][];
      checks: components['schemas']['CheckDefinition'][];
      /** Credit a `warn` earns towards the score (0–1). */
      warnCredit: number;
    };
    /** A recorded exception that turns a failing check into `waived` until it expires. */
    Waiver: {
      checkId: string;
      reason: string;
      /** Format: date-time */
      expiresAt: string;
      by: string;
      /** Format: date-time */
      createdAt?: string;
    };
    /** A waiver or a request for one, with its decision, its revocation and whether it applies now. Only an approved waiver that is neither revoked nor expired turns a failing check into `waived`. */
    StoredWaiver: {
      id: string;
      entityRef: string;
      checkId: string;
      reason: string;
      /** Format: date-time */
      expiresAt: string;
      /** Who asked (or, for a waiver written by an approver, who wrote it). */
      by: string;
      /** Format: date-time */
      createdAt: string;
      /**
       * pending (asked, not decided), approved, denied, revoked, or expired (approved or pending once `expiresAt` has passed).
       */
      status: 'pending' | 'approved' | 'denied' | 'revoked' | 'expired';
      decidedBy?: string;
      /** Format: date-time */
      decidedAt?: string;
      decisionComment?: string;
      /** Format: date-time */
      revokedAt?: string;
      revokedBy?: string;
      revokeReason?: string;
      /** Approved, not revoked and not expired at the time of reading. */
      active: boolean;
    };
    StoredSignOff: {
      id: number;
      entityRef: string;
      itemId: string;
      version?: string;
      environment?: string;
      /** User or service that signed, as an entity ref or service principal. */
      by: string;
      /** Format: date-time */
      at: string;
      comment?: string;
    };
    StatusCounts: {
      pass: number;
      fail: number;
      warn: number;
      waived: number;
      'not-applicable': number;
    };
    LevelCounts: {
      none: number;
      bronze: number;
      silver: number;
      gold: number;
    };
    /** Check id → number of entities failing it. */
    CountsByCheck: {
      [key: string]: number;
    };
    CheckResult: {
      checkId: string;
      title: string;
      level: components['schemas']['CheckLevel'];
      weight: number;
      status: components['schemas']['CheckStatus'];
      message: string;
      howToFix: string;
      waiver?: components['schemas']['Waiver'];
      /**
       * Format: date
       * The check counts from this date on; until then its status is not-applicable (score and level as without it) and the message says what it would be.
       */
      countsFrom?: string;
    };
    ScorecardResult: {
      scorecard: string;
      title: string;
      score: components['schemas']['Score'];
      level: components['schemas']['Level'];
      results: components['schemas']['CheckResult'][];
      counts: components['schemas']['StatusCounts'];
    };
    ScorecardScore: {
      score: components['schemas']['Score'];
      level: components['schemas']['Level'];
    };
    /** Scorecard id → its score and level. */
    ScorecardScores: {
      [key: string]: components['schemas']['ScorecardScore'];
    };
    /** One SLO's live value in one environment. */
    LiveSlo: {
      slo: string;
      /** Position in the profile's SLOs. */
      index: number;
      /** The objective as it reads now (`\< 200 ms`). */
      objective: string;
      environment: string;

      unit: 'ms' | 's' | 'percent' | 'ratio' | 'count' | 'rps';
      value: number | null;

      state: 'met' | 'breached' | 'alerting' | 'stale' | 'error' | 'unmeasured';
      /** Format: date-time */
      observedAt: string | null;
      /** Format: date-time */
      checkedAt: string | null;
      error?: string;
      /**
       * For stale values, what was measured before the source became unreachable.
       */
      lastKnown?: 'met' | 'breached' | 'alerting';
    };
    /** Production SLOs measured live. */
    LiveSloSummary: {
      environment: string;
      total: number;
      met: number;
      breached: number;
      alerting: number;
      /** Stale, errored or never measured. */
      unknown: number;
      /**
       * Format: date-time
       * The oldest observation among them.
       */
      observedAt: string | null;
      slos: components['schemas']['LiveSlo'][];
    };
    BudgetHistory: {
      entityRef: string;
      /** The first day asked (YYYY-MM-DD, UTC). */
      since: string;
      series: {
        environment: string;
        slo: string;
        points: {
          day: string;
          /** Share of the budget left at the day's last measurement (below 0 when overspent). */
          remaining: number;
        }[];
      }[];
    };
    /** Production's worst error budget: the SLO with an `sli` that has the least budget left, from the stored `budget/…` facts. */
    ProductionBudget: {
      environment: string;
      /** The SLO with the least budget left (the first when none is measured). */
      slo: string;
      /** Its share of the budget left (below 0 when overspent); null when no SLO saw events. */
      remaining: number | null;
      exhausted: boolean;
      /** A page-level burn-rate condition holds for some production SLO. */
      paging: boolean;
      /** Some production budget is stale, failed or not measured yet. */
      incomplete: boolean;
      /** Production SLOs with an `sli`. */
      total: number;
      /** How many of them have a budget stored. */
      measured: number;
      /**
       * Format: date-time
       * The oldest observation among them.
       */
      observedAt: string | null;
    };
    /** One entity's row in the catalog-wide compliance list. */
    ComplianceRow: {
      entityRef: string;
      kind: string;
      type?: string;
      lifecycle?: string;
      owner?: string;
      system?: string;
      title?: string;
      /** The tier whose policy applied (declared, else the org's fallback). */
      tier: string;
      /** Whether the entity declares a tier and ops data at all. */
      declaredTier: boolean;
      score: components['schemas']['Score'];
      level: components['schemas']['Level'];
      scorecards: components['schemas']['ScorecardScores'];
      failingChecks: string[];
      warningChecks: string[];
      errorCount: number;
      warningCount: number;
      slos?: components['schemas']['LiveSloSummary'];
      budget?: components['schemas']['ProductionBudget'];
    };
    /** One catalog-wide evaluation run and its totals. */
    EvaluationRun: {
      id: number;

      status: 'running' | 'succeeded' | 'failed';
      trigger?: string;
      /** Format: date-time */
      startedAt: string;
      /** Format: date-time */
      finishedAt?: string;
      error?: string;
      entityCount: number;
      averageScore: components['schemas']['Score'];
      levelCounts: components['schemas']['LevelCounts'];
      failingCounts: components['schemas']['CountsByCheck'];
      /** Entities re-scored into this run since it completed (a sign-off, a waiver, a catalog change); 0 when none. */
      revision?: number;
      /**
       * Format: date-time
       * When an entity was last re-scored into this run.
       */
      rescoredAt?: string;
      /** The run whose stored rows this run serves. A run that found nothing changed keeps the rows of the run before it instead of copying them; absent when the run stored its own. */
      rowsOf?: number;
    };
    CompliancePage: {
      evaluation?: components['schemas']['EvaluationRun'];
      items: components['schemas']['ComplianceRow'][];
      totalItems: number;
      /** Rows before this page (0 on the first). */
      offset: number;
      nextCursor?: string;
      /** Whether the served evaluation should be trusted. */
      stale: boolean;
      /** Why not, when it is stale. */
      reason?: string;
      /** The last run was interrupted (its backend stopped mid-run) and the scheduler runs it again by itself: a manual refresh would only wait for it. */
      retrying?: boolean;
    };
    OwnerRollup: {
      owner: string;
      entityCount: number;
      averageScore: components['schemas']['Score'];
      levelCounts: components['schemas']['LevelCounts'];
    };
    /** The compliance of what a group owns (with its child groups, through `spec.children` and `spec.parent`), or of what a system or a domain (through its systems) contains, from the served evaluation. */
    Rollup: {
      entityRef: string;
      /** The groups whose entities count (the group and every group under it), or the systems (the system, or a domain's systems). */
      members: string[];
      entityCount: number;
      averageScore: components['schemas']['Score'];
      levelCounts: components['schemas']['LevelCounts'];
      failingCounts: components['schemas']['CountsByCheck'];
      /** The lowest-scoring entities first, a page of them. */
      worst: components['schemas']['ComplianceRow'][];
      nextCursor?: string;
    };
    ComplianceSummary: {
      evaluation?: components['schemas']['EvaluationRun'];
      entityCount: number;
      averageScore: components['schemas']['Score'];
      levelCounts: components['schemas']['LevelCounts'];
      failingCounts: components['schemas']['CountsByCheck'];
      owners: components['schemas']['OwnerRollup'][];
      /** The newest run, whatever its outcome. */
      lastRun: components['schemas']['EvaluationRun'] | null;
      /** Whether the served evaluation should be trusted. */
      stale: boolean;
      /** Why not, when it is stale. */
      reason?: string;
      /** The last run was interrupted (its backend stopped mid-run) and the scheduler runs it again by itself: a manual refresh would only wait for it. */
      retrying?: boolean;
    };
    ComplianceExport: {
      evaluation: components['schemas']['EvaluationRun'] | null;
      items: components['schemas']['ComplianceRow'][];
    };
    TrendPoint: {
      evaluationId: number;
      /** Format: date-time */
      at: string;
      entityCount: number;
      averageScore: components['schemas']['Score'];
      levelCounts: components['schemas']['LevelCounts'];
    };
    ComplianceTrend: {
      owner: string | null;
      points: components['schemas']['TrendPoint'][];
    };
    HistoryPoint: {
      evaluationId: number;
      /** Format: date-time */
      at: string;
      score: components['schemas']['Score'];
      level: components['schemas']['Level'];
      scorecards: components['schemas']['ScorecardScores'];
      failingCount: number;
    };
    EntityHistory: {
      entityRef: string;
      items: components['schemas']['HistoryPoint'][];
    };
    SignOffList: {
      items: components['schemas']['StoredSignOff'][];
    };
    WaiverList: {
      items: components['schemas']['StoredWaiver'][];
    };
    /** A finding about ops data, in words a person can act on. */
    OpsIssue: {
      /** Where in the data (`slos[0].alert.value`). */
      path: string;

      severity: 'error' | 'warning';
      message: string;
      /** Which input the path refers to (`ops.yaml`, `annotation opskit.io/slos`). */
      source?: string;
    };
    /** Any JSON value a fact provider returned. */
    FactValue: unknown;
    /** What a fact provider last observed about the entity. */
    EntityFact: {
      provider: string;
      name: string;
      value: components['schemas']['FactValue'];
      /** Format: date-time */
      observedAt: string | null;
      /** Format: date-time */
      checkedAt: string;
      error?: string;
      /** The last attempt could not reach the source; `value` is older than `checkedAt`. */
      stale: boolean;
    };
    /** The entity's merged, validated ops model. Each section has the shape of the same section in ops.yaml after normalisation (the JSON Schema `ops-descriptor.schema.json` of \@opskit/plugin-ops-common describes them; ops-common's `OpsProfile` type is their exact type). `sources` says where each section came from. */
    OpsProfile: {
      entityRef: string;
      kind: string;
      type?: string;
      lifecycle?: string;
      owner?: string;
      system?: string;
      tier?: components['schemas']['Tier'];
      effectiveTier: components['schemas']['Tier'];
      runbook?: string;
      /** Other tools' annotations this entity carries, reused by reference. */
      references: {
        pagerDutyServiceId?: string;
        pagerDutyIntegrationKey?: string;
        opsgenieComponentSelector?: string;
        opsgenieTeam?: string;
        grafanaDashboardSelector?: string;
        grafanaAlertLabelSelector?: string;
        techdocsRef?: string;
        prometheusRule?: string;
        prometheusAlert?: string;
      };
      /** Resource refs from `spec.dependsOn`, the data stores that need backups. */
      dataStores: string[];
      /** Section → where its value came from. */
      sources: {
        [key: string]: 'annotation' | 'descriptor' | 'defaults';
      };
      environments?: {
        [key: string]: unknown;
      }[];
      deployment?: {
        [key: string]: unknown;
      };
      slos?: {
        [key: string]: unknown;
      }[];
      monitoring?: {
        [key: string]: unknown;
      };
      logging?: {
        [key: string]: unknown;
      };
      severities?: {
        [key: string]: unknown;
      }[];
      escalation?: {
        [key: string]: unknown;
      }[];
      backups?: {
        [key: string]: unknown;
      }[];
      recovery?: {
        [key: string]: unknown;
      };
      versionHistory?: {
        [key: string]: unknown;
      }[];
      /** Runbook chapters OpsKit does not read, kept to show as written. */
      notes?: {
        title: string;
        /** Markdown, as the runbook wrote it */
        body: string;
      }[];
      /** The file the entity's ops data was read from, when the catalog module read one. */
      descriptorFile?: {
        format: 'ops' | 'runbook';
        /** As the ops-ref names it, e.g. `docs/runbook.md` */
        path: string;
        /** Where a person reads the file (its SCM page) */
        url?: string;
      };
    };
    /** One entity's ops data, evaluated now, plus what is stored for it. */
    EntityOps: {
      entityRef: string;
      /** Format: date-time */
      evaluatedAt: string;
      profile: components['schemas']['OpsProfile'];
      issues: components['schemas']['OpsIssue'][];
      scorecards: components['schemas']['ScorecardResult'][];
      /** Each escalation target as written → the catalog user or group it resolves to, or null. */
      escalationTargets: {
        [key: string]: string | null;
      };
      signOffs: components['schemas']['StoredSignOff'][];
      /** Active waivers and pending requests (only active ones waive a check). */
      waivers: components['schemas']['StoredWaiver'][];
      /** The entity's row in the latest stored evaluation. */
      latest: components['schemas']['ComplianceRow'] | null;
      facts: components['schemas']['EntityFact'][];
    };
  };
  responses: {
    /** An error: 400 bad input (the message names the field), 401 no or bad token, 403 missing permission, 404 unknown or invisible entity, 409 conflict. */
    ErrorResponse: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['Error'];
      };
    };
  };
  parameters: {
    kind: string;
    namespace: string;
    name: string;
    /** Owner entity ref (group:default/team or team); repeat for several. */
    owner: string[];
    filterKind: string[];
    type: string[];
    lifecycle: string[];
    tier: components['schemas']['Tier'][];
    system: string[];
    /** A group ref: entities owned by it or by any group under it (`spec.children`/`spec.parent`), as its roll-up counts them; repeat for several. */
    group: string[];
    /** A domain ref: entities in the systems of that domain, as its roll-up counts them; repeat for several. */
    domain: string[];
    /** With `level`, that scorecard's level; alone, entities the scorecard applies to. */
    scorecard: string;
    level: components['schemas']['Level'][];
    failingCheck: string[];
    /** Entities whose worst production error budget has less than this percentage left (25: below 25 %; 0: overspent). Entities without a measured budget never match. */
    budgetBelow: number;
    /** Case-insensitive text in the entity ref or title. */
    text: string;
    sort: components['schemas']['SortField'];
    order: 'asc' | 'desc';
  };
  requestBodies: never;
  headers: never;
  pathItems: never;
}
export type $defs = Record<string, never>;
/** @public */
export interface operations {
  Health: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** OK */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Health'];
        };
      };
    };
  };
  GetChecks: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Scorecards and checks */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Checks'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetEntityOps: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The entity's ops data */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityOps'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetEntityHistory: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Score changes over time, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityHistory'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetEntityBudgetHistory: {
    parameters: {
      query?: {
        /** How many days back, today included (28 unless given). */
        days?: number;
      };
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Budget left per SLO and day */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BudgetHistory'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListSignOffs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Sign-offs, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SignOffList'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  CreateSignOff: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SignOffRequest'];
      };
    };
    responses: {
      /** The recorded sign-off */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredSignOff'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListWaivers: {
    parameters: {
      query?: {
        includeInactive?: boolean;
      };
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Waivers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WaiverList'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  CreateWaiver: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WaiverRequest'];
      };
    };
    responses: {
      /** The waiver */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredWaiver'];
        };
      };
      /** A waiver of this check is already active or asked for the entity (one at a time); the body carries it. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WaiverConflict'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListWaiverRequests: {
    parameters: {
      query?: {
        status?: 'pending' | 'approved' | 'denied' | 'revoked' | 'expired';
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Waivers */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WaiverList'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  DecideWaiver: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WaiverDecision'];
      };
    };
    responses: {
      /** The decided waiver */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredWaiver'];
        };
      };
      /** The request is no longer pending; the body carries it. */
      409: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WaiverConflict'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  RevokeWaiver: {
    parameters: {
      query?: {
        reason?: string;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The revoked waiver */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StoredWaiver'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListCampaigns: {
    parameters: {
      query?: {
        state?: components['schemas']['CampaignState'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Campaigns */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignList'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  CreateCampaign: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CampaignInput'];
      };
    };
    responses: {
      /** The campaign */
      201: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetCampaign: {
    parameters: {
      query?: {
        limit?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The campaign */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CampaignDetail'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  UpdateCampaign: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CampaignInput'];
      };
    };
    responses: {
      /** The campaign */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Campaign'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListEntityCampaigns: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        kind: components['parameters']['kind'];
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Campaigns */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['EntityCampaignList'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ListCompliance: {
    parameters: {
      query?: {
        /** Owner entity ref (group:default/team or team); repeat for several. */
        owner?: components['parameters']['owner'];
        kind?: components['parameters']['filterKind'];
        type?: components['parameters']['type'];
        lifecycle?: components['parameters']['lifecycle'];
        tier?: components['parameters']['tier'];
        system?: components['parameters']['system'];
        /** A group ref: entities owned by it or by any group under it (`spec.children`/`spec.parent`), as its roll-up counts them; repeat for several. */
        group?: components['parameters']['group'];
        /** A domain ref: entities in the systems of that domain, as its roll-up counts them; repeat for several. */
        domain?: components['parameters']['domain'];
        /** With `level`, that scorecard's level; alone, entities the scorecard applies to. */
        scorecard?: components['parameters']['scorecard'];
        level?: components['parameters']['level'];
        failingCheck?: components['parameters']['failingCheck'];
        /** Entities whose worst production error budget has less than this percentage left (25: below 25 %; 0: overspent). Entities without a measured budget never match. */
        budgetBelow?: components['parameters']['budgetBelow'];
        /** Case-insensitive text in the entity ref or title. */
        q?: components['parameters']['text'];
        sort?: components['parameters']['sort'];
        order?: components['parameters']['order'];
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** A page of compliance records */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['CompliancePage'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetComplianceSummary: {
    parameters: {
      query?: {
        /** Owner entity ref (group:default/team or team); repeat for several. */
        owner?: components['parameters']['owner'];
        kind?: components['parameters']['filterKind'];
        type?: components['parameters']['type'];
        lifecycle?: components['parameters']['lifecycle'];
        tier?: components['parameters']['tier'];
        system?: components['parameters']['system'];
        /** A group ref: entities owned by it or by any group under it (`spec.children`/`spec.parent`), as its roll-up counts them; repeat for several. */
        group?: components['parameters']['group'];
        /** A domain ref: entities in the systems of that domain, as its roll-up counts them; repeat for several. */
        domain?: components['parameters']['domain'];
        /** With `level`, that scorecard's level; alone, entities the scorecard applies to. */
        scorecard?: components['parameters']['scorecard'];
        level?: components['parameters']['level'];
        failingCheck?: components['parameters']['failingCheck'];
        /** Entities whose worst production error budget has less than this percentage left (25: below 25 %; 0: overspent). Entities without a measured budget never match. */
        budgetBelow?: components['parameters']['budgetBelow'];
        /** Case-insensitive text in the entity ref or title. */
        q?: components['parameters']['text'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Totals, per-owner roll-up, evaluation status and staleness */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ComplianceSummary'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetRollup: {
    parameters: {
      query?: {
        limit?: number;
        cursor?: string;
      };
      header?: never;
      path: {
        kind: 'group' | 'system' | 'domain';
        namespace: components['parameters']['namespace'];
        name: components['parameters']['name'];
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The roll-up */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['Rollup'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  ExportCompliance: {
    parameters: {
      query?: {
        format?: 'csv' | 'json';
        /** Owner entity ref (group:default/team or team); repeat for several. */
        owner?: components['parameters']['owner'];
        kind?: components['parameters']['filterKind'];
        type?: components['parameters']['type'];
        lifecycle?: components['parameters']['lifecycle'];
        tier?: components['parameters']['tier'];
        system?: components['parameters']['system'];
        /** A group ref: entities owned by it or by any group under it (`spec.children`/`spec.parent`), as its roll-up counts them; repeat for several. */
        group?: components['parameters']['group'];
        /** A domain ref: entities in the systems of that domain, as its roll-up counts them; repeat for several. */
        domain?: components['parameters']['domain'];
        /** With `level`, that scorecard's level; alone, entities the scorecard applies to. */
        scorecard?: components['parameters']['scorecard'];
        level?: components['parameters']['level'];
        failingCheck?: components['parameters']['failingCheck'];
        /** Entities whose worst production error budget has less than this percentage left (25: below 25 %; 0: overspent). Entities without a measured budget never match. */
        budgetBelow?: components['parameters']['budgetBelow'];
        /** Case-insensitive text in the entity ref or title. */
        q?: components['parameters']['text'];
        sort?: components['parameters']['sort'];
        order?: components['parameters']['order'];
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** The whole filtered list */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/csv': string;
          'application/json': components['schemas']['ComplianceExport'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  GetComplianceTrend: {
    parameters: {
      query?: {
        owner?: string;
        limit?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Totals per evaluation, oldest first */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ComplianceTrend'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
  RefreshCompliance: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** Started */
      202: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RefreshStarted'];
        };
      };
      default: components['responses']['ErrorResponse'];
    };
  };
}
