/**
 * The `le` bucket a histogram SLI counts as "fast enough": the nearest
 * bucket boundary to the threshold (Prometheus histograms only know their
 * boundaries). Said, with how far it is from the threshold, because a 200 ms
 * objective counted on a 250 ms bucket is a looser objective than written.
 *
 * @public
 */
// A type, not an interface: a stored fact's value must be plain JSON (FactValue's index signature).
export type HistogramBucket = {
  /** The bucket boundary used, in seconds (Prometheus' `le` label). */
  le: number;
  /** The threshold asked for, in seconds. */
  thresholdSeconds: number;
  /** The boundary's distance from the threshold, as a share of it. */
  offBy: number;
  /** Why the bucket does not measure the threshold, when it is more than 10 % off. */
  warning?: string;
};

/** A boundary further than this share from the threshold is reported. */
const TOLERANCE = 0.1;

/**
 * The bucket for a threshold among a histogram's `le` values (seconds;
 * `+Inf` and unparsable ones ignored); undefined when there is none.
 *
 * @public
 */
export function histogramBucket(
  thresholdMs: number,
  les: ReadonlyArray<string | number>,
): HistogramBucket | undefined {
  const threshold = thresholdMs / 1000;
  const bounds = les
    .map(le => (typeof le === 'number' ? le : Number(le)))
    .filter(le => Number.isFinite(le) && le > 0);
  if (bounds.length === 0 || !(threshold > 0)) return undefined;
  // Nearest, and on a tie the lower one: counting slower requests as good would flatter the service.
  const le = bounds.reduce((best, b) => {
    const d = Math.abs(b - threshold);
    const bestD = Math.abs(best - threshold);
    return d < bestD || (d === bestD && b < best) ? b : best;
  });
  const offBy = Math.abs(le - threshold) / threshold;
  const ms = (s: number) => `${Number((s * 1000).toPrecision(6))} ms`;
  return {
    le,
    thresholdSeconds: threshold,
    offBy,
    ...(offBy > TOLERANCE
      ? {
          warning: `no bucket near ${ms(
            threshold,
          )}: counted on le="${le}" (${ms(le)}, ${Math.round(
            offBy * 100,
          )} % off); add a bucket at ${threshold} to the histogram`,
        }
      : {}),
  };
}
