// Incremental finite differences: E(w ± h·1_k) − E(w) without a whole
// forward pass per weight.
//
// Perturbing weight (l, i, j) by δw moves one pre-activation, unit j of layer
// l + 1, by δw·a_l[i] in each sample, and nothing upstream. So once per
// iteration (per batch) a thread caches the base pass (base-cache.ts), and a
// perturbed loss then costs, per sample with a_l[i] ≠ 0, one unit's change and
// what lies downstream of it. Samples where a_l[i] = 0 contribute nothing.
//
// The changes are small (δw = h), so they are evaluated as differences
// directly rather than as the difference of two large sums: one polynomial per
// sample and unit j in the step of j's pre-activation, shared by every weight
// into j. For the logits it is the loss's series along one logit; for the last
// hidden layer, the unit's activation series composed with the loss's along
// its row of weights; for earlier layers, the unit's expansion through every
// later layer (expansion.ts). The truncation lies far below rounding at these
// steps, so what comes out is the finite difference itself (the tests check it
// against whole forward passes), not the analytic derivative; steps too large
// for the series, and relu's kink, fall back to exact differences.
//
// Every layer goes sample by sample: one sample's coefficients stay in cache
// while every non-zero unit (or input) of it adds to the weights it feeds,
// found from the sample's list of non-zero units that the base pass made, so
// a chunk of weights costs its own units and a search per sample. (A thread
// used to build the batch's inputs by column for this: 0.3 ms per iteration on
// MNIST batches, in every thread.) Each weight's sum runs over the samples in
// order, so the bits do not depend on which thread evaluates which weights, or
// in what chunks.

import type { Dataset } from '../data/dataset.ts';
import { smooth } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { poly, U_MAX } from '../nn/series.ts';
import type { BaseBuffers } from './base-buffers.ts';
import { BaseCache } from './base-cache.ts';
import { PastSeries } from './past-series.ts';

/** Where a layer's series coefficients are: see Incremental.series. */
interface Series {
  coef: Float64Array;
  stride: number;
  first: number;
  /** Layers before the last two: per sample and unit, the largest step the series holds for; per sample, the least. */
  unitLimit?: Float64Array;
  sampleLimit?: Float64Array;
  /** Whether the fourth coefficients are all 0 (expansions at small steps): a cubic is then enough. */
  cubic?: boolean;
}

/** acc[r + e] += the quartic at coef[c + 4e..] of x, e < n (a cubic where the fourth coefficients are 0: the same bits). */
function addRow(acc: Float64Array, r: number, coef: Float64Array, c: number, n: number, x: number, cubic?: boolean) {
  if (cubic) for (let e = 0; e < n; e++, c += 4) acc[r + e] += x * (coef[c] + x * (coef[c + 1] + x * coef[c + 2]));
  else
    for (let e = 0; e < n; e++, c += 4)
      acc[r + e] += x * (coef[c] + x * (coef[c + 1] + x * (coef[c + 2] + x * coef[c + 3])));
}

export class Incremental {
  readonly base: BaseCache;
  private readonly L: number;
  private readonly isSmooth: boolean;
  private readonly past: PastSeries;
  private acc = new Float64Array(0);

  private readonly net: Net;

  constructor(net: Net, output: Output, data: Dataset, buffers: BaseBuffers, h: number) {
    this.net = net;
    this.base = new BaseCache(net, output, data, buffers, h);
    this.L = net.nodes.length - 1;
    this.isSmooth = smooth[net.func];
    this.past = new PastSeries(net, output, this.base);
    const { rowC, comp } = this.base.buf;
    const { H, rowsPerSample } = this.base;
    const { deep, deepLimit, deepMin } = this.base.buf;
    this.series = net.nodes.slice(1).map((n, l) => {
      if (l === this.L - 1) return { coef: rowC, stride: rowsPerSample, first: H };
      if (l === this.L - 2) return { coef: comp, stride: H, first: 0 };
      const [unitLimit, sampleLimit, cubic] = [deepLimit[l + 1], deepMin[l + 1], this.base.cubic];
      return { coef: deep[l + 1], stride: n, first: 0, unitLimit, sampleLimit, cubic };
    });
  }

