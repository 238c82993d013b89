// The base pass of an iteration, kept for incremental finite differences
// (incremental.ts). For every sample of the batch: every layer's
// pre-activations and activations, the loss term, the units whose activation
// is not 0, and the series coefficients of the last two weight layers. All
// sample-major (sample p, unit u at p·width + u), so that one sample's values
// lie together: incremental.ts visits the samples one by one.
//
// The buffers can live in SharedArrayBuffers: then the threads of a pool
// compute the base pass together, split by samples (the iteration's first
// phase), and all read all of it (the second). Every entry depends on its
// sample alone, so who computed it does not change its bits.

import type { Dataset } from '../data/dataset.ts';
import { activations, smooth, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Directions, Output } from '../nn/output.ts';
import { composeSeries, DELTA_MAX, U_MAX } from './series.ts';

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
  /** Series coefficients, 4 per sample and unit: the loss along each logit (outC); along each row of the
   *  last weight matrix (lastC); both series composed, from a last-hidden pre-activation step (comp). */
  outC: Float64Array;
  lastC: Float64Array;
  comp: Float64Array;
  /** Per sample: a bound on |logit step / pre-activation step| over the last hidden units (series
   *  guard), and the smallest |z| among them (relu: no unit crosses its kink below it). */
  gain: Float64Array;
  zMin: Float64Array;
  /** Per sample: the largest step of a last-hidden pre-activation for which the composed series holds. */
  limit: Float64Array;
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
    outC: f64(nodes[L] * capacity * 4),
    lastC: f64(H * capacity * 4),
    comp: f64(H * capacity * 4),
    gain: f64(capacity),
    zMin: f64(capacity),
    limit: f64(capacity),
  };
}

export class BaseCache {
  /** Samples in the current batch, S, and their indices in the data set. */
  samples = 0;
  private idx: Int32Array;
  /** Per last-hidden unit: the largest |w| of its row into the logits. */
  readonly wMax: Float64Array;
  readonly targets: Float64Array;
  readonly inputs;
  private readonly identity: Float64Array;
  /** One vector per layer for the sample being computed. */
  private readonly tmp: Float64Array[];
  private readonly L: number;
  private readonly H: number;
  private readonly K: number;

  constructor(
    private readonly net: Net,
    private readonly output: Output,
    private readonly data: Dataset,
    readonly buf: BaseBuffers,
  ) {
    const { nodes } = net;
    this.L = nodes.length - 1;
    this.K = nodes[this.L];
    this.H = this.L >= 2 ? nodes[this.L - 1] : 0;
    this.wMax = new Float64Array(this.H);
    this.targets = data.targets;
    this.inputs = data.inputs;
    this.idx = Int32Array.from({ length: data.n }, (_, i) => i);
    this.tmp = nodes.map((n) => new Float64Array(n));
    this.identity = new Float64Array(this.K * this.K);
    for (let k = 0; k < this.K; k++) this.identity[k * this.K + k] = 1;
  }

  /** Which batch the current one is: iteration t's with mini-batches, else −1 (always the whole set). */
  batchKey = Number.NaN;

  /** The batch (all samples, in order, if none) and the params of iteration t, in this thread. */
  begin(params: Float64Array, t: number, samples?: Int32Array): void {
    const S = samples ? samples.length : this.data.n;
    if (S > this.buf.capacity) throw new Error(`base pass of ${S} samples: room for ${this.buf.capacity}`);
    this.samples = S;
    this.batchKey = samples ? t : -1;
    if (samples) this.idx = samples;
    const wAt = this.net.offsets[this.L - 1];
    for (let j = 0; j < this.H; j++) {
      let m = 0;
      for (let k = 0; k < this.K; k++) m = Math.max(m, Math.abs(params[wAt + j * this.K + k]));
      this.wMax[j] = m;
    }
  }

  targetAt(p: number): number {
    return this.idx[p] * this.data.outDim;
  }

  inputAt(p: number): number {
    return this.idx[p] * this.data.inDim;
  }

  /** E(w): the mean of the loss terms, in sample order. */
  loss(): number {
    let sum = 0;
    for (let p = 0; p < this.samples; p++) sum += this.buf.terms[p];
    return sum / this.samples;
  }

