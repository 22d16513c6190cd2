import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import {
  BUILT_IN_CHECKS,
  BUILT_IN_DEFAULTS,
  DEFAULT_SCORING_CONFIG,
  canonicalDescriptorText,
  createOpsDescriptor,
  customChecks,
  effectiveChecks,
} from '@opskit/plugin-ops-common';
import { scoreEntities, type ScoringContext } from './scoreEntities';

/** How many made-up entities a worker scores at startup (~0.2 s). */
const WARM_UP_ROUNDS = 400;

/**
 * Runs the scoring code on a made-up service a few hundred times (at
 * startup), so V8 has optimised it before the first real page arrives: the
 * first catalog-wide run is otherwise slowed by cold code.
 */
function warmUp(rounds: number) {
  const { text } = createOpsDescriptor(BUILT_IN_DEFAULTS, {
    tier: 'tier-2',
    environments: [
      { name: 'staging' },
      { name: 'production', url: 'https://warm-up.example.com' },
    ],
    onCallGroup: 'group:warm-up',
    backups: [
      { data: 'resource:warm-up-db', schedule: 'daily', retention: '30d' },
    ],
  });
  const descriptors = [text, canonicalDescriptorText(text)];
  const items = Array.from({ length: rounds }, (_, i) => ({
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: `warm-up-${i}`,
        annotations: {
          'opskit.io/descriptor': descriptors[i % 2],
          'opskit.io/escalation': 'group:a, group:b',
        },
      },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'group:warm-up',
      },
    },
  }));
  scoreEntities(items, {
    known: new Set(['group:default/warm-up']),
    defaults: BUILT_IN_DEFAULTS,
    scoring: DEFAULT_SCORING_CONFIG,
    now: Date.now(),
  });
}

/** This module's own file (src/….ts in development, dist/….cjs.js when built): the worker's entry point. */
export const SCORE_WORKER_FILE = __filename;

/** The worker side: receives a run's context, then pages of entities, and answers with rows. */
function runScoreWorker() {
  let context: ScoringContext | undefined;
  parentPort!.on('message', message => {
    if (message.type === 'ping') {
      try {
        warmUp(WARM_UP_ROUNDS);
      } catch {
        // Only a warm-up: real pages report their own errors.
      }
      parentPort!.postMessage({ type: 'ready' });
      return;
    }
    if (message.type === 'context') {
      const received: ScoringContext = message.context;
      context = {
        ...received,
        known: new Set(received.known),
        // Custom checks came as data: compiled here once per run, in the main thread's order.
        ...(received.custom?.length
          ? {
              checks: effectiveChecks(
                [...BUILT_IN_CHECKS, ...customChecks(received.custom)],
                received.scoring,
              ),
            }
          : {}),
      };
      return;
    }
    try {
      if (!context) throw new Error('no scoring context');
      parentPort!.postMessage({
        id: message.id,
        rows: scoreEntities(message.items, context),
      });
    } catch (error) {
      parentPort!.postMessage({
        id: message.id,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  });
}

if (!isMainThread && workerData?.opskitScoreWorker) runScoreWorker();
