import { mockServices } from '@backstage/backend-test-utils';
import { ConflictError } from '@backstage/errors';
import { EVALUATION_TASK_ID, EvaluationTask } from './EvaluationTask';

describe('EvaluationTask', () => {
  function setup(triggerTask: jest.Mock) {
    let fn: () => Promise<void> = async () => {};
    const scheduler = mockServices.scheduler.mock({
      scheduleTask: jest.fn(async (task: any) => {
        fn = task.fn;
      }),
      triggerTask,
    });
    const run = jest.fn(async (_trigger: string) => ({} as any));
    const task = new EvaluationTask({
      scheduler,
      evaluator: { run } as any,
      schedule: { frequency: { minutes: 30 }, timeout: { minutes: 5 } },
      logger: mockServices.logger.mock(),
    });
    return { task, run, tick: () => fn(), scheduler };
  }

  it('registers a global task and labels runs by what started them', async () => {
    const { task, run, tick, scheduler } = setup(jest.fn(async () => {}));
    await task.start();
    expect(scheduler.scheduleTask).toHaveBeenCalledWith(
      expect.objectContaining({ id: EVALUATION_TASK_ID, scope: 'global' }),
    );
    await tick();
    await task.trigger();
    await tick();
    await tick();
    expect(run.mock.calls.map(([trigger]) => trigger)).toEqual([
      'schedule',
      'manual',
      'schedule',
    ]);
  });

  it('passes on a refused trigger (409) without relabelling the next scheduled run', async () => {
    const { task, run, tick } = setup(
      jest.fn(async () => {
        throw new ConflictError('task is currently running');
      }),
    );
    await task.start();
    await expect(task.trigger()).rejects.toThrow(ConflictError);
    await tick();
    expect(run).toHaveBeenCalledWith('schedule');
  });

  it('keeps the scheduler going when a run fails', async () => {
    const { task, run, tick } = setup(jest.fn());
    run.mockRejectedValueOnce(new Error('catalog down'));
    await task.start();
    await expect(tick()).resolves.toBeUndefined();
  });
});
