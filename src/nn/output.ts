// Output functions with their per-sample loss terms and their prediction.
// The loss of a data set is the mean of these terms, so the same code serves
// any set of samples (a worker's share, a mini-batch). Each output pairs with
// its loss so that dE/dz = y − d for every one of them (see backprop.ts).
// Their series along curved paths, for deep nets, are in path-series.ts.

import { bcePath, cePath, msePath } from './path-series.ts';

export interface Output {
  readonly name: LossName;
  /** Loss term of one sample from the output layer's logits. */
  sampleLoss(logits: Float64Array, targets: Float64Array, offset: number): number;
  /** Output values from logits, in place. */
  activate(logits: Float64Array): void;
  /** The predicted class (threshold or argmax) from logits; NaN where the output has no classes. */
  predict(logits: Float64Array): number;
  /** The true class of a sample from its targets, as predict numbers them. */
  label(targets: Float64Array, offset: number, outDim: number): number;
  /**
   * Taylor coefficients of the loss term along directions: for r < count, with
   * w_r = w[wAt + r·wStep ..][0..K), φ(u) = sampleLoss(z + u·w_r) − sampleLoss(z)
   * ≈ u(c1 + u(c2 + u(c3 + u c4))), into c[cAt + r·cStep ..][0..4). Used to
   * evaluate small finite differences directly (methods/incremental.ts).
   * Returns sampleLoss(z), with its bits, from the exponentials the series needs too
   * (NaN where withLoss is false: a caller that has the loss already skips its cost).
   */
  series(z: Float64Array, targets: Float64Array, offset: number, dirs: Directions, withLoss?: boolean): number;
  /** The per-logit terms (4 per logit, into t) that pathSeries reads, for one sample's logits. */
  pathTerms(z: Float64Array, targets: Float64Array, offset: number, t: Float64Array): void;
  /** The loss change along z + Σ uⁿ·v_n as a quartic in u, into c[at..at+3] (path-series.ts); `third`: to third order. */
  pathSeries(t: Float64Array, v: Float64Array, K: number, c: Float64Array, at: number, third?: boolean): void;
}

/** Directions for Output.series and where their coefficients go. */
export interface Directions {
  w: Float64Array;
  wAt: number;
  wStep: number;
  count: number;
  c: Float64Array;
  cAt: number;
  cStep: number;
}

/** Per-logit terms shared by all directions of one sample. */
let scratch = new Float64Array(0);
function perLogit(size: number): Float64Array {
  if (scratch.length < size) scratch = new Float64Array(size);
  return scratch;
}

export type LossName = 'bce' | 'mse' | 'ce';
export const LOSSES: readonly LossName[] = ['bce', 'mse', 'ce'];

/** log(1 + e^z) without overflow: max(z, 0) + log1p(e^-|z|). */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/**
 * Logistic outputs with binary cross-entropy, −[d ln y + (1−d) ln(1−y)] with
 * y = σ(z), rewritten as softplus(z) − d·z: equal in exact arithmetic, but
 * finite for every z where the textbook form gives ln(0) = −Infinity once y
 * rounds to 0 or 1.
 */
export const bce: Output = {
  name: 'bce',
  sampleLoss(logits, targets, offset) {
    let sum = 0;
    for (let k = 0; k < logits.length; k++) {
      const z = logits[k];
      sum += softplus(z) - targets[offset + k] * z;
    }
    return sum;
  },
  activate(logits) {
    for (let k = 0; k < logits.length; k++) logits[k] = 1 / (1 + Math.exp(-logits[k]));
  },
  // y > 0.5 exactly when z > 0. Several outputs are several yes/no answers: their bits make the class.
  predict(logits) {
    let c = 0;
    for (let k = 0; k < logits.length; k++) if (logits[k] > 0) c += 2 ** k;
    return c;
  },
  label(targets, offset, outDim) {
    let c = 0;
    for (let k = 0; k < outDim; k++) if (targets[offset + k] === 1) c += 2 ** k;
    return c;
  },
  // softplus' = σ = y, and its further derivatives are the logistic's (activation.ts).
  series(z, targets, offset, d, withLoss = true) {
    const K = z.length;
    const t = perLogit(4 * K);
    let loss = 0;
    for (let k = 0; k < K; k++) {
      const zk = z[k];
      const e = Math.exp(-Math.abs(zk)); // softplus's exponential (sampleLoss's sum, in its order), and σ's
      if (withLoss) loss += Math.max(zk, 0) + Math.log1p(e) - targets[offset + k] * zk;
      const y = zk >= 0 ? 1 / (1 + e) : e / (1 + e);
      const s = y * (1 - y);
      t[k] = y - targets[offset + k];
      t[K + k] = 0.5 * s;
      t[2 * K + k] = s * (1 - 2 * y) * (1 / 6); // a constant factor: no division per sample
      t[3 * K + k] = s * (1 / 24 - 0.25 * s); // (1 − 6y + 6y²)/24, with y − y² = s
    }
    for (let r = 0; r < d.count; r++) {
      const w = d.wAt + r * d.wStep;
      let c1 = 0;
      let c2 = 0;
      let c3 = 0;
      let c4 = 0;
      for (let k = 0; k < K; k++) {
        const wk = d.w[w + k];
        const w2 = wk * wk;
        c1 += t[k] * wk;
        c2 += t[K + k] * w2;
        c3 += t[2 * K + k] * w2 * wk;
        c4 += t[3 * K + k] * w2 * w2;
      }
      const c = d.cAt + r * d.cStep;
      d.c[c] = c1;
      d.c[c + 1] = c2;
      d.c[c + 2] = c3;
      d.c[c + 3] = c4;
    }
    return withLoss ? loss : NaN;
  },
  pathTerms(z, targets, offset, t) {
    for (let k = 0; k < z.length; k++) {
      const y = 1 / (1 + Math.exp(-z[k]));
      const s = y * (1 - y);
      t[4 * k] = y - targets[offset + k];
      t[4 * k + 1] = 0.5 * s;
      t[4 * k + 2] = s * (1 - 2 * y) * (1 / 6);
      t[4 * k + 3] = s * (1 / 24 - 0.25 * s);
    }
  },
  pathSeries: bcePath,
};

