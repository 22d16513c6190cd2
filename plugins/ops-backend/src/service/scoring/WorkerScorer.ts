import { Worker } from 'node:worker_threads';
import type { ComplianceRow } from '../../database/OpsStore';
import type { ScoringContext, ScoringItem } from './scoreEntities';
import { InlineScorer } from './InlineScorer';
import type { Scorer } from './Scorer';
import { SCORE_WORKER_FILE } from './scoreWorker';

interface PoolWorker {
  worker: Worker;
  busy: number;
  waiting: Map<
    number,
    { resolve(rows: ComplianceRow[]): void; reject(error: Error): void }
  >;
  loaded: Promise<void>;
}

/**
 * Parsing descriptors is the bulk of an evaluation; worker threads let it use
 * every core while the main thread fetches pages and writes results. A worker
 * that fails makes the pool fall back to scoring in this thread, so a run
 * never fails because of the pool.
 */
export class WorkerScorer implements Scorer {
  private workers: PoolWorker[] = [];
  private nextId = 0;
  private broken = false;
  private closing = false;
  private readonly inline = new InlineScorer();

  constructor(
    private readonly size: number,
    private readonly onError: (message: string) => void,
  ) {}

  private start(): PoolWorker[] {
    if (this.workers.length || this.broken) return this.workers;
    for (let i = 0; i < this.size; i++) {
      let loaded!: () => void;
      const entry: PoolWorker = {
        // A worker holds one page at a time: a small heap makes V8 collect early instead of growing the process.
        worker: new Worker(SCORE_WORKER_FILE, {
          workerData: { opskitScoreWorker: true },
          resourceLimits: {
            maxOldGenerationSizeMb: 64,
            maxYoungGenerationSizeMb: 8,
          },
        }),
        busy: 0,
        waiting: new Map(),
        loaded: new Promise<void>(resolve => (loaded = resolve)),
      };
      entry.worker.unref();
      entry.worker.postMessage({ type: 'ping' });
      entry.worker.on('message', ({ type, id, rows, error }) => {
        if (type === 'ready') {
          loaded();
          return;
        }
        const waiter = entry.waiting.get(id);
        entry.waiting.delete(id);
        entry.busy--;
        if (error) waiter?.reject(new Error(error));
        else waiter?.resolve(rows);
      });
      const fail = (error: Error) => {
        if (this.closing) return;
        this.broken = true;
        this.onError(
          `ops scoring worker failed, scoring in the main thread from now on: ${error.message}`,
        );
        loaded();
        for (const waiter of entry.waiting.values()) waiter.reject(error);
        entry.waiting.clear();
      };
      entry.worker.on('error', fail);
      entry.worker.on(
        'exit',
        code => code !== 0 && fail(new Error(`exited with code ${code}`)),
      );
      this.workers.push(entry);
    }
    return this.workers;
  }

  /**
   * Starts the workers and waits until their code is loaded (a few hundred ms):
   * the plugin calls it at startup, so the first evaluation does not pay for it.
   */
  async ready() {
    await Promise.all(this.start().map(w => w.loaded));
  }

  begin(context: ScoringContext) {
    this.inline.begin(context);
    const { checks: _checks, ...data } = context;
    const message = {
      type: 'context',
      context: { ...data, known: [...context.known] },
    };
    for (const { worker } of this.start()) worker.postMessage(message);
  }

  async score(items: ScoringItem[]): Promise<ComplianceRow[]> {
    if (this.broken || items.length === 0) return this.inline.score(items);
    const entry = this.workers.reduce((a, b) => (b.busy < a.busy ? b : a));
    const id = this.nextId++;
    entry.busy++;
    try {
      return await new Promise<ComplianceRow[]>((resolve, reject) => {
        entry.waiting.set(id, { resolve, reject });
        entry.worker.postMessage({ type: 'score', id, items });
      });
    } catch (error) {
      // The page is not lost: score it here.
      this.onError(
        `ops scoring worker: ${
          (error as Error).message
        }; scoring the page in the main thread`,
      );
      return this.inline.score(items);
    }
  }

  async close() {
    this.closing = true;
    await Promise.all(this.workers.map(w => w.worker.terminate()));
    this.workers = [];
  }
}
