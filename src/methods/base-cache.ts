// The base pass of an iteration, kept for incremental finite differences
// (incremental.ts). For every sample of the batch: every layer's
// pre-activations and activations, the loss term, the units whose activation
// is not 0, the series coefficients of the last two weight layers, and in
// deep nets every earlier unit's expansion (expansion.ts). All
// sample-major (sample p, unit u at p·width + u), so that one sample's values
// lie together: incremental.ts visits the samples one by one.
//
// The buffers can live in SharedArrayBuffers: then the threads of a pool
// compute the base pass together, split by samples (the iteration's first
// phase), and all read all of it (the second). Every entry depends on its
// sample alone, so who computed it does not change its bits.

import type { Dataset } from '../data/dataset.ts';
import { inputFacts } from '../data/input-facts.ts';
import { activations, smooth, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Directions, Output } from '../nn/output.ts';
import { composeSeries, DELTA_MAX, U_MAX } from '../nn/series.ts';
import type { BaseBuffers } from './base-buffers.ts';
import { Expansions } from './expansion.ts';

export class BaseCache {
  /** Samples in the current batch, S, and their indices in the data set. */
  samples = 0;
  private idx: Int32Array;
  /** Per last-hidden unit: the largest |w| of its row into the logits. */
  readonly wMax: Float64Array;
  readonly targets: Float64Array;
  readonly inputs;
  /** The directions of rowC: the last weight matrix's H rows (copied in begin), then the K unit vectors. */
  private readonly rows: Float64Array;
  /** The logits of the sample whose loss and series are being computed. */
  private readonly logits: Float64Array;
  private readonly L: number;
  /** Last hidden layer's width (0 without one) and the logits'; rowC holds H + K rows a sample. */
  readonly H: number;
  readonly K: number;
  readonly rowsPerSample: number;

  private readonly net: Net;
  private readonly output: Output;
  private readonly data: Dataset;
  readonly buf: BaseBuffers;

  /** h: the run's step (deep nets pick their expansions' order from the largest step it makes). */
  constructor(net: Net, output: Output, data: Dataset, buf: BaseBuffers, h = 0) {
    this.net = net;
    this.output = output;
    this.data = data;
    this.buf = buf;
    const { nodes } = net;
    this.L = nodes.length - 1;
    this.K = nodes[this.L];
    this.H = this.L >= 2 ? nodes[this.L - 1] : 0;
    this.rowsPerSample = this.H + this.K;
    this.wMax = new Float64Array(this.H);
    this.targets = data.targets;
    this.inputs = data.inputs;
    this.idx = Int32Array.from({ length: data.n }, (_, i) => i);
    this.logits = new Float64Array(this.K);
    this.rows = new Float64Array(this.rowsPerSample * this.K);
    for (let k = 0; k < this.K; k++) this.rows[(this.H + k) * this.K + k] = 1;
    this.dirs = { w: this.rows, wAt: 0, wStep: this.K, count: this.rowsPerSample, c: buf.rowC, cAt: 0, cStep: 4 };
    this.expansions = Expansions.needed(net) ? new Expansions(net, output, buf, h * inputFacts(data).largest) : null;
    this.cubic = this.expansions?.cubic ?? false;
  }

  /** Whether the expansions are cubics (their fourth coefficients 0). */
  readonly cubic: boolean;

  /** Deep nets: the shared downstream expansions of layers 1..L−2, computed with each sample's base pass. */
  private readonly expansions: Expansions | null;

