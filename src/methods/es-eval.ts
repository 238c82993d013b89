// What a thread does with an evolution-strategies iteration (es.ts):
//   base phase (rank ≥ 1): the batch through the first layer's unperturbed
//     weights, Z = X·W₀, once per iteration, shared by every candidate;
//   candidates: with rank r, candidate ±σ·A·Bᵀ/√r of the first layer costs
//     Z + (X·A)·Bᵀ instead of a new X·W: X·A is r numbers per sample, over
//     its non-zero inputs (both signs of a pair share it), and the rest r per
//     unit. Later layers, whose inputs differ per candidate
//     anyway, get their perturbed weights written out and run as products
//     over the batch. Rank 0 perturbs every weight and runs a whole forward
//     pass, as the paper did;
//   update: the weights' ĝ, each thread a range (es-grad.ts).

import type { Dataset } from '../data/dataset.ts';
import { activateAll } from '../nn/activation.ts';
import { lossSum } from '../nn/loss.ts';
import { createMatmulT, type MatmulT } from '../nn/matmul.ts';
import type { Net, Scratch } from '../nn/network.ts';
import type { Output } from '../nn/output.ts';
import { f64, i32 } from './base-buffers.ts';
import { perturbLayers } from './es.ts';
import { EsGrad } from './es-grad.ts';
import { gaussians, type NoiseLayout, noiseKey, noiseLayout, pairKey } from './es-noise.ts';
import type { EvalSpec } from './eval-spec.ts';

/**
 * The base phase's results, shared by a pool's threads: per sample of the
 * batch, the first layer's pre-activations Z, and its non-zero inputs (values
 * x and indices nz, count nzCount) that X·A is summed over.
 */
export interface EsBase {
  z: Float64Array;
  x: Float64Array;
  nz: Int32Array;
  nzCount: Int32Array;
}

export function allocEsBase(net: Net, capacity: number, shared: boolean): EsBase {
  const m = net.nodes[0];
  return {
    z: f64(net.nodes[1] * capacity, shared),
    x: f64(m * capacity, shared),
    nz: i32(m * capacity, shared),
    nzCount: i32(capacity, shared),
  };
}

/** What a loss needs besides the params: the thread's data, output and scratch, and the batch. */
export interface EsIO {
  data: Dataset;
  output: Output;
  scratch: Scratch;
  samples: Int32Array | undefined;
}

/** One thread's ES state: the noise of the pairs it evaluates, X·A₀ for them, and the layers' buffers. */
export class EsEval {
  readonly layout: NoiseLayout;
  readonly key: number;
  readonly base: EsBase;
  readonly grad: EsGrad;
  private readonly net: Net;
  private readonly spec: EvalSpec;
  private readonly mm: MatmulT;
  /** Pairs [pLo, pHi) of iteration t loaded: their noise (layout.size each), A₀ᵀ rows and X·A₀. */
  private t = -1;
  private pLo = 0;
  private pHi = 0;
  private noise = new Float64Array(0);
  private xa = new Float64Array(0);
  /** Per layer ≥ 1: the activations over the batch, the weights transposed; and one sample's logits. */
  private readonly acts: Float64Array[];
  private readonly wt: Float64Array[];
  private readonly logits: Float64Array;

  constructor(net: Net, spec: EvalSpec, capacity: number, base?: EsBase) {
    this.net = net;
    this.spec = spec;
    this.layout = noiseLayout(net, spec.rank);
    this.key = noiseKey(spec.seed);
    const low = spec.rank > 0;
    this.base = base ?? allocEsBase(net, low ? capacity : 0, false);
    this.mm = createMatmulT();
    this.grad = new EsGrad(net, this.layout, this.key, spec, this.mm);
    const { nodes } = net;
    const L = nodes.length - 1;
    this.acts = nodes.map((n, l) => new Float64Array(low && l >= 1 ? capacity * n : 0));
    this.wt = nodes.map((n, l) => new Float64Array(low && l >= 1 && l < L ? n * nodes[l + 1] : 0));
    this.logits = new Float64Array(nodes[L]);
  }

  /**
   * Base phase, batch positions [lo, hi): each sample's non-zero inputs, and
   * its Z row summed over them in input order (forwardLogits skips zeros too).
   */
  baseRows(params: Float64Array, data: Dataset, samples: Int32Array | undefined, lo: number, hi: number): void {
    const m = this.net.nodes[0];
    const n = this.net.nodes[1];
    const { z, x, nz, nzCount } = this.base;
    for (let b = lo; b < hi; b++) {
      const s = (samples ? samples[b] : b) * m;
      let count = 0;
      for (let i = 0; i < m; i++) {
        const v = data.inputs[s + i];
        if (v === 0) continue;
        x[b * m + count] = v;
        nz[b * m + count] = i;
        count++;
      }
      nzCount[b] = count;
      z.fill(0, b * n, (b + 1) * n);
      for (let k = b * m; k < b * m + count; k++) {
        const a = x[k];
        for (let j = 0, w = nz[k] * n; j < n; j++) z[b * n + j] += a * params[w + j];
      }
    }
  }

