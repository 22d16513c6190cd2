import type { LoggerService, SchedulerService, SchedulerServiceTaskScheduleDefinition } from '@backstage/backend-plugin-api';
import type { FactCollector } from './FactCollector';

export const FACTS_TASK_ID = 'ops-facts';

/**
 * Fact collection as a scheduled task (`scope: global`), on its own schedule:
 * Prometheus is asked every few minutes while the catalog-wide evaluation
 * runs every half hour. When facts changed, the evaluation is started at
 * once, so scorecards follow the live values; it re-scores only the
 * entities whose facts changed.
 */
export class FactsTask {
  private evaluateAfter = false;

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
      fn: async () => {
        const forced = this.evaluateAfter;
        this.evaluateAfter = false;
        const started = Date.now();
        let changed = 0;
        try {
          const result = await collector.run();
          changed = result.changed;
          logger.info(
            `ops facts: ${result.collected} collected, ${result.failed} failed, ${result.changed} changed over ${result.entities} entities in ${Date.now() - started} ms`,
          );
        } catch (error) {
          // The catalog or the store failed: every stored fact stays as it was.
          logger.warn(`ops fact collection failed; stored facts are kept: ${(error as Error).message}`);
        }
        if (changed > 0 || forced) {
          await this.options.evaluate().catch(error => logger.info(`ops facts changed; evaluation not started now (${(error as Error).message}), the next one scores them`));
        }
      },
    });
  }

  /** Collects now, then evaluates: what the refresh endpoint does when providers are installed. */
  async trigger(): Promise<void> {
    // Set first: some schedulers run the task inside triggerTask. A refused trigger (409) must not force the next scheduled run.
    this.evaluateAfter = true;
    try {
      await this.options.scheduler.triggerTask(FACTS_TASK_ID);
    } catch (error) {
      this.evaluateAfter = false;
      throw error;
    }
  }
}
