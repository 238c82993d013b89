// What the expansions (expansion.ts) reuse: the weights' powers and
// transposes, fixed for an iteration, and per sample the loss's gradient with
// respect to every hidden unit's activation (its adjoint).

import { matmulT } from '../nn/matmul.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { DELTA_MAX } from '../nn/series.ts';

/**
 * Unit j of layer m moves layer m + 1 by u·w_jq, which unit q bends into
 * Σ_n s_{q,n}·w_jqⁿ·uⁿ: so layer m + 2 moves by the powers of W_m times W_{m+1}
 * scaled by each order's series (per sample). Kept here as row-major matrices
 * for matmulT: the powers by unit j, the scaled and plain transposes by the
 * unit the weights lead into.
 */
/** a and b are the same number, signed zeros told apart. */
const same = (a: number, b: number) => a === b && (a !== 0 || 1 / a === 1 / b);

export class Powers {
  /** Per expanded layer m: w_jqⁿ at pow[m][n − 1][j·n_{m+1} + q], n = 1..orders + 1; and max_q |w_jq|. */
  readonly pow: Float64Array[][];
  private readonly wMax: Float64Array[];
  /** Per weight layer k ≥ 2: its transpose, row r holding the weights into unit r of layer k + 1. */
  readonly wt: Float64Array[];
  /** The current sample, per expanded layer m: W_{m+1}ᵀ with column q scaled by s_{q,n}, orders 1..3. */
  readonly scaled: Float64Array[][];
  /** The current sample, per expanded layer m: unit q's adjoint times its series' next order past those pushed. */
  private readonly next: Float64Array[];
  private readonly zMin: Float64Array;
  private readonly L: number;

  private readonly net: Net;

  /** orders: the orders the products carry (expansion.ts); one more power is kept for the next order's share. */
  constructor(net: Net, orders: number) {
    this.net = net;
    const { nodes } = net;
    this.L = nodes.length - 1;
    const expanded = (m: number) => m >= 1 && m <= this.L - 2;
    const powers = Array.from({ length: orders + 1 }, (_, n) => n);
    this.pow = nodes.map((n, m) => (expanded(m) ? powers.map(() => new Float64Array(n * nodes[m + 1])) : []));
    this.wMax = nodes.map((n, m) => new Float64Array(expanded(m) ? n : 0));
    this.wt = nodes.map((n, k) => new Float64Array(k >= 2 && k < this.L ? n * nodes[k + 1] : 0));
    this.scaled = nodes.map((_, m) =>
      expanded(m) ? [0, 1, 2].map(() => new Float64Array(nodes[m + 1] * nodes[m + 2])) : [],
    );
    this.next = nodes.map((_, m) => new Float64Array(expanded(m) ? nodes[m + 1] : 0));
    this.zMin = new Float64Array(nodes.length);
  }

  /**
   * From the params' weights of the expanded layers. A pool's thread calls
   * this for every chunk of a base pass it claims, with the same params: when
   * the weights are those it holds already (a read, ~1 µs), it keeps them
   * rather than recompute ~10 µs of powers per chunk.
   */
  update(params: Float64Array): void {
    if (this.holds(params)) return;
    const { nodes, offsets } = this.net;
    for (let m = 1; m <= this.L - 2; m++) {
      const n1 = nodes[m + 1];
      const pow = this.pow[m];
      for (let j = 0; j < nodes[m]; j++) {
        let most = 0;
        for (let q = 0, i = j * n1; q < n1; q++, i++) {
          const w = params[offsets[m] + i];
          pow[0][i] = w;
          for (let n = 1; n < pow.length; n++) pow[n][i] = pow[n - 1][i] * w;
          most = Math.max(most, Math.abs(w));
        }
        this.wMax[m][j] = most;
      }
    }
    for (let k = 2; k < this.L; k++) {
      const nIn = nodes[k];
      const nOut = nodes[k + 1];
      const wt = this.wt[k];
      for (let q = 0; q < nIn; q++) for (let r = 0; r < nOut; r++) wt[r * nIn + q] = params[offsets[k] + q * nOut + r];
    }
  }