/** Identity outputs with half squared error, for regression targets. */
export const mse: Output = {
  name: 'mse',
  sampleLoss(logits, targets, offset) {
    let sum = 0;
    for (let k = 0; k < logits.length; k++) {
      const e = logits[k] - targets[offset + k];
      sum += 0.5 * e * e;
    }
    return sum;
  },
  activate() {},
  predict: () => NaN,
  label: () => NaN,
  // ½(e + u·w)² − ½e² = u·e·w + u²·w²/2, exactly.
  series(z, targets, offset, d, withLoss = true) {
    for (let r = 0; r < d.count; r++) {
      const w = d.wAt + r * d.wStep;
      let c1 = 0;
      let c2 = 0;
      for (let k = 0; k < z.length; k++) {
        c1 += (z[k] - targets[offset + k]) * d.w[w + k];
        c2 += (d.w[w + k] * d.w[w + k]) / 2;
      }
      const c = d.cAt + r * d.cStep;
      d.c[c] = c1;
      d.c[c + 1] = c2;
      d.c[c + 2] = 0;
      d.c[c + 3] = 0;
    }
    return withLoss ? mse.sampleLoss(z, targets, offset) : NaN;
  },
  pathTerms(z, targets, offset, t) {
    for (let k = 0; k < z.length; k++) t[4 * k] = z[k] - targets[offset + k];
  },
  pathSeries: msePath,
};

/** Index of the largest of n values from offset; ties go to the lower index. */
function argmax(xs: Float64Array, offset: number, n: number): number {
  let best = 0;
  for (let k = 1; k < n; k++) if (xs[offset + k] > xs[offset + best]) best = k;
  return best;
}

/** log Σ e^z_k, shifted by the largest z so that no exponential overflows. */
export function logSumExp(logits: Float64Array): number {
  const m = logits[argmax(logits, 0, logits.length)];
  if (m === Infinity || m === -Infinity) return m;
  let sum = 0;
  for (let k = 0; k < logits.length; k++) sum += Math.exp(logits[k] - m);
  return m + Math.log(sum);
}

/**
 * Softmax outputs with categorical cross-entropy over K classes (one-hot
 * targets d): −Σ d_k ln y_k with y = softmax(z), computed as
 * logsumexp(z) − Σ d_k z_k, finite for any logits.
 */
export const ce: Output = {
  name: 'ce',
  sampleLoss(logits, targets, offset) {
    let dz = 0;
    let d = 0;
    for (let k = 0; k < logits.length; k++) {
      dz += targets[offset + k] * logits[k];
      d += targets[offset + k];
    }
    return d * logSumExp(logits) - dz;
  },
  activate(logits) {
    const m = logits[argmax(logits, 0, logits.length)];
    let sum = 0;
    for (let k = 0; k < logits.length; k++) {
      logits[k] = Math.exp(logits[k] - m);
      sum += logits[k];
    }
    for (let k = 0; k < logits.length; k++) logits[k] /= sum;
  },
  predict: (logits) => argmax(logits, 0, logits.length),
  label: (targets, offset, outDim) => argmax(targets, offset, outDim),
  // D·[lse(z + u·w) − lse(z)] − u·Σ d·w, with D = Σ d: lse along w is the cumulant
  // generating function of w under p = softmax(z), so its coefficients are the
  // cumulants of w: mean, variance, third and fourth cumulant over 1!, 2!, 3!, 4!.
  series(z, targets, offset, d, withLoss = true) {
    const K = z.length;
    const p = perLogit(K);
    const lse = logSumExp(z);
    let D = 0;
    let dz = 0;
    for (let k = 0; k < K; k++) {
      p[k] = Math.exp(z[k] - lse);
      dz += targets[offset + k] * z[k]; // sampleLoss's sums, in its order
      D += targets[offset + k];
    }
    for (let r = 0; r < d.count; r++) {
      const w = d.wAt + r * d.wStep;
      let mean = 0;
      let dw = 0;
      for (let k = 0; k < K; k++) {
        mean += p[k] * d.w[w + k];
        dw += targets[offset + k] * d.w[w + k];
      }
      let m2 = 0;
      let m3 = 0;
      let m4 = 0;
      for (let k = 0; k < K; k++) {
        const x = d.w[w + k] - mean;
        const x2 = x * x;
        m2 += p[k] * x2;
        m3 += p[k] * x2 * x;
        m4 += p[k] * x2 * x2;
      }
      const c = d.cAt + r * d.cStep;
      d.c[c] = D * mean - dw;
      d.c[c + 1] = (D * m2) / 2;
      d.c[c + 2] = (D * m3) / 6;
      d.c[c + 3] = (D * (m4 - 3 * m2 * m2)) / 24;
    }
    return withLoss ? D * lse - dz : NaN;
  },
  pathTerms(z, targets, offset, t) {
    const lse = logSumExp(z);
    for (let k = 0; k < z.length; k++) {
      t[4 * k] = Math.exp(z[k] - lse);
      t[4 * k + 1] = targets[offset + k];
    }
  },
  pathSeries: cePath,
};

export const outputs: Record<LossName, Output> = { bce, mse, ce };
