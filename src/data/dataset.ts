// A data set as plain numbers in SharedArrayBuffers: every worker thread
// gets views of the same memory once, when the pool starts, and nothing is
// copied per iteration. Row s of `inputs` is sample s's input vector, whose
// last element is the constant 1 that plays the bias.

/**
 * Input storage. Float64Array for the small sets; Float32Array where memory
 * matters (60,000 MNIST images take 188 MB as float32, 377 MB as float64).
 */
export type Inputs = Float64Array | Float32Array;

export interface Dataset {
  readonly name: string;
  readonly n: number;
  /** Input width including the bias input. */
  readonly inDim: number;
  readonly outDim: number;
  readonly inputs: Inputs;
  readonly targets: Float64Array;
  /** Every target is 0 or 1: classification with a logistic output. */
  readonly binary: boolean;
  /**
   * K >= 3: every target row is one-hot over K outputs (outDim = K).
   * 2: one output holding 0 or 1. 0: anything else (regression, multi-label).
   */
  readonly classes: number;
}

export function sharedFloat64(length: number): Float64Array {
  return new Float64Array(new SharedArrayBuffer(length * Float64Array.BYTES_PER_ELEMENT));
}

export function sharedFloat32(length: number): Float32Array {
  return new Float32Array(new SharedArrayBuffer(length * Float32Array.BYTES_PER_ELEMENT));
}

/** The same numbers in shared memory: the array itself if it already is, else one copy. */
function shared<T extends Inputs>(a: T): T {
  if (a.buffer instanceof SharedArrayBuffer) return a;
  const copy = a instanceof Float32Array ? sharedFloat32(a.length) : sharedFloat64(a.length);
  copy.set(a);
  return copy as T;
}

/** Whether every row of `outDim` targets holds exactly one 1 and zeros elsewhere. */
function allOneHot(targets: Float64Array, outDim: number): boolean {
  for (let o = 0; o < targets.length; o += outDim) {
    let ones = 0;
    for (let k = o; k < o + outDim; k++) {
      const v = targets[k];
      if (v === 1) ones++;
      else if (v !== 0) return false;
    }
    if (ones !== 1) return false;
  }
  return true;
}

function allBinary(targets: Float64Array): boolean {
  for (const v of targets) if (v !== 0 && v !== 1) return false;
  return true;
}

/**
 * Labels of a one-output set that are neither 0 nor 1 where most are 0 or 1:
 * likely typos in a classifier's data, which would make it a regression.
 */
export function strayLabels(data: Dataset): { count: number; sample: number; value: number } | undefined {
  if (data.outDim !== 1 || data.binary) return undefined;
  let count = 0;
  let first = -1;
  for (let s = 0; s < data.n; s++) {
    const v = data.targets[s];
    if (v === 0 || v === 1) continue;
    if (first < 0) first = s;
    count++;
  }
  return 2 * count < data.n ? { count, sample: first, value: data.targets[first] } : undefined;
}

/** What `classes` the targets support: one-hot rows over K >= 3, one 0/1 output, or 0. */
export function inferClasses(targets: Float64Array, outDim: number, binary = allBinary(targets)): number {
  if (outDim === 1) return binary ? 2 : 0;
  return outDim >= 3 && binary && allOneHot(targets, outDim) ? outDim : 0;
}

/**
 * A data set from typed arrays, row-major, inputs ending with the bias 1.
 * Arrays already in a SharedArrayBuffer are taken as they are (the caller
 * gives them up); others are copied once. `classes` is checked against the
 * targets, so a data set can never claim classes its targets do not hold.
 */
export function datasetFromArrays(
  name: string,
  inputs: Inputs,
  targets: Float64Array,
  inDim: number,
  outDim: number,
  classes: number,
): Dataset {
  if (!(inDim >= 1 && outDim >= 1)) throw new Error(`data ${name}: inDim ${inDim}, outDim ${outDim}, expected >= 1`);
  const n = inputs.length / inDim;
  if (!Number.isInteger(n) || n === 0)
    throw new Error(`data ${name}: ${inputs.length} inputs, expected a positive multiple of ${inDim}`);
  if (targets.length !== n * outDim)
    throw new Error(`data ${name}: ${targets.length} targets, expected ${n} samples × ${outDim}`);
  const binary = allBinary(targets);
  const fits =
    classes === 0 ||
    (classes === 2 && outDim === 1 && binary) ||
    (classes >= 3 && outDim === classes && binary && allOneHot(targets, outDim));
  if (!fits) throw new Error(`data ${name}: targets are not ${classes} classes over ${outDim} outputs`);
  return { name, n, inDim, outDim, inputs: shared(inputs), targets: shared(targets), binary, classes };
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
  const inputs = sharedFloat64(xs.length * inDim);
  const targets = sharedFloat64(ys.length * outDim);
  xs.forEach((x, s) => {
    if (x.length !== inDim) throw new Error(`data ${name}: sample ${s} has ${x.length} inputs, expected ${inDim}`);
    inputs.set(x, s * inDim);
  });
  ys.forEach((y, s) => {
    if (y.length !== outDim) throw new Error(`data ${name}: sample ${s} has ${y.length} targets, expected ${outDim}`);
    targets.set(y, s * outDim);
  });
  return datasetFromArrays(name, inputs, targets, inDim, outDim, inferClasses(targets, outDim));
}

/** Appends the constant bias input to each feature row. */
export function withBias(features: readonly (readonly number[])[]): number[][] {
  return features.map((f) => [...f, 1]);
}
