// Output functions with their per-sample loss terms. The loss of a data set
// is the mean of these terms, so the same code serves any sample range
// (workers today, mini-batches tomorrow) and new outputs (softmax) slot in.

export interface Output {
  readonly name: LossName;
  /** Loss term of one sample from the output layer's logits. */
  sampleLoss(logits: Float64Array, targets: Float64Array, offset: number): number;
  /** Output values from logits, in place. */
  activate(logits: Float64Array): void;
}

export type LossName = 'bce' | 'mse';
export const LOSSES: readonly LossName[] = ['bce', 'mse'];

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
};

export const outputs: Record<LossName, Output> = { bce, mse };