  /** The base pass for sample positions [lo, hi) of the current batch (after begin). */
  compute(params: Float64Array, lo: number, hi: number): void {
    for (let p = lo; p < hi; p++) {
      this.forward(params, p);
      this.coefficients(params, p);
    }
  }

  /** The forward pass of forwardLogits (network.ts), in the same order, so E(w) has the same bits. */
  private forward(params: Float64Array, p: number): void {
    const { nodes, offsets } = this.net;
    const act = activations[this.net.func];
    const { z, a, nzCount, nzUnit } = this.buf;
    let prev: Float64Array | Float32Array = this.inputs;
    let at = this.inputAt(p);
    for (let l = 0; l < this.L; l++) {
      const nIn = nodes[l];
      const nOut = nodes[l + 1];
      const out = p * nOut;
      const zl = z[l + 1]; // accumulated in place: plain loops beat fill() and set() on vectors this short
      for (let j = 0; j < nOut; j++) zl[out + j] = 0;
      const units = nzUnit[l];
      let count = 0;
      for (let i = 0, w = offsets[l]; i < nIn; i++, w += nOut) {
        const v = prev[at + i];
        if (v === 0) continue;
        units[p * nIn + count++] = i;
        for (let j = 0; j < nOut; j++) zl[out + j] += v * params[w + j];
      }
      nzCount[l][p] = count;
      if (l + 1 === this.L) break;
      const al = a[l + 1];
      for (let j = 0; j < nOut; j++) al[out + j] = act(zl[out + j]);
      prev = al;
      at = out;
    }
    const logits = this.tmp[this.L];
    const zL = z[this.L];
    for (let k = 0, at = p * this.K; k < this.K; k++) logits[k] = zL[at + k];
    this.buf.terms[p] = this.output.sampleLoss(logits, this.targets, this.targetAt(p));
  }

  /** Where Output.series reads its directions and writes its coefficients: one object, refilled per call. */
  private readonly dirs: Directions = {
    w: new Float64Array(0),
    wAt: 0,
    wStep: 0,
    count: 0,
    c: new Float64Array(0),
    cAt: 0,
    cStep: 4,
  };

  /** Directions: `count` rows of K from w[wAt..], their coefficients from c[cAt..], 4 apart. */
  private directions(w: Float64Array, wAt: number, count: number, c: Float64Array, cAt: number): Directions {
    const d = this.dirs;
    d.w = w;
    d.wAt = wAt;
    d.wStep = this.K;
    d.count = count;
    d.c = c;
    d.cAt = cAt;
    return d;
  }

  private coefficients(params: Float64Array, p: number): void {
    const { K, H, L } = this;
    const { z, a, outC, lastC, comp } = this.buf;
    const logits = this.tmp[L]; // sample p's logits, left there by forward(p), which runs just before
    const t = this.targetAt(p);
    this.output.series(logits, this.targets, t, this.directions(this.identity, 0, K, outC, p * K * 4));
    if (H === 0) return;
    this.output.series(logits, this.targets, t, this.directions(params, this.net.offsets[L - 1], H, lastC, p * H * 4));
    let gain = 0;
    let zMin = Infinity;
    const series = taylor[this.net.func];
    for (let j = 0; j < H; j++) {
      const at = (p * H + j) * 4;
      series(a[L - 1][p * H + j], comp, at); // the activation's series first...
      gain = Math.max(gain, Math.abs(comp[at]) * this.wMax[j]);
      zMin = Math.min(zMin, Math.abs(z[L - 1][p * H + j]));
      composeSeries(comp, at, lastC, at); // ...then the loss's series of it
    }
    // A step's higher terms stay within 1% of the first below the series' limit.
    const isSmooth = smooth[this.net.func];
    this.buf.gain[p] = isSmooth ? 1.01 * gain : gain;
    this.buf.zMin[p] = zMin;
    this.buf.limit[p] = Math.min(isSmooth ? DELTA_MAX : zMin, U_MAX / this.buf.gain[p]);
  }

  /** Position in nzUnit[l] of sample p's first non-zero unit ≥ u. */
  firstFrom(l: number, p: number, u: number): number {
    const width = this.net.nodes[l];
    let lo = p * width;
    let hi = lo + this.buf.nzCount[l][p];
    const units = this.buf.nzUnit[l];
    if (lo === hi || units[lo] >= u) return lo; // most blocks start at a row's beginning
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (units[mid] < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
