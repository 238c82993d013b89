// Splitting an iteration's evaluations into contiguous chunks, one per
// participant, sized by each participant's measured speed so that all finish
// together. The split only decides who computes what, never the results.

/**
 * Chunk bounds: participant p gets [bounds[p], bounds[p+1]). Evaluations go
 * one at a time to whoever would finish it first, (n_p + 1) / weight_p, which
 * for equal-cost items gives the shortest longest chunk; so near-equal speeds
 * give equal chunks rather than a rounding that overloads one thread.
 * Everyone gets at least one evaluation while there are enough to go round,
 * so that a participant measured slow once (say, before its JIT warmed up)
 * keeps being measured and cannot be starved for good.
 */
export function splitByWeight(count: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const sizes = new Array<number>(n).fill(count >= n ? 1 : 0);
  for (let given = sizes[0] * n; given < count; given++) {
    let best = 0;
    for (let p = 1; p < n; p++) if ((sizes[p] + 1) / weights[p] < (sizes[best] + 1) / weights[best]) best = p;
    sizes[best]++;
  }
  const bounds = [0];
  for (let p = 0; p < n; p++) bounds.push(bounds[p] + sizes[p]);
  return bounds;
}

/**
 * Per-participant speed estimates (evaluations per ms), smoothed so that one
 * noisy iteration does not swing the split.
 */
export class Balancer {
  private readonly rates: number[];

  private readonly smoothing;

  constructor(participants: number, smoothing = 0.2) {
    this.smoothing = smoothing;
    this.rates = new Array(participants).fill(0); // 0 = not measured yet
  }

  /** Equal chunks until every participant has been measured. */
  split(count: number): number[] {
    const known = this.rates.every((r) => r > 0);
    return splitByWeight(count, known ? this.rates : this.rates.map(() => 1));
  }

  /** Records that participant p did `evals` evaluations in `ms`. */
  observe(p: number, evals: number, ms: number): void {
    if (evals < 1 || !(ms > 0)) return;
    const rate = evals / ms;
    this.rates[p] = this.rates[p] === 0 ? rate : this.rates[p] + this.smoothing * (rate - this.rates[p]);
  }
}
