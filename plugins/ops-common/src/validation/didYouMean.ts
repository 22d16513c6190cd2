/** Levenshtein distance, bounded: long inputs are not worth comparing. */
function distance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Number.MAX_SAFE_INTEGER;
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(
        prev[j] + 1,
        prev[j - 1] + 1,
        diagonal + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      diagonal = above;
    }
  }
  return prev[b.length];
}

/**
 * The closest candidate to a misspelt word, if one is close enough to be a typo.
 *
 * @public
 */
export function didYouMean(
  input: string,
  candidates: readonly string[],
): string | undefined {
  const lowered = input.toLowerCase();
  let best: string | undefined;
  let bestScore = Number.MAX_SAFE_INTEGER;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    let score = distance(lowered, c);
    if (c === lowered) score = 0;
    else if (c.startsWith(lowered) || lowered.startsWith(c))
      score = Math.min(score, 1);
    if (score < bestScore) {
      bestScore = score;
      best = candidate;
    }
  }
  const limit = Math.max(2, Math.floor(input.length / 3));
  return best !== undefined && bestScore <= limit ? best : undefined;
}

/** ` (did you mean "x"?)` or nothing. */
export function suggestion(
  input: string,
  candidates: readonly string[],
): string {
  const match = didYouMean(input, candidates);
  return match ? ` (did you mean "${match}"?)` : '';
}
