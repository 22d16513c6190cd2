import type {
  LoggerService,
  SchedulerService,
  SchedulerServiceTaskScheduleDefinition,
} from '@backstage/backend-plugin-api';
import type { CatalogEvaluator } from './CatalogEvaluator';

export const EVALUATION_TASK_ID = 'ops-catalog-evaluation';

/**
 * The catalog-wide evaluation as a scheduled task. `scope: global`: with
 * several backend replicas, one of them runs it at a time.
 */
export class EvaluationTask {
  private nextTrigger = 'schedule';

  constructor(
    private readonly options: {
      scheduler: SchedulerService;
      evaluator: CatalogEvaluator;
      schedule: SchedulerServiceTaskScheduleDefinition;
      logger: LoggerService;
    },
  ) {}

  async start(): Promise<void> {
    const { scheduler, evaluator, schedule, logger } = this.options;
    await scheduler.scheduleTask({
      id: EVALUATION_TASK_ID,
      scope: 'global',
      ...schedule,
      fn: async () => {
        const trigger = this.nextTrigger;
        this.nextTrigger = 'schedule';
        try {
          await evaluator.run(trigger);
        } catch (error) {
          // Already recorded as a failed run; the scheduler retries at the next tick.
          logger.debug(
            `ops evaluation task ended with an error: ${
              (error as Error).message
            }`,
          );
        }
      },
    });
  }

  /** Runs the evaluation now; ConflictError (409) when one is already running. */
  async trigger(): Promise<void> {
    // Labelled only once the scheduler accepted it: a refused trigger (409) must not relabel the next scheduled run.
    await this.options.scheduler.triggerTask(EVALUATION_TASK_ID);
    this.nextTrigger = 'manual';
  }
}