  /** The batch (all samples, in order, if none) and the params of an iteration, in this thread. */
  begin(params: Float64Array, samples?: Int32Array): void {
    const S = samples ? samples.length : this.data.n;
    if (S > this.buf.capacity) throw new Error(`base pass of ${S} samples: room for ${this.buf.capacity}`);
    this.samples = S;
    if (samples) this.idx = samples;
    const wAt = this.net.offsets[this.L - 1];
    for (let j = 0; j < this.H; j++) {
      let m = 0;
      for (let k = 0; k < this.K; k++) {
        const w = params[wAt + j * this.K + k];
        this.rows[j * this.K + k] = w;
        m = Math.max(m, Math.abs(w));
      }
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

  /**
   * The base pass for sample positions [lo, hi) of the current batch (after
   * begin, with the same params: the series read the last layer's rows as
   * begin copied them): a layer at a time over the samples, whose long loops
   * beat a sample at a time on small nets; then each sample's loss term and
   * series.
   */
  compute(params: Float64Array, lo: number, hi: number): void {
    this.expansions?.begin(params);
    const act = activations[this.net.func];
    const { nodes } = this.net;
    const { z, a } = this.buf;
    for (let l = 0; l < this.L; l++) {
      this.layer(params, l, lo, hi);
      if (l + 1 === this.L) break;
      const zl = z[l + 1];
      const al = a[l + 1];
      for (let u = lo * nodes[l + 1], end = hi * nodes[l + 1]; u < end; u++) al[u] = act(zl[u]);
    }
    const logits = this.logits;
    const zL = z[this.L];
    for (let p = lo; p < hi; p++) {
      for (let k = 0, at = p * this.K; k < this.K; k++) logits[k] = zL[at + k];
      this.coefficients(p);
      this.expansions?.sample(params, p, logits, this.targets, this.targetAt(p));
    }
  }

  /**
   * Layer l + 1's pre-activations for samples [lo, hi), summed in forwardLogits'
   * order (network.ts) so that E(w) has its bits, and layer l's non-zero units.
   */
  private layer(params: Float64Array, l: number, lo: number, hi: number): void {
    const { nodes, offsets } = this.net;
    const nIn = nodes[l];
    const nOut = nodes[l + 1];
    const prev = l === 0 ? this.inputs : this.buf.a[l];
    const zl = this.buf.z[l + 1]; // accumulated in place: plain loops beat fill() and set() on vectors this short
    const units = this.buf.nzUnit[l];
    const counts = this.buf.nzCount[l];
    for (let p = lo; p < hi; p++) {
      const at = l === 0 ? this.inputAt(p) : p * nIn;
      const out = p * nOut;
      for (let j = 0; j < nOut; j++) zl[out + j] = 0;
      let count = 0;
      for (let i = 0, w = offsets[l]; i < nIn; i++, w += nOut) {
        const v = prev[at + i];
        if (v === 0) continue;
        units[p * nIn + count++] = i;
        for (let j = 0; j < nOut; j++) zl[out + j] += v * params[w + j];
      }
      counts[p] = count;
    }
  }

  /** Where Output.series reads its directions and writes its coefficients: the rows, into sample p's rowC. */
  private readonly dirs: Directions;

  /** Sample p's loss term and series (its logits in this.logits). */
  private coefficients(p: number): void {
    const { H, L } = this;
    const { z, a, rowC, comp } = this.buf;
    this.dirs.cAt = p * this.rowsPerSample * 4;
    this.buf.terms[p] = this.output.series(this.logits, this.targets, this.targetAt(p), this.dirs);
    if (H === 0) return;
    let gain = 0;
    let zMin = Infinity;
    const series = taylor[this.net.func];
    const aH = a[L - 1];
    const zH = z[L - 1];
    const wMax = this.wMax;
    for (let j = 0, u = p * H; j < H; j++, u++) {
      const at = u * 4;
      series(aH[u], comp, at); // the activation's series first...
      const g = Math.abs(comp[at]) * wMax[j];
      if (g > gain) gain = g;
      const az = Math.abs(zH[u]);
      if (az < zMin) zMin = az;
      composeSeries(comp, at, rowC, (p * this.rowsPerSample + j) * 4); // ...then the loss's series of it
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
    const count = this.buf.nzCount[l][p];
    // Every unit non-zero (a smooth activation's always are): unit u is the list's entry u, no search.
    if (count === width) return lo + Math.min(u, width);
    let hi = lo + count;
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
