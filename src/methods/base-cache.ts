// The base pass of an iteration, kept for incremental finite differences
// (incremental.ts). For every sample of the batch: every layer's
// pre-activations and activations, the loss term, the units whose activation
// is not 0, and the series coefficients of the last two weight layers. All
// sample-major (sample p, unit u at p·width + u), so that one sample's values
// lie together: incremental.ts visits the samples one by one.
//
// Each thread builds its own from the shared params (the same bits in every
// thread), once per iteration: cheaper to recompute than to hand over.

import type { Dataset } from '../data/dataset.ts';
import { activations, smooth, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { composeSeries, NonZero } from './series.ts';

export class BaseCache {
  /** Samples in the cached batch, S. */
  samples = 0;
  /** Mean loss over the batch: E(w). */
  loss = NaN;
  /** z[l] pre-activations (l ≥ 1; z[L] are the logits), a[l] activations (1 ≤ l < L). */
  readonly z: Float64Array[];
  readonly a: Float64Array[];
  /** Per layer l < L: each sample's units with a non-zero activation (l = 0: inputs). */
  readonly nz: NonZero[];
  /** Series coefficients, 4 per sample and unit: the loss along each logit (outC); along each row of
   *  the last weight matrix (lastC); and both series composed, from a last-hidden pre-activation step
   *  to the loss (comp). */
  outC = new Float64Array(0);
  lastC = new Float64Array(0);
  comp = new Float64Array(0);
  /** Per sample: a bound on |loss step / pre-activation step| over the last hidden units (series
   *  guard), and the smallest |z| among them (relu: no unit crosses its kink below it). */
  gain = new Float64Array(0);
  zMin = new Float64Array(0);
  /** Per last-hidden unit: the largest |w| of its row into the logits. */
  readonly wMax: Float64Array;
  readonly targets: Float64Array;
  private terms = new Float64Array(0);
  private idx = new Int32Array(0);
  private readonly cachedParams: Float64Array;
  private readonly identity: Float64Array;
  private readonly L: number;
  private readonly H: number;
  private readonly K: number;

  constructor(
    private readonly net: Net,
    private readonly output: Output,
    private readonly data: Dataset,
  ) {
    const { nodes } = net;
    this.L = nodes.length - 1;
    this.K = nodes[this.L];
    this.H = this.L >= 2 ? nodes[this.L - 1] : 0;
    this.z = nodes.map(() => new Float64Array(0));
    this.a = nodes.map(() => new Float64Array(0));
    this.nz = nodes.slice(0, -1).map(() => new NonZero());
    this.wMax = new Float64Array(this.H);
    this.targets = data.targets;
    this.identity = new Float64Array(this.K * this.K);
    for (let k = 0; k < this.K; k++) this.identity[k * this.K + k] = 1;
    this.cachedParams = new Float64Array(net.offsets[this.L]).fill(NaN);
  }

  targetAt(p: number): number {
    return this.idx[p] * this.data.outDim;
  }

  termOf(p: number): number {
    return this.terms[p];
  }

  /** Builds the cache for params over the given samples (all, in order, if none) unless it holds them already. */
  ensure(params: Float64Array, samples?: Int32Array): void {
    const S = samples ? samples.length : this.data.n;
    if (S === this.samples && this.holds(params, samples)) return;
    this.resize(S);
    for (let p = 0; p < S; p++) this.idx[p] = samples ? samples[p] : p;
    this.cachedParams.set(params);
    this.forward(params);
    this.coefficients(params);
  }

  private holds(params: Float64Array, samples?: Int32Array): boolean {
    for (let k = 0; k < params.length; k++) if (params[k] !== this.cachedParams[k]) return false;
    for (let p = 0; p < this.samples; p++) if ((samples ? samples[p] : p) !== this.idx[p]) return false;
    return true;
  }

  private resize(S: number): void {
    const { nodes } = this.net;
    this.samples = S;
    if (this.idx.length >= S) return;
    this.idx = new Int32Array(S);
    for (let l = 1; l <= this.L; l++) {
      this.z[l] = new Float64Array(nodes[l] * S);
      if (l < this.L) this.a[l] = new Float64Array(nodes[l] * S);
    }
    this.terms = new Float64Array(S);
    this.outC = new Float64Array(this.K * S * 4);
    this.lastC = new Float64Array(this.H * S * 4);
    this.comp = new Float64Array(this.H * S * 4);
    this.gain = new Float64Array(S);
    this.zMin = new Float64Array(S);
  }

  /** The forward pass of forwardLogits (network.ts), in the same order, so E(w) has the same bits. */
  private forward(params: Float64Array): void {
    const { nodes, offsets } = this.net;
    const { inputs, inDim } = this.data;
    const act = activations[this.net.func];
    const S = this.samples;
    for (const nz of this.nz) nz.clear(S);
    let sum = 0;
    for (let p = 0; p < S; p++) {
      let prev: Float64Array | Float32Array = inputs;
      let at = this.idx[p] * inDim;
      for (let l = 0; l < this.L; l++) {
        const nIn = nodes[l];
        const nOut = nodes[l + 1];
        const z = this.z[l + 1];
        const out = p * nOut;
        z.fill(0, out, out + nOut);
        this.nz[l].open(p);
        for (let i = 0, w = offsets[l]; i < nIn; i++, w += nOut) {
          const v = prev[at + i];
          if (v === 0) continue;
          this.nz[l].push(i, v);
          for (let j = 0; j < nOut; j++) z[out + j] += v * params[w + j];
        }
        if (l + 1 === this.L) break;
        const a = this.a[l + 1];
        for (let j = 0; j < nOut; j++) a[out + j] = act(z[out + j]);
        prev = a;
        at = out;
      }
      for (const nz of this.nz) nz.close(p);
      this.terms[p] = this.output.sampleLoss(
        this.z[this.L].subarray(p * this.K, (p + 1) * this.K),
        this.targets,
        this.targetAt(p),
      );
      sum += this.terms[p];
    }
    this.loss = sum / S;
  }

  private coefficients(params: Float64Array): void {
    const { K, H, L } = this;
    const wAt = this.net.offsets[L - 1];
    for (let j = 0; j < H; j++) {
      let m = 0;
      for (let k = 0; k < K; k++) m = Math.max(m, Math.abs(params[wAt + j * K + k]));
      this.wMax[j] = m;
    }
    const isSmooth = smooth[this.net.func];
    for (let p = 0; p < this.samples; p++) {
      const logits = this.z[L].subarray(p * K, (p + 1) * K);
      const t = this.targetAt(p);
      this.output.series(logits, this.targets, t, {
        w: this.identity,
        wAt: 0,
        wStep: K,
        count: K,
        c: this.outC,
        cAt: p * K * 4,
        cStep: 4,
      });
      if (H === 0) continue;
      this.output.series(logits, this.targets, t, {
        w: params,
        wAt,
        wStep: K,
        count: H,
        c: this.lastC,
        cAt: p * H * 4,
        cStep: 4,
      });
      let gain = 0;
      let zMin = Infinity;
      for (let j = 0; j < H; j++) {
        const at = (p * H + j) * 4;
        taylor[this.net.func](this.a[L - 1][p * H + j], this.comp, at); // the activation's series first...
        gain = Math.max(gain, Math.abs(this.comp[at]) * this.wMax[j]);
        zMin = Math.min(zMin, Math.abs(this.z[L - 1][p * H + j]));
        composeSeries(this.comp, at, this.lastC, at); // ...then the loss's series of it
      }
      this.gain[p] = isSmooth ? 1.01 * gain : gain; // a step's higher terms stay within 1% below the series' limit
      this.zMin[p] = zMin;
    }
  }
}
