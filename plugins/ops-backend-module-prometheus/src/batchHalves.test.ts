import { askInHalves, refusedForSize } from './batchHalves';
import { PrometheusQueryError } from './instantQuery';

/** Answers batches of up to `limit` values, refusing larger ones as Prometheus's --query.max-samples does. */
function limitedAsk(
  limit: number,
  message = 'query processing would load too many samples into memory in query execution',
) {
  const asked: number[] = [];
  const ask = async (chunk: string[]) => {
    asked.push(chunk.length);
    if (chunk.length > limit)
      throw new PrometheusQueryError(`execution: ${message}`);
    return chunk.join(',');
  };
  return { ask, asked };
}

const values = (n: number) => Array.from({ length: n }, (_, i) => `v${i}`);

describe('askInHalves', () => {
  it('answers every value from the largest halves that fit, and says the sizes tried', async () => {
    const { ask, asked } = limitedAsk(30);
    const shrunk: number[] = [];
    const answers = askInHalves(values(100), ask, size => shrunk.push(size));
    const settled = await Promise.all([...answers.values()]);
    // 100 → 50, 50 → 25 ×4.
    expect(asked).toEqual([100, 50, 50, 25, 25, 25, 25]);
    expect(shrunk).toEqual([50, 25, 25]);
    expect(settled[0]).toBe(values(25).join(','));
    expect(settled[99]).toBe(values(100).slice(75).join(','));
  });

  it('leaves batches of 2 and 3 refused: their entities ask on their own', async () => {
    const { ask, asked } = limitedAsk(1);
    const answers = askInHalves(values(6), ask, () => undefined);
    const settled = await Promise.allSettled([...answers.values()]);
    expect(asked).toEqual([6, 3, 3]);
    expect(settled.every(s => s.status === 'rejected')).toBe(true);
  });

  it('does not split a query refused for its text, nor one that could not be asked', async () => {
    for (const error of [
      new PrometheusQueryError('bad_data: parse error at char 4'),
      new Error('Prometheus at http://127.0.0.1:9 is unreachable'),
    ]) {
      const asked: number[] = [];
      const answers = askInHalves(
        values(8),
        async chunk => {
          asked.push(chunk.length);
          throw error;
        },
        () => undefined,
      );
      await expect(answers.get('v7')).rejects.toBe(error);
      expect(asked).toEqual([8]);
    }
  });

  it('knows the size limits of Prometheus, Mimir and VictoriaMetrics', () => {
    for (const message of [
      'execution: query processing would load too many samples into memory in query execution',
      'execution: the query exceeded the maximum number of series (limit: 100000 series) (err-mimir-max-series-per-query)',
      'bad_data: cannot select more than -search.maxUniqueTimeseries=300000 time series',
    ])
      expect(refusedForSize(new PrometheusQueryError(message))).toBe(true);
    expect(
      refusedForSize(new PrometheusQueryError('bad_data: 1:5: parse error')),
    ).toBe(false);
    expect(refusedForSize(new Error('too many samples'))).toBe(false);
  });
});