  /**
   * Loads the noise of the pairs of candidates [lo, hi) of iteration t and,
   * with rank r, X·A₀ for them: per sample a sum over its non-zero inputs
   * only (the base phase lists them; most pixels of a digit are 0), in input order, so that a thread
   * claiming a few pairs at a time pays for those alone.
   */
  private load(t: number, lo: number, hi: number, count: number) {
    const K = this.spec.candidates;
    const pLo = lo >> 1;
    const pHi = (Math.min(hi, K) + 1) >> 1;
    if (t === this.t && pLo >= this.pLo && pHi <= this.pHi) return;
    const { layout } = this;
    const r = this.spec.rank;
    const pairs = pHi - pLo;
    if (this.noise.length < pairs * layout.size) this.noise = new Float64Array(pairs * layout.size);
    for (let p = pLo; p < pHi; p++)
      gaussians(pairKey(this.key, t, p), 0, layout.size, this.noise, (p - pLo) * layout.size);
    if (r > 0) {
      if (this.xa.length < count * pairs * r) this.xa = new Float64Array(count * pairs * r);
      const m = this.net.nodes[0];
      const { x, nz, nzCount } = this.base;
      const { noise, xa } = this;
      for (let b = 0; b < count; b++) {
        const from = b * m;
        const to = from + nzCount[b];
        for (let p = 0; p < pairs; p++) {
          const a0 = p * layout.size;
          for (let q = 0; q < r; q++) xa[(b * pairs + p) * r + q] = sparseDot(x, nz, from, to, noise, a0 + q, r);
        }
      }
    }
    this.t = t;
    this.pLo = pLo;
    this.pHi = pHi;
  }

  /** Drops the loaded pairs: their X·A was summed over a base phase that is no longer there. */
  forget(): void {
    this.t = -1;
  }

  /** The mean losses of candidates [lo, hi) over the batch into results (c = K: the unperturbed params'). */
  losses(lo: number, hi: number, t: number, params: Float64Array, work: Float64Array, io: EsIO, results: Float64Array) {
    const count = io.samples ? io.samples.length : io.data.n;
    const K = this.spec.candidates;
    if (lo < K) this.load(t, lo, hi, count);
    for (let c = lo; c < hi; c++) {
      const scale = c < K ? ((c & 1) === 1 ? -this.spec.sigma : this.spec.sigma) : 0;
      results[c] =
        this.spec.rank === 0
          ? this.dense(c, scale, params, work, io, count)
          : this.lowRank(c, scale, params, io, count);
    }
  }

  /** Candidate c < K of iteration t with dense noise, w ± σ·ε_(c>>1), into out: a task run's point (es-job.ts). */
  candidate(params: Float64Array, t: number, c: number, out: Float64Array): Float64Array {
    const { net, layout } = this;
    this.load(t, c, c + 1, 0);
    const scale = (c & 1) === 1 ? -this.spec.sigma : this.spec.sigma;
    const at = ((c >> 1) - this.pLo) * layout.size;
    perturbLayers(net, layout, this.noise, at, scale, params, out, 0, net.nodes.length - 1, false);
    return out;
  }

  /** Rank 0: every weight perturbed, a whole forward pass per sample. */
  private dense(c: number, scale: number, params: Float64Array, work: Float64Array, io: EsIO, count: number): number {
    const { net, layout } = this;
    if (scale === 0) return lossSum(net, params, io.data, io.output, io.scratch, io.samples) / count;
    const at = ((c >> 1) - this.pLo) * layout.size;
    perturbLayers(net, layout, this.noise, at, scale, params, work, 0, net.nodes.length - 1, false);
    return lossSum(net, work, io.data, io.output, io.scratch, io.samples) / count;
  }

  /** Rank r: the shared Z plus (X·A₀)·B₀ᵀ, then the later layers as products over the batch. */
  private lowRank(c: number, scale: number, params: Float64Array, io: EsIO, count: number): number {
    const { net, layout, acts, wt } = this;
    const { nodes } = net;
    const L = nodes.length - 1;
    const r = this.spec.rank;
    const n = nodes[1];
    const p = (c >> 1) - this.pLo;
    const { noise } = this;
    const at = p * layout.size;
    const pairsR = (this.pHi - this.pLo) * r;
    const norm = scale / Math.sqrt(r);
    const { xa } = this;
    const z = this.base.z;
    const h = acts[1];
    const b0 = at + layout.b[0];
    for (let b = 0; b < count; b++) {
      const xb = b * pairsR + p * r;
      for (let j = 0; j < n; j++) {
        let v = z[b * n + j];
        if (scale !== 0) {
          let e = 0;
          for (let q = 0; q < r; q++) e += xa[xb + q] * noise[b0 + j * r + q];
          v += norm * e;
        }
        h[b * n + j] = v;
      }
    }
    if (L > 1) activateAll(net.func, h, count * n);
    for (let l = 1; l < L; l++) {
      perturbLayers(net, layout, noise, at, scale, params, wt[l], l, l + 1, true);
      this.mm(acts[l], wt[l], acts[l + 1], count, nodes[l + 1], nodes[l]);
      if (l + 1 < L) activateAll(net.func, acts[l + 1], count * nodes[l + 1]);
    }
    const out = acts[L];
    const K = nodes[L];
    const { data } = io;
    let sum = 0;
    for (let b = 0; b < count; b++) {
      const s = io.samples ? io.samples[b] : b;
      for (let k = 0; k < K; k++) this.logits[k] = out[b * K + k];
      sum += io.output.sampleLoss(this.logits, data.targets, s * data.outDim);
    }
    return sum / count;
  }
}

/** Σ x[k]·a[at + idx[k]·stride] for k in [from, to): a sample's non-zero inputs against one column of A. */
function sparseDot(
  x: Float64Array,
  idx: Int32Array,
  from: number,
  to: number,
  a: Float64Array,
  at: number,
  stride: number,
): number {
  let sum = 0;
  for (let k = from; k < to; k++) sum += x[k] * a[at + idx[k] * stride];
  return sum;
}