  /**
   * Mean loss changes over the batch when each weight of layer l with local
   * index k in [kFrom, kTo) (k = i·width + j) moves by step, into
   * out[at + k − kFrom]. Needs the batch's base pass (BaseCache.compute).
   */
  block(
    params: Float64Array,
    l: number,
    kFrom: number,
    kTo: number,
    step: number,
    out: Float64Array,
    at: number,
  ): void {
    if (this.acc.length < kTo - kFrom) this.acc = new Float64Array(kTo - kFrom);
    const acc = this.acc;
    acc.fill(0, 0, kTo - kFrom);
    this.layerBySamples(params, l, kFrom, kTo, step, acc);
    const S = this.base.samples;
    for (let e = 0; e < kTo - kFrom; e++) out[at + e] = acc[e] / S;
  }

  /**
   * The series of the weights of each layer l: a quartic per sample and unit
   * j, at coef[(p·stride + first + j)·4] (output: the loss along a logit; last
   * hidden: composed from the unit's pre-activation; earlier: its expansion,
   * expansion.ts). Fixed per run.
   */
  private readonly series: Series[];

  /**
   * Weights [kFrom, kTo) of layer l: sample by sample, one sample's
   * coefficients in cache for all its units, each sample's non-zero units of
   * layer l found in its list from the base pass (BaseCache.firstFrom).
   */
  private layerBySamples(
    params: Float64Array,
    l: number,
    kFrom: number,
    kTo: number,
    step: number,
    acc: Float64Array,
  ): void {
    const b = this.base;
    const nIn = this.net.nodes[l];
    const width = this.net.nodes[l + 1];
    const { coef, stride, first, sampleLimit, cubic } = this.series[l];
    const isOut = l === this.L - 1;
    const limit = sampleLimit ?? b.buf.limit; // per sample, the largest step for which the series holds for every unit
    const edge = this.isSmooth; // smooth units: the series holds at the limit itself
    const units = b.buf.nzUnit[l];
    const count = b.buf.nzCount[l];
    const values = l === 0 ? b.inputs : b.buf.a[l];
    const iFrom = Math.floor(kFrom / width);
    const iLast = Math.floor((kTo - 1) / width);
    for (let p = 0; p < b.samples; p++) {
      const lim = isOut ? U_MAX : limit[p];
      const at = l === 0 ? b.inputAt(p) : p * nIn;
      for (let n = b.firstFrom(l, p, iFrom), end = p * nIn + count[p]; n < end && units[n] <= iLast; n++) {
        const i = units[n];
        const jFrom = i === iFrom ? kFrom - i * width : 0;
        const jTo = i === iLast ? kTo - i * width : width;
        const row = i * width - kFrom;
        const x = values[at + i] * step;
        const ax = Math.abs(x);
        if (ax < lim || (edge && ax === lim)) {
          addRow(acc, row + jFrom, coef, (p * stride + first + jFrom) * 4, jTo - jFrom, x, cubic);
        } else this.beyond(params, l, p, x, acc, row, jFrom, jTo);
      }
    }
  }

  /** Sample p's loss changes into acc[row + j], j in [jFrom, jTo), where the series does not reach every unit. */
  private beyond(
    params: Float64Array,
    l: number,
    p: number,
    x: number,
    acc: Float64Array,
    row: number,
    jFrom: number,
    jTo: number,
  ): void {
    if (l === this.L - 1) for (let j = jFrom; j < jTo; j++) acc[row + j] += this.past.exact(params, p, -1, j, x);
    else if (l === this.L - 2) this.past.lastHiddenRow(params, p, x, acc, row, jFrom, jTo);
    else this.deepRow(params, l, p, x, acc, row, jFrom, jTo);
  }

  /** Weights into a unit of layers 1..L−2: its expansion where the step is within its own limit, else pushed through. */
  private deepRow(
    params: Float64Array,
    l: number,
    p: number,
    x: number,
    acc: Float64Array,
    row: number,
    jFrom: number,
    jTo: number,
  ): void {
    const { coef, stride, unitLimit } = this.series[l];
    const ax = Math.abs(x);
    for (let j = jFrom; j < jTo; j++) {
      const at = p * stride + j;
      const lim = (unitLimit as Float64Array)[at];
      acc[row + j] +=
        ax < lim || (this.isSmooth && ax === lim) ? poly(coef, at * 4, x) : this.past.deep(params, l, j, p, x);
    }
  }
}