  /** Whether pow and wt were computed from these very weights, bit for bit (NaN never matches: computed again). */
  private holds(params: Float64Array): boolean {
    const { nodes, offsets } = this.net;
    for (let m = 1; m <= this.L - 2; m++) {
      const w = this.pow[m][0];
      for (let i = 0, at = offsets[m]; i < w.length; i++, at++) if (!same(w[i], params[at])) return false;
    }
    for (let k = 2; k < this.L; k++) {
      const nIn = nodes[k];
      const nOut = nodes[k + 1];
      const wt = this.wt[k];
      for (let q = 0; q < nIn; q++)
        for (let r = 0; r < nOut; r++) if (!same(wt[r * nIn + q], params[offsets[k] + q * nOut + r])) return false;
    }
    return this.L > 2;
  }

  /**
   * Sample p, layer m: the scaled W_{m+1}ᵀ for orders 1..orders from layer
   * m + 1's series s (4 per unit), the adjoints times order orders + 1, and the
   * least |z| of layer m + 1.
   */
  scale(m: number, s: Float64Array, adjoint: Float64Array, z: Float64Array, p: number, orders: number): void {
    const { nodes } = this.net;
    const n1 = nodes[m + 1];
    const n2 = nodes[m + 2];
    const wt = this.wt[m + 1];
    let zMin = Infinity;
    for (let q = 0; q < n1; q++) {
      this.next[m][q] = adjoint[q] * s[4 * q + orders];
      zMin = Math.min(zMin, Math.abs(z[p * n1 + q]));
    }
    this.zMin[m] = zMin;
    for (let n = 0; n < orders; n++) {
      const b = this.scaled[m][n];
      for (let r = 0, i = 0; r < n2; r++) for (let q = 0; q < n1; q++, i++) b[i] = s[4 * q + n] * wt[i];
    }
  }

  /** Per unit j of layer m, the share of order orders + 1 that arises at layer m + 1, into top[j]. */
  nextShare(m: number, orders: number, top: Float64Array): void {
    matmulT(this.pow[m][orders], this.next[m], top, this.net.nodes[m], 1, this.net.nodes[m + 1]);
  }

  /** The largest |u| of unit j that keeps every unit of layer m + 1 within its series (relu: short of its kink). */
  firstLimit(m: number, j: number, z: Float64Array, p: number, smooth: boolean): number {
    if (smooth) return DELTA_MAX / this.wMax[m][j];
    const guess = this.zMin[m] / this.wMax[m][j]; // cheap, and enough unless some unit lies near its kink
    if (guess >= DELTA_MAX) return guess;
    const n1 = this.net.nodes[m + 1];
    const p1 = this.pow[m][0];
    let least = Infinity;
    for (let q = 0; q < n1; q++) {
      const w = Math.abs(p1[j * n1 + q]);
      if (w > 0) least = Math.min(least, Math.abs(z[p * n1 + q]) / w);
    }
    return least;
  }
}

/** Per sample: ∂(loss term)/∂a for every hidden layer from 2 up, by one backward pass without weight gradients. */
export class Adjoints {
  /** a[k][q]: the adjoint of unit q of layer k (2 ≤ k < L). */
  readonly a: Float64Array[];
  /** The same with respect to pre-activations (logits at L). */
  private readonly dz: Float64Array[];
  private readonly unit: Float64Array;
  private readonly c = new Float64Array(4);
  private readonly L: number;

  private readonly net: Net;
  private readonly output: Output;

  constructor(net: Net, output: Output) {
    this.net = net;
    this.output = output;
    this.L = net.nodes.length - 1;
    this.a = net.nodes.map((n) => new Float64Array(n));
    this.dz = net.nodes.map((n) => new Float64Array(n));
    this.unit = new Float64Array(4 * net.nodes[this.L]);
  }

  /** From the sample's activation series (act, 4 per unit) and its output's path terms. */
  compute(params: Float64Array, act: Float64Array[], terms: Float64Array): void {
    const { nodes, offsets } = this.net;
    const K = nodes[this.L];
    // The loss's gradient at the logits: the first coefficient of its series along each one.
    for (let k = 0; k < K; k++) {
      this.unit[4 * k] = 1;
      this.output.pathSeries(terms, this.unit, K, this.c, 0);
      this.unit[4 * k] = 0;
      this.dz[this.L][k] = this.c[0];
    }
    for (let k = this.L - 1; k >= 2; k--) {
      const next = this.dz[k + 1];
      const nOut = nodes[k + 1];
      const s = act[k];
      for (let q = 0, w = offsets[k]; q < nodes[k]; q++, w += nOut) {
        let sum = 0;
        for (let r = 0; r < nOut; r++) sum += params[w + r] * next[r];
        this.a[k][q] = sum;
        this.dz[k][q] = sum * s[4 * q]; // into the pre-activation: times the unit's slope
      }
    }
  }
}
