import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { scoreEntities, type ScoringContext } from './scoreEntities';

/** This module's own file (src/….ts in development, dist/….cjs.js when built): the worker's entry point. */
export const SCORE_WORKER_FILE = __filename;

/** The worker side: receives a run's context, then pages of entities, and answers with rows. */
function runScoreWorker() {
  let context: ScoringContext | undefined;
  parentPort!.on('message', message => {
    if (message.type === 'context') {
      context = { ...message.context, known: new Set(message.context.known) };
      return;
    }
    try {
      if (!context) throw new Error('no scoring context');
      parentPort!.postMessage({ id: message.id, rows: scoreEntities(message.items, context) });
    } catch (error) {
      parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) });
    }
  });
}

if (!isMainThread && workerData?.opskitScoreWorker) runScoreWorker();
