// Splitting an iteration's evaluations into contiguous chunks, one per
// participant, sized by each participant's measured speed so that all finish
// together. The split only decides who computes what, never the results.

/** Chunk bounds: participant p gets [bounds[p], bounds[p+1]). */
export function splitByWeight(count: number, weights: readonly number[]): number[] {
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds = [0];
  let acc = 0;
  for (let p = 0; p < weights.length; p++) {
    acc += weights[p];
    const edge = p === weights.length - 1 ? count : Math.round((count * acc) / total);
    bounds.push(Math.max(bounds[p], Math.min(count, edge)));
  }
  return bounds;
}

/**
 * Per-participant speed estimates (evaluations per ms), smoothed so that one
 * noisy iteration does not swing the split.
 */
export class Balancer {
  private readonly rates: number[];

  constructor(participants: number, private readonly smoothing = 0.2) {
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
