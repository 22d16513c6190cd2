import { PrometheusQueryError } from './instantQuery';

/**
 * Prometheus (`--query.max-samples`), Mimir, Thanos and VictoriaMetrics
 * refusing a query for how much it reads (samples, series, chunks), not for
 * its text: the same query over fewer entities is answered.
 */
export function refusedForSize(error: unknown): boolean {
  return (
    error instanceof PrometheusQueryError &&
    /too many|exceed|limit|more than/i.test(error.message)
  );
}

/**
 * Each value's answer from one query over all of them; when that query is
 * refused for its size, from its two halves, and so on down to batches of 2
 * (a batch of one gains nothing over the entity's own query, which its
 * collection then asks). `shrunk` hears each size tried after a refusal, so
 * later pages can start there. Each promise settles once; none is left
 * unhandled.
 */
export function askInHalves<T>(
  values: string[],
  ask: (chunk: string[]) => Promise<T>,
  shrunk: (size: number) => void,
): Map<string, Promise<T>> {
  const answers = new Map<string, Promise<T>>();
  const settle = new Map<string, (answer: Promise<T>) => void>();
  for (const value of values) {
    const answer = new Promise<T>(resolve =>
      settle.set(value, resolve as (answer: Promise<T>) => void),
    );
    answer.catch(() => undefined);
    answers.set(value, answer);
  }
  const run = async (chunk: string[]): Promise<void> => {
    const answer = ask(chunk);
    try {
      await answer;
    } catch (error) {
      if (chunk.length >= 4 && refusedForSize(error)) {
        const half = Math.ceil(chunk.length / 2);
        shrunk(half);
        await Promise.all([run(chunk.slice(0, half)), run(chunk.slice(half))]);
        return;
      }
    }
    for (const value of chunk) settle.get(value)!(answer);
  };
  run(values).catch(() => undefined);
  return answers;
}
