// Loss changes where the series do not reach: steps too large for them, or
// that take a relu unit across its kink. Each is pushed through the later
// layers exactly, from the base pass's cached values (incremental.ts calls
// these for the few (weight, sample) pairs concerned).

import { activations, reluDelta, smooth, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Directions, Output } from '../nn/output.ts';
import { DELTA_MAX, poly, U_MAX } from '../nn/series.ts';
import type { BaseCache } from './base-cache.ts';

export class PastSeries {
  private readonly L: number;
  private readonly act;
  private readonly isSmooth: boolean;
  private readonly tmpC = new Float64Array(4);
  /** deep()'s one direction (its w set per call), its coefficients into tmpC. */
  private readonly along: Directions = { w: this.tmpC, wAt: 0, wStep: 0, count: 1, c: this.tmpC, cAt: 0, cStep: 0 };
  private readonly dz: Float64Array[];
  private readonly tmpZ: Float64Array;

  private readonly net: Net;
  private readonly output: Output;
  private readonly base: BaseCache;

  constructor(net: Net, output: Output, base: BaseCache) {
    this.net = net;
    this.output = output;
    this.base = base;
    this.L = net.nodes.length - 1;
    this.act = activations[net.func];
    this.isSmooth = smooth[net.func];
    this.dz = net.nodes.map((n) => new Float64Array(n));
    this.tmpZ = new Float64Array(net.nodes[this.L]);
  }

  /** Weights into the last hidden layer, past the series: unit j changes by da, the logits by da·W[j, :]. */
  lastHiddenRow(
    params: Float64Array,
    p: number,
    x: number,
    acc: Float64Array,
    row: number,
    jFrom: number,
    jTo: number,
  ) {
    const b = this.base;
    const H = this.net.nodes[this.L - 1];
    for (let j = jFrom; j < jTo; j++) {
      const da = this.unitDelta(b.buf.z[this.L - 1], b.buf.a[this.L - 1], p * H + j, x);
      if (da === 0) continue;
      acc[row + j] +=
        Math.abs(da) * b.wMax[j] <= U_MAX
          ? poly(b.buf.rowC, (p * b.rowsPerSample + j) * 4, da)
          : this.exact(params, p, j, -1, da);
    }
  }

  /** f(z + δ) − f(z) of one unit from its cached z and a (index `at`). */
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
  exact(params: Float64Array, p: number, row: number, unit: number, u: number): number {
    const b = this.base;
    const K = this.tmpZ.length;
    const zOut = b.buf.z[this.L];
    const wAt = this.net.offsets[this.L - 1] + row * K;
    for (let m = 0; m < K; m++) this.tmpZ[m] = zOut[p * K + m] + (row >= 0 ? u * params[wAt + m] : m === unit ? u : 0);
    return this.output.sampleLoss(this.tmpZ, b.targets, b.targetAt(p)) - b.buf.terms[p];
  }

  /** A weight two or more layers before the output, past its expansion: push the change through every later layer. */
  deep(params: Float64Array, l: number, j: number, p: number, x: number): number {
    const b = this.base;
    const { nodes, offsets } = this.net;
    let prev = this.dz[l + 1];
    prev.fill(0);
    prev[j] = this.unitDelta(b.buf.z[l + 1], b.buf.a[l + 1], p * nodes[l + 1] + j, x);
    for (let m = l + 2; m <= this.L; m++) {
      const next = this.dz[m];
      next.fill(0);
      for (let r = 0; r < nodes[m - 1]; r++) {
        const d = prev[r];
        if (d === 0) continue;
        const w = offsets[m - 1] + r * nodes[m];
        for (let q = 0; q < nodes[m]; q++) next[q] += d * params[w + q];
      }
      if (m < this.L)
        for (let q = 0; q < nodes[m]; q++) next[q] = this.unitDelta(b.buf.z[m], b.buf.a[m], p * nodes[m] + q, next[q]);
      prev = next;
    }
    const K = prev.length;
    const zOut = b.buf.z[this.L];
    let big = 0;
    for (let q = 0; q < K; q++) big = Math.max(big, Math.abs(prev[q]));
    if (big <= U_MAX) {
      // The loss series along the change itself, at u = 1 (the base loss term is cached already).
      for (let q = 0; q < K; q++) this.tmpZ[q] = zOut[p * K + q];
      this.along.w = prev;
      this.output.series(this.tmpZ, b.targets, b.targetAt(p), this.along, false);
      return poly(this.tmpC, 0, 1);
    }
    for (let q = 0; q < K; q++) this.tmpZ[q] = zOut[p * K + q] + prev[q];
    return this.output.sampleLoss(this.tmpZ, b.targets, b.targetAt(p)) - b.buf.terms[p];
  }
}
