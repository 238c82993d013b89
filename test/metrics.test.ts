import { describe, expect, it } from 'vitest';
import { makeDataset } from '../src/data/dataset.ts';
import { score } from '../src/nn/metrics.ts';
import { makeNet } from '../src/nn/network.ts';
import { bce, ce, mse } from '../src/nn/output.ts';

// A [2, 3] net with no hidden layer: the logits are the weights' rows picked by a one-hot input,
// so each sample's prediction is set by hand: input i predicts the argmax of row i.
const net = makeNet([2, 3]);
const params = Float64Array.from([5, 0, 0, /* row 1 */ 0, 0, 5]); // input 0 -> class 0, input 1 -> class 2
const data = makeDataset(
  'hand',
  [
    [1, 0],
    [1, 0],
    [0, 1],
    [0, 1],
    [1, 0],
  ],
  [
    [1, 0, 0], // true 0, predicted 0
    [0, 1, 0], // true 1, predicted 0
    [0, 0, 1], // true 2, predicted 2
    [0, 1, 0], // true 1, predicted 2
    [1, 0, 0], // true 0, predicted 0
  ],
);

describe('score', () => {
  const s = score(net, params, data, ce);

  it('counts the confusion matrix as rows of true classes and columns of predictions', () => {
    expect(s.confusion).toEqual([
      [2, 0, 0],
      [1, 0, 1],
      [0, 0, 1],
    ]);
  });

  it('gives accuracy, precision and recall from the matrix', () => {
    expect(s.accuracy).toBe(3 / 5);
    expect(s.precision).toEqual([2 / 3, NaN, 1 / 2]);
    expect(s.recall).toEqual([1, 0, 1]);
  });

  it('gives the mean loss over the samples', () => {
    const term = (zTrue: number) => Math.log(Math.exp(5) + 2) - zTrue;
    expect(s.loss).toBeCloseTo((term(5) * 3 + term(0) * 2) / 5, 12);
  });

  it('thresholds a single logistic output at z > 0', () => {
    const bin = makeDataset(
      'bin',
      [
        [1, 0],
        [0, 1],
        [0, 1],
      ],
      [[1], [1], [0]],
    );
    const b = score(makeNet([2, 1]), Float64Array.from([2, -2]), bin, bce);
    expect(b.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
  });

  it('has no classes for regression', () => {
    const reg = makeDataset('reg', [[1, 0]], [[0.3]]);
    const r = score(makeNet([2, 1]), Float64Array.from([1, 1]), reg, mse);
    expect([r.classes, r.accuracy, r.loss]).toEqual([0, NaN, 0.5 * 0.7 * 0.7]);
  });
});
