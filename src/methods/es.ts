// Evolution strategies (Salimans et al. 2017): the population's K candidates
// are w + σ·ε_p and w − σ·ε_p for pairs p < K/2 (antithetic: c = 2p and 2p + 1),
// ε_p from es-noise.ts. Every loss is used: ranked, the ranks centred in
// [−½, ½] (fitness shaping: one lucky candidate cannot swamp the step), and
//   ĝ = 1/(K·σ) · Σ_c u_c·ε_c = 1/(K·σ) · Σ_p (u_2p − u_2p+1)·ε_p
// estimates the gradient of the loss smoothed over σ. The trainer's update
// rule (train/es-rule.ts) feeds ĝ to Adam or plain SGD. Threads evaluate the
// candidates (es-eval.ts) and then ĝ, each a range of weights (es-grad.ts).

import type { Net } from '../nn/network.ts';
import type { NoiseLayout } from './es-noise.ts';

/**
 * Centred ranks of losses[0..K): the least loss −½, the largest +½. Equal losses share the mean of
 * their ranks, so a population that ties throughout gives ĝ = 0 (a task's candidates all at its cap),
 * not a step towards the lower-indexed of each pair. NaN ranks last, NaNs by index.
 */
export function centredRanks(losses: ArrayLike<number>, K: number, out: Float64Array): Float64Array {
  const order = Array.from({ length: K }, (_, c) => c);
  const key = (c: number) => (Number.isNaN(losses[c]) ? Infinity : losses[c]);
  order.sort(
    (a, b) => key(a) - key(b) || (Number.isNaN(losses[a]) ? 1 : 0) - (Number.isNaN(losses[b]) ? 1 : 0) || a - b,
  );
  const scale = K > 1 ? 1 / (K - 1) : 0;
  for (let lo = 0; lo < K; ) {
    let hi = lo + 1;
    const tied = (c: number) => !Number.isNaN(losses[c]) && losses[c] === losses[order[lo]];
    if (!Number.isNaN(losses[order[lo]])) while (hi < K && tied(order[hi])) hi++;
    const rank = (lo + hi - 1) / 2; // the mean of ranks lo..hi−1
    for (let k = lo; k < hi; k++) out[order[k]] = K > 1 ? rank * scale - 0.5 : 0;
    lo = hi;
  }
  return out;
}

/** Per pair, the weight of its noise in ĝ: u_2p − u_2p+1. */
export function pairWeights(ranks: Float64Array, K: number, out: Float64Array): Float64Array {
  for (let p = 0; 2 * p + 1 < K; p++) out[p] = ranks[2 * p] - ranks[2 * p + 1];
  return out;
}

/**
 * Pair p's perturbation of layers [from, to) (its noise at noise[at..]), times
 * `scale`, added to params into out: at the params' own indices, or `transposed` (one layer, out[j·m + i]
 * for weight (i, j): matmulT's layout of B). ε is dense, or A·Bᵀ/√r.
 */
export function perturbLayers(
  net: Net,
  layout: NoiseLayout,
  noise: Float64Array,
  at: number,
  scale: number,
  params: Float64Array,
  out: Float64Array,
  from: number,
  to: number,
  transposed: boolean,
): void {
  const { nodes, offsets } = net;
  const r = layout.rank;
  const norm = r === 0 ? 1 : 1 / Math.sqrt(r);
  for (let l = from; l < to; l++) {
    const m = nodes[l];
    const n = nodes[l + 1];
    const a = at + layout.a[l];
    const b = at + layout.b[l];
    for (let i = 0, k = offsets[l]; i < m; i++) {
      for (let j = 0; j < n; j++, k++) {
        let e = 0;
        if (scale === 0) e = 0;
        else if (r === 0) e = noise[a + i * n + j];
        else for (let q = 0; q < r; q++) e += noise[a + i * r + q] * noise[b + j * r + q];
        out[transposed ? j * m + i : k] = scale === 0 ? params[k] : params[k] + scale * (e * norm);
      }
    }
  }
}
