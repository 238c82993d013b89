// The memory of an iteration's base pass (base-cache.ts): plain typed arrays,
// sample-major, in SharedArrayBuffers where the threads of a pool share it.

import type { Net } from '../nn/network.ts';

/** The memory of a base pass for up to `capacity` samples; plain typed arrays, shareable. */
export interface BaseBuffers {
  capacity: number;
  /** z[l]: pre-activations (l ≥ 1; z[L] are the logits); a[l]: activations (1 ≤ l < L). */
  z: Float64Array[];
  a: Float64Array[];
  /** Per layer l < L: per sample, its units with a non-zero activation (count, then up to width units). */
  nzCount: Int32Array[];
  nzUnit: Int32Array[];
  terms: Float64Array;
  /** Series coefficients, 4 per sample and direction: the loss along each row of the last weight matrix,
   *  then along each logit (rowC: H + K rows per sample); composed with the activation's, from a
   *  last-hidden pre-activation step (comp: H per sample). */
  rowC: Float64Array;
  comp: Float64Array;
  /** Per sample: a bound on |logit step / pre-activation step| over the last hidden units (series
   *  guard), and the smallest |z| among them (relu: no unit crosses its kink below it). */
  gain: Float64Array;
  zMin: Float64Array;
  /** Per sample: the largest step of a last-hidden pre-activation for which the composed series holds. */
  limit: Float64Array;
  /** Per layer m in 1..L−2 (expansion.ts): per sample and unit, the quartic of the loss in the unit's
   *  pre-activation step (4 each) and the largest step it holds for; per sample, the least of those. */
  deep: Float64Array[];
  deepLimit: Float64Array[];
  deepMin: Float64Array[];
}

export function allocBase(net: Net, capacity: number, shared: boolean): BaseBuffers {
  const f64 = (n: number) =>
    shared ? new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n))) : new Float64Array(Math.max(1, n));
  const i32 = (n: number) =>
    shared ? new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n))) : new Int32Array(Math.max(1, n));
  const { nodes } = net;
  const L = nodes.length - 1;
  const H = L >= 2 ? nodes[L - 1] : 0;
  return {
    capacity,
    z: nodes.map((n, l) => f64(l >= 1 ? n * capacity : 0)),
    a: nodes.map((n, l) => f64(l >= 1 && l < L ? n * capacity : 0)),
    nzCount: nodes.map((_, l) => i32(l < L ? capacity : 0)),
    nzUnit: nodes.map((n, l) => i32(l < L ? n * capacity : 0)),
    terms: f64(capacity),
    rowC: f64((H + nodes[L]) * capacity * 4),
    comp: f64(H * capacity * 4),
    gain: f64(capacity),
    zMin: f64(capacity),
    limit: f64(capacity),
    deep: nodes.map((n, m) => f64(m >= 1 && m <= L - 2 ? 4 * n * capacity : 0)),
    deepLimit: nodes.map((n, m) => f64(m >= 1 && m <= L - 2 ? n * capacity : 0)),
    deepMin: nodes.map((_, m) => f64(m >= 1 && m <= L - 2 ? capacity : 0)),
  };
}
