import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { FactCollector } from './FactCollector';

export const FACTS_TASK_ID = 'ops-facts';

/** Up to this many entities with changed facts are re-scored one by one; more start a full run. */
export const FOLLOWED_AT_MOST = 1000;

/**
 * Fact collection as a scheduled task (`scope: global`), on its own schedule:
 * Prometheus is asked every few minutes while the catalog-wide evaluation
 * runs every half hour. When facts changed (a value, an error, staleness;
 * not merely a newer observation of the same value), scorecards follow at
 * once: up to FOLLOWED_AT_MOST entities are re-scored into the served run
 * (as a sign-off is), more start the evaluation, which re-scores only the
 * entities whose facts changed. No state lives in this process, so any
 * replica may run it.
 */
export class FactsTask {
  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      collector: FactCollector;
      schedule: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
      /** Starts the catalog-wide evaluation; may refuse (409) when one is running. */
      evaluate: () => Promise<void>;
      /** Re-scores entities into the served run; false when there is none yet (the evaluation is started instead). */
      rescore?: (entityRefs: string[]) => Promise<boolean>;
    },
  ) {}

  async start(): Promise<void> {
    const { scheduler, collector, schedule, logger } = this.options;
    await scheduler.scheduleTask({
      id: FACTS_TASK_ID,
      scope: 'global',
      ...schedule,
      fn: async signal => {
        const started = Date.now();
        let changed = 0;
        let changedRefs: string[] = [];
        let gone = 0;
        try {
          const result = await collector.run(signal);
          changed = result.changed;
          changedRefs = result.changedRefs;
          gone = result.gone;
          logger.info(
            `ops facts: ${result.collected} collected, ${
              result.failed
            } failed, ${result.changed} changed (${
              result.written
            } entities written) over ${result.entities} entities in ${
              Date.now() - started
            } ms`,
          );
        } catch (error) {
          // The catalog or the store failed, or the run timed out: what was written stays, the rest as it was.
          logger.warn(
            `ops fact collection did not finish; stored facts are kept: ${
              (error as Error).message
            }`,
          );
        }
        // Entities that left the catalog are dropped by a full run: a re-score cannot read them.
        if (changed > 0 && gone === 0 && (await this.followed(changedRefs)))
          return;
        if (changed > 0) {
          await this.options
            .evaluate()
            .catch(error =>
              logger.info(
                `ops facts changed; evaluation not started now (${
                  (error as Error).message
                }), the next one scores them`,
              ),
            );
        }
      },
    });
  }

  /** Re-scores a few changed entities into the served run; false when the evaluation should run instead. */
  private async followed(refs: string[]): Promise<boolean> {
    const { rescore, logger } = this.options;
    if (!rescore || refs.length === 0 || refs.length > FOLLOWED_AT_MOST)
      return false;
    try {
      if (!(await rescore(refs))) return false;
      logger.info(
        `ops facts changed for ${refs.length} entities; re-scored them into the served run`,
      );
      return true;
    } catch (error) {
      logger.warn(
        `ops facts changed; re-scoring ${
          refs.length
        } entities failed, evaluating instead: ${(error as Error).message}`,
      );
      return false;
    }
  }

  /** Starts a collection now; resolves once the scheduler accepted it (409 when one is running). */
  trigger(): Promise<void> {
    return this.options.scheduler.triggerTask(FACTS_TASK_ID);
  }
}
