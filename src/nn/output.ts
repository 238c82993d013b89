// Output functions with their per-sample loss terms and their prediction.
// The loss of a data set is the mean of these terms, so the same code serves
// any set of samples (a worker's share, a mini-batch). Each output pairs with
// its loss so that dE/dz = y − d for every one of them (see backprop.ts).

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
};

export const outputs: Record<LossName, Output> = { bce, mse, ce };
