// How good a classifier is, in one pass over a data set: mean loss, accuracy,
// the confusion matrix and per-class precision and recall. The output layer
// decides what a prediction is (threshold or argmax), as it does for training.
// For a regression: RMSE and R² in the target's own units (the net learns a
// standardised target; `target` turns its outputs back).

import type { Dataset } from '../data/dataset.ts';
import { forwardLogits, makeScratch, type Net, type Scratch } from './network.ts';
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
  /** Regression (one identity output), in the target's units: root mean squared error and R²; else NaN. */
  rmse: number;
  r2: number;
}

/** How a regression output maps back to the target's units: y = center + scale · output. */
export interface TargetUnits {
  center: number;
  scale: number;
}

export function classCount(output: Output, outDim: number): number {
  if (output.name === 'ce') return outDim;
  return output.name === 'bce' ? 2 ** outDim : 0;
}

/** Whether a data set's scores include RMSE and R²: one identity output. */
const isRegression = (output: Output, data: Dataset) => output.name === 'mse' && data.outDim === 1;

/**
 * Sample s's part of score(): its loss term into terms[k], and into
 * predictions[k] what the net predicts (the class Output.predict gives, or a
 * regression's output). Any thread can score any samples; scoresFrom then
 * sums them in order, with score()'s bits.
 */
export function sampleScore(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  scratch: Scratch,
  s: number,
  terms: Float64Array,
  predictions: Float64Array,
  k: number,
): void {
  const logits = forwardLogits(net, params, data.inputs, s * data.inDim, scratch);
  terms[k] = output.sampleLoss(logits, data.targets, s * data.outDim);
  if (isRegression(output, data)) predictions[k] = logits[0];
  else predictions[k] = classCount(output, data.outDim) === 0 ? Number.NaN : output.predict(logits);
}

/** Scores of a data set whose samples' terms and predictions are known (sampleScore), summed in sample order. */
export function scoresFrom(
  data: Dataset,
  output: Output,
  terms: Float64Array,
  predictions: Float64Array,
  units: TargetUnits = { center: 0, scale: 1 },
): Scores {
  const regression = isRegression(output, data);
  let sse = 0;
  let sumY = 0;
  let sumYY = 0;
  const classes = classCount(output, data.outDim);
  const confusion = Array.from({ length: classes }, () => new Array<number>(classes).fill(0));
  let sum = 0;
  let right = 0;
  for (let s = 0; s < data.n; s++) {
    sum += terms[s];
    if (regression) {
      // Both about the center (the training mean): R² does not move, and SST keeps its digits for large targets.
      const y = units.scale * data.targets[s];
      sse += (units.scale * predictions[s] - y) ** 2;
      sumY += y;
      sumYY += y * y;
    }
    if (classes === 0) continue;
    const truth = output.label(data.targets, s * data.outDim, data.outDim);
    const guess = predictions[s];
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
    rmse: regression ? Math.sqrt(sse / data.n) : NaN,
    // 1 − SSE / SST, SST about the set's own mean, as scikit-learn's r2_score.
    r2: regression ? 1 - sse / (sumYY - (sumY * sumY) / data.n) : NaN,
  };
}

/** A data set's scores in one thread: every sample's (sampleScore), then scoresFrom. */
export function score(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  units: TargetUnits = { center: 0, scale: 1 },
): Scores {
  const scratch = makeScratch(net);
  const terms = new Float64Array(data.n);
  const predictions = new Float64Array(data.n);
  for (let s = 0; s < data.n; s++) sampleScore(net, params, data, output, scratch, s, terms, predictions, s);
  return scoresFrom(data, output, terms, predictions, units);
}
