// Train/test splits of sample indices: disjoint, drawn from the seed alone
// (named streams, so the same seed gives the same split on any machine), and
// stratified when the samples have classes: each class gets its share of
// both sets by largest remainder, so a 1,000-image training set of MNIST
// holds each digit in proportion rather than by luck.

import { OptionError } from '../util/option-error.ts';
import type { Rng } from '../util/rng.ts';
import { stream } from '../util/rng.ts';
import { type Dataset, datasetFromArrays, sharedFloat32, sharedFloat64 } from './dataset.ts';

export interface Split {
  readonly train: Uint32Array;
  readonly test: Uint32Array;
}

/**
 * Splits `total` into integer shares proportional to `weights`: each share is
 * the floor of its quota, and what is left goes one by one to the largest
 * remainders (ties: the lower index), passing over shares at their cap.
 * The caps bound only these extra units: the floors must fit (for a test set
 * after a training set they do: floor(b) <= n - ceil(a) when a + b <= n).
 */
export function largestRemainder(total: number, weights: readonly number[], caps?: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  // Integer arithmetic: total·w is exact, so equal quotas compare equal.
  const shares = weights.map((w) => (sum === 0 ? 0 : Math.floor((total * w) / sum)));
  const rest = weights.map((w) => (sum === 0 ? 0 : (total * w) % sum));
  const order = weights.map((_, c) => c).sort((a, b) => rest[b] - rest[a] || a - b);
  let left = total - shares.reduce((a, b) => a + b, 0);
  // One pass is enough without caps; with them, classes at their cap are passed over.
  for (let pass = 0; left > 0 && pass <= total; pass++) {
    for (const c of order) {
      if (left === 0) break;
      if (caps && shares[c] >= caps[c]) continue;
      shares[c]++;
      left--;
    }
  }
  return shares;
}

function shuffle(a: Uint32Array, rng: Rng): Uint32Array {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
  return a;
}

function checkSizes(available: number, trainSize: number, testSize: number): void {
  if (!(Number.isInteger(trainSize) && trainSize >= 1))
    throw new OptionError('trainSize', trainSize, 'expected an integer >= 1');
  if (!(Number.isInteger(testSize) && testSize >= 0))
    throw new OptionError('testSize', testSize, 'expected an integer >= 0');
  if (trainSize > available)
    throw new OptionError('trainSize', trainSize, `expected at most ${available}, the samples available`);
  if (trainSize + testSize > available) {
    const most = available - trainSize;
    throw new OptionError(
      'testSize',
      testSize,
      `expected at most ${most}: ${available} samples, ${trainSize} for training`,
    );
  }
}

/** trainSize and testSize samples, disjoint, each class in proportion to its count; orders shuffled. */
export function stratifiedSplit(
  labels: ArrayLike<number>,
  trainSize: number,
  testSize: number,
  seed: string | number,
): Split {
  checkSizes(labels.length, trainSize, testSize);
  let classes = 0;
  for (let s = 0; s < labels.length; s++) {
    const c = labels[s];
    if (!(Number.isInteger(c) && c >= 0))
      throw new Error(`split: label ${c} of sample ${s}, expected a class number >= 0`);
    classes = Math.max(classes, c + 1);
  }
  const counts = new Array<number>(classes).fill(0);
  for (let s = 0; s < labels.length; s++) counts[labels[s]]++;
  const trainShares = largestRemainder(trainSize, counts);
  const room = counts.map((n, c) => n - trainShares[c]);
  const testShares = largestRemainder(testSize, counts, room);
  // Each class's samples in index order (a counting sort), then shuffled by a stream of their own.
  const starts = counts.map((_, c) => counts.slice(0, c).reduce((a, b) => a + b, 0));
  const byClass = new Uint32Array(labels.length);
  const fill = [...starts];
  for (let s = 0; s < labels.length; s++) byClass[fill[labels[s]]++] = s;
  const train = new Uint32Array(trainSize);
  const test = new Uint32Array(testSize);
  let tr = 0;
  let te = 0;
  for (let c = 0; c < classes; c++) {
    const members = shuffle(byClass.subarray(starts[c], starts[c] + counts[c]), stream(seed, 'split', 'class', c));
    train.set(members.subarray(0, trainShares[c]), tr);
    test.set(members.subarray(trainShares[c], trainShares[c] + testShares[c]), te);
    tr += trainShares[c];
    te += testShares[c];
  }
  return { train: shuffle(train, stream(seed, 'split', 'train')), test: shuffle(test, stream(seed, 'split', 'test')) };
}

