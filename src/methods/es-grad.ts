// ĝ for a range of weights (es.ts), in any thread. With rank r, one layer's
// ĝ is a product: Σ_p d_p·A_p·B_pᵀ/√r = [d_p·A_p/√r]_p · [B_p]_pᵀ, the pairs'
// factors side by side; a range of rows of A against every B. Each entry is
// one sum over (p, q) in order, so its bits do not depend on the range. The
// pairs' weights d and their B factors are computed once per iteration per
// thread, however many ranges the thread claims.

import { createMatmulT, type MatmulT } from '../nn/matmul.ts';
import type { Net } from '../nn/network.ts';
import { centredRanks, pairWeights } from './es.ts';
import { gaussians, type NoiseLayout, pairKey } from './es-noise.ts';
import type { EvalSpec } from './eval-spec.ts';

export class EsGrad {
  private readonly net: Net;
  private readonly layout: NoiseLayout;
  private readonly key: number;
  private readonly K: number;
  private readonly sigma: number;
  private readonly mm: MatmulT;
  /** The losses d was computed from, and the iteration. */
  private t = -1;
  private readonly losses: Float64Array;
  private readonly ranks: Float64Array;
  private readonly d: Float64Array;
  /** Per layer, every pair's B side by side (n × pairs·r), for iteration `bt[l]`. */
  private readonly b: Float64Array[];
  private readonly bt: number[];
  private a = new Float64Array(0);
  private c = new Float64Array(0);
  private readonly noise: Float64Array;

  /** `mm`: the thread's matmulT, shared with its candidates (one WebAssembly memory, not two). */
  constructor(net: Net, layout: NoiseLayout, key: number, spec: EvalSpec, mm: MatmulT = createMatmulT()) {
    this.net = net;
    this.layout = layout;
    this.key = key;
    this.K = spec.candidates;
    this.sigma = spec.sigma;
    this.mm = mm;
    const pairs = this.K >> 1;
    this.losses = new Float64Array(this.K);
    this.ranks = new Float64Array(this.K);
    this.d = new Float64Array(pairs);
    const r = layout.rank;
    this.b = net.nodes.map((n, l) => new Float64Array(l >= 1 ? n * pairs * r : 0));
    this.bt = net.nodes.map(() => -1);
    const most = Math.max(...net.nodes.slice(1).map((n, l) => net.nodes[l] * n));
    this.noise = new Float64Array(r === 0 ? most : Math.max(...net.nodes) * r);
  }

  /** ĝ_k for k in [lo, hi) into out[at..], from the candidates' losses results[0..K). */
  range(t: number, results: Float64Array, lo: number, hi: number, out: Float64Array, at: number): void {
    const { K } = this;
    let same = t === this.t;
    for (let c = 0; same && c < K; c++) same = Object.is(results[c], this.losses[c]);
    if (!same) {
      this.losses.set(results.subarray(0, K));
      pairWeights(centredRanks(this.losses, K, this.ranks), K, this.d);
      this.t = t;
    }
    const { offsets } = this.net;
    for (let l = 0; l + 1 < this.net.nodes.length; l++) {
      const from = Math.max(lo, offsets[l]);
      const to = Math.min(hi, offsets[l + 1]);
      if (from >= to) continue;
      if (this.layout.rank === 0) this.dense(t, l, from, to, out, at - lo);
      else this.lowRank(t, l, from, to, out, at - lo);
    }
    const scale = 1 / (K * this.sigma);
    for (let k = lo; k < hi; k++) out[at + k - lo] *= scale;
  }

  /** Rank 0: ĝ_k = Σ_p d_p·ε_p[k], the pair's Gaussians of the range drawn by address. */
  private dense(t: number, l: number, from: number, to: number, out: Float64Array, shift: number): void {
    const start = this.layout.a[l] - this.net.offsets[l];
    out.fill(0, from + shift, to + shift);
    for (let p = 0; p < this.K >> 1; p++) {
      if (this.d[p] === 0) continue; // adds 0 to every entry
      gaussians(pairKey(this.key, t, p), start + from, start + to, this.noise, 0);
      for (let k = from; k < to; k++) out[k + shift] += this.d[p] * this.noise[k - from];
    }
  }

  /** Rank r: rows [i0, i1) of layer l's product, then the range's entries of them. */
  private lowRank(t: number, l: number, from: number, to: number, out: Float64Array, shift: number): void {
    const { layout, net } = this;
    const r = layout.rank;
    const n = net.nodes[l + 1];
    const pairs = this.K >> 1;
    const pr = pairs * r;
    const i0 = Math.floor((from - net.offsets[l]) / n);
    const i1 = Math.floor((to - 1 - net.offsets[l]) / n) + 1;
    const rows = i1 - i0;
    const B = this.b[l + 1];
    if (this.bt[l + 1] !== t) {
      for (let p = 0; p < pairs; p++) {
        gaussians(pairKey(this.key, t, p), layout.b[l], layout.b[l] + n * r, this.noise, 0);
        for (let j = 0; j < n; j++) for (let q = 0; q < r; q++) B[j * pr + p * r + q] = this.noise[j * r + q];
      }
      this.bt[l + 1] = t;
    }
    if (this.a.length < rows * pr) this.a = new Float64Array(rows * pr);
    if (this.c.length < rows * n) this.c = new Float64Array(rows * n);
    const norm = 1 / Math.sqrt(r);
    for (let p = 0; p < pairs; p++) {
      gaussians(pairKey(this.key, t, p), layout.a[l] + i0 * r, layout.a[l] + i1 * r, this.noise, 0);
      const w = this.d[p] * norm;
      for (let i = 0; i < rows; i++) for (let q = 0; q < r; q++) this.a[i * pr + p * r + q] = w * this.noise[i * r + q];
    }
    this.mm(this.a, B, this.c, rows, n, pr);
    for (let k = from; k < to; k++) out[k + shift] = this.c[k - net.offsets[l] - i0 * n];
  }
}
