// Splitting an iteration's evaluations into contiguous chunks, one per
// participant, sized by each participant's measured speed so that all finish
// together. The split only decides who computes what, never the results.

/**
 * Chunk bounds: participant p gets [bounds[p], bounds[p+1]), sized by weight.
 * Everyone gets at least one evaluation while there are enough to go round,
 * so that a participant measured slow once (say, before its JIT warmed up)
 * keeps being measured and cannot be starved for good.
 */
export function splitByWeight(count: number, weights: readonly number[]): number[] {
  const n = weights.length;
  const floor = count >= n ? 1 : 0;
  const rest = count - floor * n;
  const total = weights.reduce((a, b) => a + b, 0);
  const bounds = [0];
  let acc = 0;
  let given = 0;
  for (let p = 0; p < n; p++) {
    acc += weights[p];
    const upTo = p === n - 1 ? rest : Math.min(rest, Math.round((rest * acc) / total));
    bounds.push(bounds[p] + floor + Math.max(0, upTo - given));
    given = Math.max(given, upTo);
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