/** trainSize and testSize of n samples, disjoint, drawn without regard to class (regression). */
export function randomSplit(n: number, trainSize: number, testSize: number, seed: string | number): Split {
  checkSizes(n, trainSize, testSize);
  const all = shuffle(
    Uint32Array.from({ length: n }, (_, s) => s),
    stream(seed, 'split', 'all'),
  );
  return { train: all.slice(0, trainSize), test: all.slice(trainSize, trainSize + testSize) };
}

/**
 * `--test-split 0.2`: that fraction of n samples (rounded) for testing, the
 * rest for training; stratified when labels are given.
 */
export function fractionSplit(n: number, testSplit: number, seed: string | number, labels?: ArrayLike<number>): Split {
  if (!(typeof testSplit === 'number' && testSplit > 0 && testSplit < 1))
    throw new OptionError('testSplit', testSplit, 'expected a number > 0 and < 1');
  const testSize = Math.round(n * testSplit);
  const trainSize = n - testSize;
  if (testSize < 1 || trainSize < 1) {
    const what = `leaves ${trainSize} training and ${testSize} test samples of ${n}`;
    throw new OptionError('testSplit', testSplit, `${what}, expected at least 1 of each`);
  }
  return labels ? stratifiedSplit(labels, trainSize, testSize, seed) : randomSplit(n, trainSize, testSize, seed);
}

/** Each sample's class (0/1 for one binary output, the one-hot position for K classes); none for regression. */
export function sampleClasses(d: Dataset): Uint32Array | undefined {
  if (d.classes === 0) return undefined;
  const out = new Uint32Array(d.n);
  for (let s = 0; s < d.n; s++) {
    if (d.classes === 2) out[s] = d.targets[s];
    else out[s] = d.targets.subarray(s * d.outDim, (s + 1) * d.outDim).indexOf(1);
  }
  return out;
}

/** The samples at `indices`, copied once into shared memory of the same precision. */
export function subset(d: Dataset, indices: ArrayLike<number>, name: string): Dataset {
  const inputs =
    d.inputs instanceof Float32Array
      ? sharedFloat32(indices.length * d.inDim)
      : sharedFloat64(indices.length * d.inDim);
  const targets = sharedFloat64(indices.length * d.outDim);
  for (let r = 0; r < indices.length; r++) {
    const s = indices[r];
    inputs.set(d.inputs.subarray(s * d.inDim, (s + 1) * d.inDim), r * d.inDim);
    targets.set(d.targets.subarray(s * d.outDim, (s + 1) * d.outDim), r * d.outDim);
  }
  return datasetFromArrays(name, inputs, targets, d.inDim, d.outDim, d.classes);
}

/**
 * `--test-split` (or a validation part): a data set cut in two, stratified by
 * class when it has classes. `inPlace` (data the caller owns): the rows are
 * reordered where they are and each part is a view of its share, the same rows
 * in the same order as copies would hold, without a second copy of a large file.
 */
export function splitDataset(
  d: Dataset,
  testSplit: number,
  seed: string | number,
  part = 'test',
  inPlace = false,
): { train: Dataset; test: Dataset } {
  // Each part in the file's order: a cut that moves rows as little as it can (the draw stays seeded).
  const { train, test } = fractionSplit(d.n, testSplit, seed, sampleClasses(d));
  train.sort();
  test.sort();
  if (!inPlace) return { train: subset(d, train, d.name), test: subset(d, test, `${d.name} ${part}`) };
  partitionRows(d.inputs, d.inDim, test);
  partitionRows(d.targets, d.outDim, test);
  const view = (from: number, to: number, name: string) =>
    datasetFromArrays(
      name,
      d.inputs.subarray(from * d.inDim, to * d.inDim),
      d.targets.subarray(from * d.outDim, to * d.outDim),
      d.inDim,
      d.outDim,
      d.classes,
    );
  return { train: view(0, train.length, d.name), test: view(train.length, d.n, `${d.name} ${part}`) };
}

/**
 * The rows not in `moved` (ascending) slid forward in order, then the moved
 * ones after them in order: one pass, and a copy of the moved rows only.
 */
function partitionRows(a: Float64Array | Float32Array, width: number, moved: Uint32Array): void {
  const aside = a.slice(0, moved.length * width);
  for (let m = 0; m < moved.length; m++) aside.set(a.subarray(moved[m] * width, (moved[m] + 1) * width), m * width);
  // Each run of kept rows between two moved ones slides forward in one copy.
  let to = 0;
  let from = 0;
  for (const next of [...moved, a.length / width]) {
    if (to !== from) a.copyWithin(to * width, from * width, next * width);
    to += next - from;
    from = next + 1;
  }
  a.set(aside, to * width);
}
