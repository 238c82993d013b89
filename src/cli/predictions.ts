// What a model says about samples: its outputs (probabilities for logistic
// and softmax outputs), the class its output layer predicts (Output.predict,
// as training scores it) and, where the data has labels, the true class.

import type { Dataset } from '../data/dataset.ts';
import type { Model } from '../model/model-file.ts';
import { forwardLogits, makeScratch } from '../nn/network.ts';
import { type Output, outputs } from '../nn/output.ts';
import { OptionError } from '../util/option-error.ts';

export interface Prediction {
  /** The features as given, without the bias (only where there are few of them). */
  features?: number[];
  outputs: number[];
  /** null: the output has no classes (regression). */
  class: number | null;
  /** The true class; absent where the data has no labels the output can name. */
  label?: number;
}

export interface Predictions {
  samples: Prediction[];
  /** Mean loss over the samples (data sets only). */
  loss?: number;
  /** Where there are labels: how many predictions are right, and the share. */
  right?: number;
  accuracy?: number;
}

/** Inputs this narrow (the bias not counted) are printed with each sample; digits' 784 pixels are not. */
export const SHOWN_FEATURES = 8;

/** Outputs and class from one sample's logits: the output layer decides both, as in training. */
function fromLogits(output: Output, logits: Float64Array): Prediction {
  const y = Float64Array.from(logits);
  output.activate(y);
  const c = output.predict(logits);
  return { outputs: [...y], class: Number.isNaN(c) ? null : c };
}

/** The prediction for one sample's features (the bias input is added here, as training adds it). */
export function predictFeatures(model: Model, features: readonly number[]): Prediction {
  const input = Float64Array.from([...features, 1]);
  const logits = forwardLogits(model.net, model.params, input, 0, makeScratch(model.net));
  return { features: [...features], ...fromLogits(outputs[model.loss], logits) };
}

/** Whether the data's targets are labels this output predicts: 0/1 for logistic, one-hot for softmax. */
function labelled(output: Output, data: Dataset): boolean {
  return output.name === 'bce' ? data.binary : output.name === 'ce' && data.classes === data.outDim;
}

/** Predictions for every sample of `data`, with the loss and, where it has labels, the accuracy. */
export function predictData(model: Model, data: Dataset): Predictions {
  const output = outputs[model.loss];
  const scratch = makeScratch(model.net);
  const hasLabels = labelled(output, data);
  const shown = data.inDim - 1 <= SHOWN_FEATURES;
  const samples: Prediction[] = [];
  let right = 0;
  let sum = 0;
  for (let s = 0; s < data.n; s++) {
    const from = s * data.inDim;
    const logits = forwardLogits(model.net, model.params, data.inputs, from, scratch);
    sum += output.sampleLoss(logits, data.targets, s * data.outDim);
    const features = shown ? { features: Array.from(data.inputs.subarray(from, from + data.inDim - 1)) } : {};
    const p: Prediction = { ...features, ...fromLogits(output, logits) };
    if (hasLabels) {
      p.label = output.label(data.targets, s * data.outDim, data.outDim);
      if (p.label === p.class) right++;
    }
    samples.push(p);
  }
  const loss = sum / data.n;
  return hasLabels ? { samples, loss, right, accuracy: right / data.n } : { samples, loss };
}

/** Refuses data the model cannot read: other input widths or output counts. */
export function checkFits(model: Model, data: Dataset, spec: string, modelPath: string): void {
  const { nodes } = model.net;
  const outs = nodes[nodes.length - 1];
  if (nodes[0] === data.inDim && outs === data.outDim) return;
  const shape = (features: number, outputs: number) =>
    `${features} features and ${outputs} output${outputs === 1 ? '' : 's'}`;
  const want = `${shape(nodes[0] - 1, outs)} as ${modelPath} (nodes ${JSON.stringify(nodes)})`;
  const has = `has ${shape(data.inDim - 1, data.outDim)}`;
  throw new OptionError('data', spec, `${has}, expected ${want}`);
}
