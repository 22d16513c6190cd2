import type { SchedulerServiceTaskScheduleDefinitionConfig } from '@backstage/backend-plugin-api';

export interface Config {
  ops?: {
    /**
     * Organisation defaults per tier, merged under each service's own ops data
     * (annotation > ops.yaml > these). See the README's config reference.
     */
    defaults?: {
      /** Tier whose policy applies to services that declare none. Default tier-3. */
      fallbackTier?: 'tier-1' | 'tier-2' | 'tier-3' | 'tier-4';
      /** Default incident severities (same shape as ops.yaml `incident.severities`). */
      severities?: Array<{
        id: string;
        description?: string;
        responseTime: string;
      }>;
      /** Default logging section (same shape as ops.yaml `logging`). */
      logging?: {
        levels?: string[];
        format?: string;
        fields?: string[];
        destination?: string;
      };
      /** Default deployment checklist items (same shape as ops.yaml `deployment.checklist`). */
      checklist?: Array<{
        id: string;
        title: string;
        required?: boolean;
        signOff?: string;
      }>;
      /** Minimums per tier: required SLO indicators, backup retention, recovery test age, escalation levels, seed SLOs. */
      tiers?: {
        [tier: string]: {
          requiredIndicators?: string[];
          /** e.g. 30d */
          minBackupRetention?: string;
          /** e.g. 180d */
          recoveryTestMaxAge?: string;
          minEscalationLevels?: number;
          slos?: Array<Record<string, unknown>>;
        };
      };
    };
    /** Checks without code (README: "Checks without code"). */
    checks?: {
      /**
       * Declarative checks over each entity's profile and facts, scored like
       * the built-in ones (in the worker threads too). The backend refuses to
       * start when one is invalid, naming the key.
       */
      custom?: Array<{
        /** A lower-case slug, unique among all checks. */
        id: string;
        /** deployment or monitoring. */
        scorecard: string;
        title: string;
        description: string;
        howToFix: string;
        /** bronze, silver or gold. */
        level: string;
        /** Default 1. */
        weight?: number;
        appliesTo?: {
          kinds?: string[];
          types?: string[];
          tiers?: string[];
          lifecycles?: string[];
        };
        /** YYYY-MM-DD: announced, counts from that day (UTC). */
        countsFrom?: string;
        /** fail (default) or warn. */
        onFail?: string;
        passMessage?: string;
        /**
         * A condition (`path` plus one of exists, equals, oneOf, matches,
         * atLeast, atMost, greaterThan, lessThan, count, every, some) or
         * all/any/not of rules.
         */
        rule: { [key: string]: unknown };
      }>;
    };
    /** Check overrides: disable, weight, level, applicability. */
    scoring?: {
      /** Credit a warning earns towards a score, 0 to 1. Default 0.5. */
      warnCredit?: number;
      checks?: {
        [checkId: string]: {
          enabled?: boolean;
          weight?: number;
          level?: 'bronze' | 'silver' | 'gold';
          appliesTo?: {
            kinds?: string[];
            types?: string[];
            tiers?: string[];
            lifecycles?: string[];
          };
          /** YYYY-MM-DD: announce the check; until that day (UTC) it is shown but changes no score or level. */
          countsFrom?: string;
        };
      };
    };
    /**
     * When the catalog-wide evaluation runs. Default: every 30 minutes, 10
     * seconds after start, timeout 15 minutes.
     */
    schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
    evaluation?: {
      /** Entity kinds evaluated catalog-wide. Default [Component]. */
      kinds?: string[];
      /** After this long without a successful evaluation the data is flagged stale. Default 24h. */
      staleAfter?: string;
      /**
       * Worker threads that parse and score entities during an evaluation.
       * Default: the number of cores minus one (at least 1); 0 scores in the
       * main thread.
       */
      workers?: number;
    };
    retention?: {
      /** How long evaluation trends and score history are kept. Default 90d. */
      history?: string;
    };
    /**
     * Regression notifications: after each evaluation, the owning group of an
     * entity whose level dropped or whose check started failing is notified
     * once per regression (needs the notifications plugin).
     */
    /**
     * Live facts: fact providers added by backend modules (such as
     * @opskit/plugin-ops-backend-module-prometheus) run on this schedule and
     * their observations are stored; the next evaluation scores with them.
     */
    facts?: {
      /** Default every 5 minutes, timeout 4 minutes, initial delay 5 seconds. */
      schedule?: SchedulerServiceTaskScheduleDefinitionConfig;
      /** Per provider and entity, e.g. 10s (default). A provider that times out keeps its old facts, marked stale. */
      timeout?: string;
      /** Entities collected at once per provider. Default 8. */
      concurrency?: number;
    };
    /** Waivers as requests: asked with ops.waiver.request, decided with ops.waiver.manage. */
    waivers?: {
      /** How far ahead a waiver may expire, e.g. 90d (default). */
      maxDuration?: string;
      /** Requests approved at once: for these check ids, or for entities of these tiers. */
      autoApprove?: {
        checks?: string[];
        tiers?: string[];
      };
      /** Entity refs (groups or users) notified of every new request, e.g. [group:default/sre]. */
      approvers?: string[];
    };
    campaigns?: {
      /** Notify owners at a campaign's start, before its deadline, and its owner at the deadline. Default true (when ops.notifications.enabled). */
      notifications?: boolean;
      /** How long before the deadline the reminder goes out, e.g. 7d (default). */
      reminderLeadTime?: string;
    };
    notifications?: {
      /** Default true. */
      enabled?: boolean;
      /** Check ids that never notify, e.g. [runbook-published]. */
      optOut?: string[];
    };
  };
}
