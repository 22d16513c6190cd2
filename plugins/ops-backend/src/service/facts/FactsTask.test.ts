import { mockServices } from '@backstage/backend-test-utils';
import type { FactCollector, FactRunResult } from './FactCollector';
import { FactsTask, FOLLOWED_AT_MOST } from './FactsTask';

/** A collection that changed the facts of `refs`, and what the task did after it. */
async function afterCollection(
  refs: string[],
  rescore?: (refs: string[]) => Promise<boolean>,
  gone = 0,
) {
  let fn: (signal: AbortSignal) => Promise<void> = async () => {};
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      fn = task.fn as typeof fn;
    },
  });
  const result: FactRunResult = {
    entities: 10,
    collected: refs.length,
    failed: 0,
    changed: refs.length,
    written: refs.length,
    changedRefs: refs,
    gone,
  };
  const collector = { run: async () => result } as unknown as FactCollector;
  const evaluate = jest.fn(async () => {});
  const logger = mockServices.logger.mock();
  const task = new FactsTask({
    scheduler,
    collector,
    schedule: { frequency: { minutes: 5 }, timeout: { minutes: 1 } },
    logger,
    evaluate,
    rescore,
  });
  await task.start();
  await fn(new AbortController().signal);
  return { evaluate, logger };
}

describe('FactsTask', () => {
  const refs = ['component:default/a', 'component:default/b'];

  it('re-scores a few entities whose facts changed instead of starting the evaluation', async () => {
    const rescore = jest.fn(async () => true);
    const { evaluate, logger } = await afterCollection(refs, rescore);
    expect(rescore).toHaveBeenCalledWith(refs);
    expect(evaluate).not.toHaveBeenCalled();
    expect(logger.info).toHaveBeenCalledWith(
      'ops facts changed for 2 entities; re-scored them into the served run',
    );
  });

  it('starts the evaluation for many, without a served run, after a failed re-score, and without a re-scorer', async () => {
    const many = Array.from(
      { length: FOLLOWED_AT_MOST + 1 },
      (_, i) => `component:default/s${i}`,
    );
    const rescore = jest.fn(async () => true);
    expect((await afterCollection(many, rescore)).evaluate).toHaveBeenCalled();
    expect(rescore).not.toHaveBeenCalled();
    expect(
      (await afterCollection(refs, async () => false)).evaluate,
    ).toHaveBeenCalled();
    const failed = await afterCollection(refs, async () => {
      throw new Error('catalog down');
    });
    expect(failed.evaluate).toHaveBeenCalled();
    expect(failed.logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(/re-scoring 2 entities failed.*catalog down/),
    );
    expect((await afterCollection(refs)).evaluate).toHaveBeenCalled();
    // An entity gone from the catalog: its rows go with a full run.
    const withGone = await afterCollection(refs, rescore, 1);
    expect(withGone.evaluate).toHaveBeenCalled();
    expect(rescore).not.toHaveBeenCalled();
    expect(
      (await afterCollection([], rescore)).evaluate,
    ).not.toHaveBeenCalled();
  });
});
