// The base pass of an iteration, kept for incremental finite differences
// (incremental.ts): for every sample of the batch, every layer's
// pre-activations and activations (unit-major: unit u of sample p at u·S + p,
// so the samples of one unit lie together), the logits and loss terms, the
// series coefficients of the last hidden layer and of the loss, and per layer
// and unit the list of samples where the activation is not 0.
//
// Each thread builds its own from the shared params (the same bits in every
// thread), once per iteration: cheaper to recompute than to hand over.

import type { Dataset } from '../data/dataset.ts';
import { activations, taylor } from '../nn/activation.ts';
import type { Net } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';

export class BaseCache {
  /** Samples in the cached batch, S. */
  samples = 0;
  /** Mean loss over the batch: E(w). */
  loss = NaN;
  /** z[l], a[l]: pre-activations (l ≥ 1) and activations (l < L; a[0] = inputs), unit-major. */
  readonly z: Float64Array[];
  readonly a: Float64Array[];
  /** Logits and loss term of each sample, sample-major. */
  zOut = new Float64Array(0);
  private terms = new Float64Array(0);
  /** Coefficients, 4 per sample and unit (sample-major, at p·width + unit): the last hidden layer's
   *  activation series, the loss along each row of the last weight matrix, the loss along each logit. */
  actC?: Float64Array;
  lastC = new Float64Array(0);
  outC = new Float64Array(0);
  /** Per unit of the last hidden layer: the largest |w| of its row into the logits. */
  readonly wMax: Float64Array;
  /** Per layer: CSR lists of (sample, activation) where a unit's activation is not 0. */
  readonly nzStart: Int32Array[];
  nzPos: Int32Array[] = [];
  nzVal: Float64Array[] = [];
  readonly targets: Float64Array;
  private idx = new Int32Array(0);
  private readonly cachedParams: Float64Array;
  private readonly identity: Float64Array;
  private readonly tmp: Float64Array[];
  private readonly L: number;

  constructor(
    private readonly net: Net,
    private readonly output: Output,
    private readonly data: Dataset,
  ) {
    const { nodes } = net;
    this.L = nodes.length - 1;
    this.z = nodes.map(() => new Float64Array(0));
    this.a = nodes.map(() => new Float64Array(0));
    this.tmp = nodes.map((n) => new Float64Array(n));
    this.nzStart = nodes.map((n) => new Int32Array(n + 1));
    this.wMax = new Float64Array(this.L >= 1 ? nodes[this.L - 1] : 0);
    this.targets = data.targets;
    const K = nodes[this.L];
    this.identity = new Float64Array(K * K);
    for (let k = 0; k < K; k++) this.identity[k * K + k] = 1;
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
    this.nonZeroLists();
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
    for (let l = 0; l <= this.L; l++) {
      this.z[l] = new Float64Array(nodes[l] * S);
      this.a[l] = new Float64Array(nodes[l] * S);
      this.nzPos[l] = new Int32Array(nodes[l] * S);
      this.nzVal[l] = new Float64Array(nodes[l] * S);
    }
    const K = nodes[this.L];
    const H = this.L >= 1 ? nodes[this.L - 1] : 0;
    this.zOut = new Float64Array(S * K);
    this.terms = new Float64Array(S);
    this.outC = new Float64Array(K * S * 4);
    this.lastC = new Float64Array(H * S * 4);
    this.actC = this.L >= 2 ? new Float64Array(H * S * 4) : undefined;
  }

  /** The forward pass of forwardLogits (network.ts), in the same order, so E(w) has the same bits. */
  private forward(params: Float64Array): void {
    const { nodes, offsets } = this.net;
    const { inputs, inDim } = this.data;
    const act = activations[this.net.func];
    const S = this.samples;
    const K = nodes[this.L];
    let sum = 0;
    for (let p = 0; p < S; p++) {
      let prev = this.tmp[0];
      for (let i = 0; i < nodes[0]; i++) {
        prev[i] = inputs[this.idx[p] * inDim + i];
        this.a[0][i * S + p] = prev[i];
      }
      for (let l = 0; l < this.L; l++) {
        const nOut = nodes[l + 1];
        const next = this.tmp[l + 1];
        next.fill(0);
        let w = offsets[l];
        for (let i = 0; i < nodes[l]; i++, w += nOut) {
          const a = prev[i];
          if (a === 0) continue;
          for (let j = 0; j < nOut; j++) next[j] += a * params[w + j];
        }
        for (let j = 0; j < nOut; j++) this.z[l + 1][j * S + p] = next[j];
        if (l + 1 < this.L) {
          for (let j = 0; j < nOut; j++) {
            next[j] = act(next[j]);
            this.a[l + 1][j * S + p] = next[j];
          }
        }
        prev = next;
      }
      for (let k = 0; k < K; k++) this.zOut[p * K + k] = prev[k];
      this.terms[p] = this.output.sampleLoss(prev, this.targets, this.targetAt(p));
      sum += this.terms[p];
    }
    this.loss = sum / S;
  }

  private coefficients(params: Float64Array): void {
    const { nodes, offsets } = this.net;
    const S = this.samples;
    const K = nodes[this.L];
    const H = this.L >= 1 ? nodes[this.L - 1] : 0;
    const logits = this.tmp[this.L];
    for (let j = 0; j < H; j++) {
      let m = 0;
      for (let k = 0; k < K; k++) m = Math.max(m, Math.abs(params[offsets[this.L - 1] + j * K + k]));
      this.wMax[j] = m;
    }
    for (let p = 0; p < S; p++) {
      for (let k = 0; k < K; k++) logits[k] = this.zOut[p * K + k];
      const t = this.targetAt(p);
      const outDirs = { w: this.identity, wAt: 0, wStep: K, count: K, c: this.outC, cAt: p * K * 4, cStep: 4 };
      this.output.series(logits, this.targets, t, outDirs);
      if (this.L < 2) continue;
      const rows = { w: params, wAt: offsets[this.L - 1], wStep: K, count: H, c: this.lastC, cAt: p * H * 4, cStep: 4 };
      this.output.series(logits, this.targets, t, rows);
      const actC = this.actC as Float64Array;
      const last = this.a[this.L - 1];
      for (let j = 0; j < H; j++) taylor[this.net.func](last[j * S + p], actC, (p * H + j) * 4);
    }
  }

  private nonZeroLists(): void {
    const S = this.samples;
    for (let l = 0; l < this.L; l++) {
      const a = this.a[l];
      const start = this.nzStart[l];
      const pos = this.nzPos[l];
      const val = this.nzVal[l];
      let n = 0;
      for (let i = 0; i < this.net.nodes[l]; i++) {
        start[i] = n;
        for (let p = 0; p < S; p++) {
          const v = a[i * S + p];
          if (v === 0) continue;
          pos[n] = p;
          val[n] = v;
          n++;
        }
      }
      start[this.net.nodes[l]] = n;
    }
  }
}
