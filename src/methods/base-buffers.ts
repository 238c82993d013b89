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

/** n doubles (at least 1), in a SharedArrayBuffer where a pool's threads share them. */
export function f64(n: number, shared: boolean): Float64Array {
  return shared ? new Float64Array(new SharedArrayBuffer(8 * Math.max(1, n))) : new Float64Array(Math.max(1, n));
}

/** n 32-bit integers (at least 1), shared as f64's. */
export function i32(n: number, shared: boolean): Int32Array {
  return shared ? new Int32Array(new SharedArrayBuffer(4 * Math.max(1, n))) : new Int32Array(Math.max(1, n));
}

export function allocBase(net: Net, capacity: number, shared: boolean): BaseBuffers {
  const doubles = (n: number) => f64(n, shared);
  const ints = (n: number) => i32(n, shared);
  const { nodes } = net;
  const L = nodes.length - 1;
  const H = L >= 2 ? nodes[L - 1] : 0;
  return {
    capacity,
    z: nodes.map((n, l) => doubles(l >= 1 ? n * capacity : 0)),
    a: nodes.map((n, l) => doubles(l >= 1 && l < L ? n * capacity : 0)),
    nzCount: nodes.map((_, l) => ints(l < L ? capacity : 0)),
    nzUnit: nodes.map((n, l) => ints(l < L ? n * capacity : 0)),
    terms: doubles(capacity),
    rowC: doubles((H + nodes[L]) * capacity * 4),
    comp: doubles(H * capacity * 4),
    gain: doubles(capacity),
    zMin: doubles(capacity),
    limit: doubles(capacity),
    deep: nodes.map((n, m) => doubles(m >= 1 && m <= L - 2 ? 4 * n * capacity : 0)),
    deepLimit: nodes.map((n, m) => doubles(m >= 1 && m <= L - 2 ? n * capacity : 0)),
    deepMin: nodes.map((_, m) => doubles(m >= 1 && m <= L - 2 ? capacity : 0)),
  };
}

/**
 * The bytes allocBase allocates, about: per sample of a batch, every unit's
 * pre-activation and every hidden unit's activation, four series terms per
 * output and per last hidden unit twice, the non-zero units below each layer,
 * and in deep nets each expanded unit's four coefficients and limit. A pool
 * shares one; auto's main thread may keep a second, so two are counted.
 */
export function baseBufferBytes(nodes: readonly number[], capacity: number): number {
  const L = nodes.length - 1;
  const H = L >= 2 ? nodes[L - 1] : 0;
  const K = nodes[L];
  const sum = (from: number, to: number) => nodes.slice(from, to + 1).reduce((s, n) => s + n, 0);
  const expanded = sum(1, L - 2) * 5 + Math.max(0, L - 2); // layers 1..L−2 (expansion.ts)
  const doubles = sum(1, L) + sum(1, L - 1) + 4 * (H + K) + 4 * H + 4 + expanded;
  const ints = sum(0, L - 1) + L;
  return 2 * capacity * (8 * doubles + 4 * ints);
}
