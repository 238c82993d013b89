// A data set as plain numbers in SharedArrayBuffers: every worker thread
// gets views of the same memory once, when the pool starts, and nothing is
// copied per iteration. Row s of `inputs` is sample s's input vector, whose
// last element is the constant 1 that plays the bias.

export interface Dataset {
  readonly name: string;
  readonly n: number;
  /** Input width including the bias input. */
  readonly inDim: number;
  readonly outDim: number;
  readonly inputs: Float64Array;
  readonly targets: Float64Array;
  /** Every target is 0 or 1: classification with a logistic output. */
  readonly binary: boolean;
}

function sharedFloats(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

/** Builds a data set from rows whose inputs already end with the bias 1. */
export function makeDataset(
  name: string,
  xs: readonly (readonly number[])[],
  ys: readonly (readonly number[])[],
): Dataset {
  if (xs.length === 0) throw new Error(`data ${name}: no samples`);
  if (xs.length !== ys.length) throw new Error(`data ${name}: ${xs.length} inputs but ${ys.length} targets`);
  const inDim = xs[0].length;
  const outDim = ys[0].length;
  const inputs = sharedFloats(xs.length * inDim);
  const targets = sharedFloats(ys.length * outDim);
  let binary = true;
  xs.forEach((x, s) => {
    if (x.length !== inDim) throw new Error(`data ${name}: sample ${s} has ${x.length} inputs, expected ${inDim}`);
    inputs.set(x, s * inDim);
  });
  ys.forEach((y, s) => {
    if (y.length !== outDim) throw new Error(`data ${name}: sample ${s} has ${y.length} targets, expected ${outDim}`);
    for (const v of y) if (v !== 0 && v !== 1) binary = false;
    targets.set(y, s * outDim);
  });
  return { name, n: xs.length, inDim, outDim, inputs, targets, binary };
}

/** Appends the constant bias input to each feature row. */
export function withBias(features: readonly (readonly number[])[]): number[][] {
  return features.map((f) => [...f, 1]);
}
