// How good a classifier is, in one pass over a data set: mean loss, accuracy,
// the confusion matrix and per-class precision and recall. The output layer
// decides what a prediction is (threshold or argmax), as it does for training.

import type { Dataset } from '../data/dataset.ts';
import { forwardLogits, makeScratch, type Net } from './network.ts';
import type { Output } from './output.ts';

export interface Scores {
  samples: number;
  loss: number;
  /** NaN for regression. */
  accuracy: number;
  /** Class count (0 for regression); classes are numbered as Output.predict numbers them. */
  classes: number;
  /** confusion[true][predicted]: sample counts. */
  confusion: number[][];
  /** Per class: right / predicted as it (NaN if never predicted), right / truly it (NaN if absent). */
  precision: number[];
  recall: number[];
}

export function classCount(output: Output, outDim: number): number {
  if (output.name === 'ce') return outDim;
  return output.name === 'bce' ? 2 ** outDim : 0;
}

export function score(net: Net, params: Float64Array, data: Dataset, output: Output): Scores {
  const scratch = makeScratch(net);
  const classes = classCount(output, data.outDim);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let sum = 0;
  let right = 0;
  for (let s = 0; s < data.n; s++) {
    const logits = forwardLogits(net, params, data.inputs, s * data.inDim, scratch);
    sum += output.sampleLoss(logits, data.targets, s * data.outDim);
    if (classes === 0) continue;
    const truth = output.label(data.targets, s * data.outDim, data.outDim);
    const guess = output.predict(logits);
    confusion[truth][guess]++;
    if (truth === guess) right++;
  }
  const column = (c: number) => confusion.reduce((a, row) => a + row[c], 0);
  const row = (c: number) => confusion[c].reduce((a, n) => a + n, 0);
  const ratio = (a: number, b: number) => (b === 0 ? NaN : a / b);
  return {
    samples: data.n,
    loss: sum / data.n,
    accuracy: classes === 0 ? NaN : right / data.n,
    classes,
    confusion,
    precision: confusion.map((_, c) => ratio(confusion[c][c], column(c))),
    recall: confusion.map((_, c) => ratio(confusion[c][c], row(c))),
  };
}
