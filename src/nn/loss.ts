// The one loss function: the main thread and every worker call this, so a
// given (params, data) gives the same bits wherever it is evaluated.

import type { Dataset } from '../data/dataset.ts';
import { forwardLogits, makeScratch, type Net, type Scratch } from './network.ts';
import type { Output } from './output.ts';

/** Sum of per-sample loss terms over `samples` (indices; default: all, in order), in that order. */
export function lossSum(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  scratch: Scratch,
  samples?: Int32Array,
): number {
  let sum = 0;
  const n = samples ? samples.length : data.n;
  for (let i = 0; i < n; i++) sum += lossTerm(net, params, data, output, scratch, samples ? samples[i] : i);
  return sum;
}

/** Sample s's loss term, as lossSum adds it. */
export function lossTerm(
  net: Net,
  params: Float64Array,
  data: Dataset,
  output: Output,
  scratch: Scratch,
  s: number,
): number {
  const logits = forwardLogits(net, params, data.inputs, s * data.inDim, scratch);
  return output.sampleLoss(logits, data.targets, s * data.outDim);
}

/** Mean loss over the whole data set, E = (1/N) Σ terms, as the original. */
export function meanLoss(net: Net, params: Float64Array, data: Dataset, output: Output, scratch?: Scratch): number {
  return lossSum(net, params, data, output, scratch ?? makeScratch(net)) / data.n;
}

/** Output vector of one input vector (which must include the bias input). */
export function predict(net: Net, params: Float64Array, x: ArrayLike<number>, output: Output): number[] {
  const input = Float64Array.from(x);
  if (input.length !== net.nodes[0])
    throw new Error(`input of length ${input.length}: expected ${net.nodes[0]} (features + bias 1)`);
  const logits = forwardLogits(net, params, input, 0, makeScratch(net));
  const y = Float64Array.from(logits);
  output.activate(y);
  return [...y];
}
