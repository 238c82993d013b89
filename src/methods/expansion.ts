// Shared downstream expansions: the loss change of a sample as a quartic in
// the change δ of one unit's pre-activation, for every unit two or more layers
// before the output (layers 1..L−2).
//
// Every weight into unit j moves the same thing, z_j, by δ = step·a_i(p); what
// happens downstream of z_j is one function f_{j,p}(δ) whichever weight caused
// it. So it is expanded once per (unit, sample), and a weight then costs one
// quartic per sample where its input is not 0, as the last layers' weights do
// (incremental.ts). The expansion is Taylor-mode forward propagation: the
// change u of a_j moves layer m + 1 by u·W[j, :]; each later unit bends its
// change by its activation's series (composeSeries' formulas); the weights sum
// them; the logits' path, a polynomial in u per logit, goes into the loss's
// path series (nn/path-series.ts); last, u's series in δ is composed in front.
//
// The pushes are matrix products (every unit of a layer at once, matmul.ts),
// one per order. The highest order needs none: a term of that order reaches
// the loss linearly (anything it multiplied would raise its order), so its
// share is the loss's gradient with respect to the unit where it arises (the
// sample's adjoints, one backward pass) times the term. So orders 1..2 pushed
// give a cubic exact to third order, 1..3 a quartic; relu units bend nothing:
// one order pushed, and the loss's series alone adds the rest.
//
// The result is the finite difference itself, not the derivative: the
// remainder lies far below rounding for steps within each unit's limit;
// larger steps (or a relu unit crossing its kink anywhere downstream) fall
// back to pushing the step through (PastSeries.deep in past-series.ts). Each entry depends on
// its own sample only: threads that split the base pass by samples write the
// same bits.

import { smooth, taylor } from '../nn/activation.ts';
import { createMatmulT, type MatmulT } from '../nn/matmul.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { composeSeries, DEEP_MAX, DELTA_MAX, U_MAX } from '../nn/series.ts';
import type { BaseBuffers } from './base-buffers.ts';
import { bendRow, smoothBound } from './bend.ts';
import { Adjoints, Powers } from './expansion-parts.ts';

export class Expansions {
  private readonly L: number;
  private readonly isSmooth: boolean;
  /** Orders pushed through the weights (see the constructor), and the largest step a unit's series may take. */
  private readonly orders: number;
  private readonly cap: number;
  /** Whether the expansions are cubics (third order exact, the fourth coefficient 0). */
  readonly cubic: boolean;
  /** Per hidden layer k: the current sample's activation series, 4 per unit. */
  private readonly act: Float64Array[];
  /** The current sample's per-logit terms for Output.pathSeries, and one unit's logit path (4 per logit). */
  private readonly terms: Float64Array;
  private readonly path: Float64Array;
  /** Every unit's changes at one layer (x) and the next (y), a row per unit, order n in x[n − 1]. */
  private readonly x: Float64Array[];
  private readonly y: Float64Array[];
  /** Per unit: the next order's share gathered on the way, and the largest |u| its series hold for. */
  private readonly top: Float64Array;
  private readonly uMax: Float64Array;
  /** bendRow's share of the next order. */
  private readonly shares = new Float64Array(1);
  /** One unit's series in u. */
  private readonly g = new Float64Array(4);
  private readonly powers: Powers;
  private readonly adjoints: Adjoints;
  /** This thread's matrix product (matmul.ts): WebAssembly SIMD where the runtime has it. */
  private readonly matmulT: MatmulT = createMatmulT();

  private readonly net: Net;
  private readonly output: Output;
  private readonly buf: BaseBuffers;

  /**
   * largestStep: about the largest weight step times its input the run takes.
   * Smooth units push orders 1..2 and get the third from the adjoints: exact to
   * third order, enough for steps up to DEEP_MAX (so the default h = 1e-5 on
   * inputs up to 10), for two matrix products where fourth order needs three.
   * Runs with larger steps push three orders; relu bends nothing and pushes one.
   */
  constructor(net: Net, output: Output, buf: BaseBuffers, largestStep: number) {
    this.net = net;
    this.output = output;
    this.buf = buf;
    const { nodes } = net;
    this.L = nodes.length - 1;
    this.isSmooth = smooth[net.func];
    this.orders = !this.isSmooth ? 1 : largestStep > DEEP_MAX ? 3 : 2;
    this.cap = this.orders === 2 ? DEEP_MAX : DELTA_MAX;
    this.cubic = this.orders === 2;
    this.act = nodes.map((n) => new Float64Array(4 * n));
    this.terms = new Float64Array(4 * nodes[this.L]);
    this.path = new Float64Array(4 * nodes[this.L]);
    const rows = Math.max(...nodes.slice(1, this.L - 1));
    const cols = Math.max(...nodes.slice(3));
    this.x = [0, 1, 2].map(() => new Float64Array(rows * cols));
    this.y = [0, 1, 2].map(() => new Float64Array(rows * cols));
    this.top = new Float64Array(rows);
    this.uMax = new Float64Array(rows);
    this.powers = new Powers(net, this.orders);
    this.adjoints = new Adjoints(net, output);
  }

