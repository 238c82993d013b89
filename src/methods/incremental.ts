// Incremental finite differences: E(w ± h·1_k) − E(w) without a whole
// forward pass per weight.
//
// Perturbing weight (l, i, j) by δw moves one pre-activation, unit j of layer
// l + 1, by δw·a_l[i] in each sample, and nothing upstream. So once per
// iteration (per batch) this caches the base pass (pre-activations and
// activations of every layer and sample), and a perturbed loss then costs, per
// sample with a_l[i] ≠ 0, one unit's change and what lies downstream of it.
// Samples where a_l[i] = 0 contribute nothing and are skipped: for the inputs,
// through per-input lists of the samples where an input is non-zero.
//
// The changes are small (δw = h), so they are evaluated as differences
// directly rather than as the difference of two large sums: a unit's change by
// its activation's Taylor series (activation.ts), and the loss change along a
// direction by the output's series (output.ts). Both keep terms to the fourth
// order, far below rounding at these steps, so what comes out is the finite
// difference itself (the tests check it against whole forward passes to 1e-9),
// not the analytic derivative; larger steps fall back to exact differences.

import type { Dataset } from '../data/dataset.ts';
import { activations, reluDelta, smooth, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { BaseCache } from './base-cache.ts';

/** Largest step of a unit's pre-activation for its Taylor series. */
const DELTA_MAX = 1e-3;
/** Largest step along a direction (times its largest component) for the loss series. */
const U_MAX = 1e-3;

const poly = (c: Float64Array, at: number, u: number) =>
  u * (c[at] + u * (c[at + 1] + u * (c[at + 2] + u * c[at + 3])));

export class Incremental {
  readonly base: BaseCache;
  private readonly L: number;
  private readonly act;
  private readonly isSmooth: boolean;
  private readonly tmpC = new Float64Array(4);
  private readonly dz: Float64Array[];
  private readonly tmpZ: Float64Array;
  private readonly acc: Float64Array;

  constructor(
    private readonly net: Net,
    private readonly output: Output,
    data: Dataset,
  ) {
    this.base = new BaseCache(net, output, data);
    this.L = net.nodes.length - 1;
    this.act = activations[net.func];
    this.isSmooth = smooth[net.func];
    this.dz = net.nodes.map((n) => new Float64Array(n));
    this.tmpZ = new Float64Array(net.nodes[this.L]);
    this.acc = new Float64Array(Math.max(...net.nodes));
  }

  /**
   * The mean loss change over the cached samples when weight (l, i, j) moves by
   * step, for j in [jlo, jhi), into out[at + j − jlo]. One row at a time: the
   * samples where unit i is non-zero, and for each of them the units j it
   * feeds, so that each sample's step and coefficients are read once.
   */
  row(
    params: Float64Array,
    l: number,
    i: number,
    jlo: number,
    jhi: number,
    step: number,
    out: Float64Array,
    at: number,
  ): void {
    const b = this.base;
    const acc = this.acc;
    acc.fill(0, jlo, jhi);
    const pos = b.nzPos[l];
    const val = b.nzVal[l];
    const width = this.net.nodes[l + 1];
    for (let n = b.nzStart[l][i], end = b.nzStart[l][i + 1]; n < end; n++) {
      const p = pos[n];
      const x = val[n] * step;
      if (l === this.L - 1) {
        // Output weights: logit j moves by x.
        const small = Math.abs(x) <= U_MAX;
        for (let j = jlo; j < jhi; j++)
          acc[j] += small ? poly(b.outC, (p * width + j) * 4, x) : this.exact(params, p, -1, j, x);
      } else if (l === this.L - 2) {
        // Into the last hidden layer: unit j changes by da, the logits by da·W[j, :].
        const series = this.isSmooth && Math.abs(x) <= DELTA_MAX;
        for (let j = jlo; j < jhi; j++) {
          const c = (p * width + j) * 4;
          const da = series
            ? poly(b.actC as Float64Array, c, x)
            : this.unitDelta(b.z[l + 1], b.a[l + 1], j * b.samples + p, x);
          if (da === 0) continue;
          acc[j] += Math.abs(da) * b.wMax[j] <= U_MAX ? poly(b.lastC, c, da) : this.exact(params, p, j, -1, da);
        }
      } else for (let j = jlo; j < jhi; j++) acc[j] += this.deep(params, l, j, p, x);
    }
    for (let j = jlo; j < jhi; j++) out[at + j - jlo] = acc[j] / b.samples;
  }

  /** f(z + δ) − f(z) of one unit from its cached z and a; `at` indexes the unit-major caches. */
  private unitDelta(z: Float64Array, a: Float64Array, at: number, delta: number): number {
    if (!this.isSmooth) return reluDelta(z[at], delta);
    if (Math.abs(delta) > DELTA_MAX) return this.act(z[at] + delta) - a[at];
    taylor[this.net.func](a[at], this.tmpC, 0);
    return poly(this.tmpC, 0, delta);
  }

  /**
   * The loss change of sample p when the logits move by u·(row `row` of the last
   * weight matrix), or by u in logit `unit`: exactly, for steps past the series.
   */
  private exact(params: Float64Array, p: number, row: number, unit: number, u: number): number {
    const b = this.base;
    const K = this.tmpZ.length;
    const wAt = this.net.offsets[this.L - 1] + row * K;
    for (let m = 0; m < K; m++)
      this.tmpZ[m] = b.zOut[p * K + m] + (row >= 0 ? u * params[wAt + m] : m === unit ? u : 0);
    return this.output.sampleLoss(this.tmpZ, b.targets, b.targetAt(p)) - b.termOf(p);
  }

  /** Weights two or more layers before the output: push the change through every later layer. */
  private deep(params: Float64Array, l: number, j: number, p: number, x: number): number {
    const b = this.base;
    const { nodes, offsets } = this.net;
    const S = b.samples;
    let prev = this.dz[l + 1];
    prev.fill(0);
    prev[j] = this.unitDelta(b.z[l + 1], b.a[l + 1], j * S + p, x);
    for (let m = l + 2; m <= this.L; m++) {
      const next = this.dz[m];
      next.fill(0);
      for (let r = 0; r < nodes[m - 1]; r++) {
        const d = prev[r];
        if (d === 0) continue;
        const w = offsets[m - 1] + r * nodes[m];
        for (let q = 0; q < nodes[m]; q++) next[q] += d * params[w + q];
      }
      if (m < this.L) for (let q = 0; q < nodes[m]; q++) next[q] = this.unitDelta(b.z[m], b.a[m], q * S + p, next[q]);
      prev = next;
    }
    let big = 0;
    for (let q = 0; q < prev.length; q++) big = Math.max(big, Math.abs(prev[q]));
    if (big <= U_MAX) {
      // The series along the change itself, at u = 1.
      for (let q = 0; q < prev.length; q++) this.tmpZ[q] = b.zOut[p * prev.length + q];
      const dirs = { w: prev, wAt: 0, wStep: 0, count: 1, c: this.tmpC, cAt: 0, cStep: 0 };
      this.output.series(this.tmpZ, b.targets, b.targetAt(p), dirs);
      return poly(this.tmpC, 0, 1);
    }
    for (let q = 0; q < prev.length; q++) this.tmpZ[q] = b.zOut[p * prev.length + q] + prev[q];
    return this.output.sampleLoss(this.tmpZ, b.targets, b.targetAt(p)) - b.termOf(p);
  }
}
