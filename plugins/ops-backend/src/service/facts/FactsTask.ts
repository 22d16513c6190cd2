import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { FactCollector } from './FactCollector';

export const FACTS_TASK_ID = 'ops-facts';

/**
 * Fact collection as a scheduled task (`scope: global`), on its own schedule:
 * Prometheus is asked every few minutes while the catalog-wide evaluation
 * runs every half hour. When facts changed (a value, an error, staleness;
 * not merely a newer observation of the same value), the evaluation is
 * started at once, so scorecards follow the live values; it re-scores only
 * the entities whose facts changed. No state lives in this process, so any
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
        try {
          const result = await collector.run(signal);
          changed = result.changed;
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

  /** Starts a collection now; resolves once the scheduler accepted it (409 when one is running). */
  trigger(): Promise<void> {
    return this.options.scheduler.triggerTask(FACTS_TASK_ID);
  }
}