  /** Whether the net has layers to expand: two hidden layers or more. */
  static needed(net: Net): boolean {
    return net.nodes.length - 1 >= 3;
  }

  /** The iteration's weights: their powers and transposes (before each run of samples: cheap beside them). */
  begin(params: Float64Array): void {
    this.powers.update(params);
  }

  /** Sample p's expansions of every unit of layers 1..L−2, from its base pass (logits: its logits). */
  sample(params: Float64Array, p: number, logits: Float64Array, targets: Float64Array, targetAt: number): void {
    const { nodes } = this.net;
    const { a } = this.buf;
    const series = taylor[this.net.func];
    for (let k = 1; k < this.L; k++)
      for (let q = 0, u = p * nodes[k]; q < nodes[k]; q++, u++) series(a[k][u], this.act[k], 4 * q);
    this.output.pathTerms(logits, targets, targetAt, this.terms);
    if (this.orders > 1) this.adjoints.compute(params, this.act, this.terms); // relu: no order past the first to share
    for (let m = 1; m <= this.L - 2; m++) this.layer(m, p);
  }

  /** Every unit of layer m in sample p: their quartics in δ into deep[m], their limits on |δ|. */
  private layer(m: number, p: number): void {
    const { nodes } = this.net;
    const { z } = this.buf;
    const { x, y, top, uMax, orders, powers } = this;
    const n0 = nodes[m];
    const n1 = nodes[m + 1];
    // Layer m + 1 bends u·w_jq by its series; the weights carry that to layer m + 2.
    powers.scale(m, this.act[m + 1], this.adjoints.a[m + 1], z[m + 1], p, orders);
    for (let n = 0; n < orders; n++) this.matmulT(powers.pow[m][n], powers.scaled[m][n], y[n], n0, nodes[m + 2], n1);
    if (orders > 1) powers.nextShare(m, orders, top);
    else top.fill(0, 0, n0);
    for (let j = 0; j < n0; j++) uMax[j] = powers.firstLimit(m, j, z[m + 1], p, this.isSmooth);
    for (let k = m + 2; k < this.L; k++) {
      const n = nodes[k];
      const s = this.act[k];
      const adj = this.adjoints.a[k];
      for (let j = 0; j < n0; j++) {
        uMax[j] = Math.min(uMax[j], bendRow(s, adj, y, x, j * n, n, orders, z[k], p * n, this.shares));
        top[j] += this.shares[0];
      }
      for (let o = 0; o < orders; o++) this.matmulT(x[o], powers.wt[k], y[o], n0, nodes[k + 1], n);
    }
    let least = Infinity;
    for (let j = 0; j < n0; j++) {
      uMax[j] = Math.min(uMax[j], this.logitBound(j, nodes[this.L]));
      this.lossSeries(j);
      least = Math.min(least, this.inFront(m, j, p, uMax[j]));
    }
    this.buf.deepMin[m][p] = least;
  }

  /** Unit j's loss series in u, into g, from its row of logit changes y. */
  private lossSeries(j: number): void {
    const K = this.net.nodes[this.L];
    const { y, path, g, orders } = this;
    for (let r = 0, i = j * K; r < K; r++, i++) {
      path[4 * r] = y[0][i];
      path[4 * r + 1] = orders > 1 ? y[1][i] : 0;
      path[4 * r + 2] = orders > 2 ? y[2][i] : 0;
      path[4 * r + 3] = 0;
    }
    this.output.pathSeries(this.terms, path, K, g, 0, this.cubic); // a cubic: steps capped at DEEP_MAX (inFront)
    g[orders] += this.top[j];
  }

  /** Composes unit j's own series (δ → u) in front of g, into deep[m]; returns the limit on |δ|. */
  private inFront(m: number, j: number, p: number, uMax: number): number {
    const width = this.net.nodes[m];
    const at = (p * width + j) * 4;
    const out = this.buf.deep[m];
    const s = this.act[m];
    for (let n = 0; n < 4; n++) out[at + n] = s[4 * j + n];
    composeSeries(out, at, this.g, 0);
    if (this.orders === 2) out[at + 3] = 0; // a cubic: g's fourth order is missing, so this one would be part of one
    const zj = this.buf.z[m][p * width + j];
    // Smooth units: within DELTA_MAX a unit's higher terms stay within 1% of its first.
    const limit = this.isSmooth
      ? Math.min(this.cap, uMax / (1.01 * Math.abs(s[4 * j])))
      : Math.min(Math.abs(zj), zj > 0 ? uMax : Infinity);
    this.buf.deepLimit[m][p * width + j] = limit;
    return limit;
  }

  /** The largest |u| for which unit j's logit changes (row j of y) stay within U_MAX. */
  private logitBound(j: number, K: number): number {
    const [y1, y2, y3] = this.y;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    for (let r = j * K; r < (j + 1) * K; r++) {
      m1 = Math.max(m1, Math.abs(y1[r]));
      if (this.orders === 1) continue;
      m2 = Math.max(m2, Math.abs(y2[r]));
      if (this.orders > 2) m3 = Math.max(m3, Math.abs(y3[r]));
    }
    return this.isSmooth ? smoothBound(m1, m2, m3, U_MAX) : U_MAX / m1; // relu's changes are linear in u
  }
}
