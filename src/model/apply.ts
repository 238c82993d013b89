// A trained model applied to rows as people have them: its own encoding turns
// the cells into the net's inputs (scaling, one-hot categories) and its outputs
// back into what they mean (class names, a regression's units). The output
// layer decides the class, as in training.

import { className, type Encoding, plainEncoding, unscaleTarget } from '../data/encoding.ts';
import { type Cells, encodeRow } from '../data/rows.ts';
import { forwardLogits, makeScratch } from '../nn/network.ts';
import { outputs } from '../nn/output.ts';
import type { Model } from './model-file.ts';

export interface Applied {
  /** Probabilities (logistic, softmax), or a regression's value in the target's units. */
  outputs: number[];
  /** The predicted class (number), null for a regression. */
  class: number | null;
  /** The class's name: the label column's word where the model keeps names, else the number as text. */
  className: string | null;
}

/** The model's encoding, or for older files and built-in data the plain one (x1..xn as they are). */
export const encodingOf = (model: Model): Encoding => model.encoding ?? plainEncoding(model.net.nodes[0]);

/**
 * The model's answer for one input row already in the net's units (the bias 1
 * last); `scratch` (makeScratch) reused across rows saves an allocation each.
 */
export function applyInputs(
  model: Model,
  input: Float64Array | Float32Array,
  from = 0,
  scratch = makeScratch(model.net),
): Applied {
  const output = outputs[model.loss];
  const logits = forwardLogits(model.net, model.params, input, from, scratch);
  const c = output.predict(logits);
  const y = Float64Array.from(logits);
  output.activate(y);
  const values = model.loss === 'mse' ? [...y].map((v) => unscaleTarget(model.encoding, v)) : [...y];
  return Number.isNaN(c)
    ? { outputs: values, class: null, className: null }
    : { outputs: values, class: c, className: className(model.encoding, c) };
}

/**
 * The model's answer for one row of cells, as a CSV row of its features
 * holds them: `predict(model, ['Torgersen', 39.1, 18.7, 181, 3750, 'male'])`,
 * or by column name: `predict(model, { bill_length_mm: 39.1, ... })`.
 */
export function predict(model: Model, row: Cells | Record<string, number | string>): Applied {
  const enc = encodingOf(model);
  const cells = Array.isArray(row) ? row : byName(enc, row as Record<string, number | string>);
  return applyInputs(model, encodeRow(enc, cells));
}

function byName(enc: Encoding, row: Record<string, number | string>): Cells {
  return enc.features.map((f) => {
    if (!(f.name in row))
      throw new Error(`no ${JSON.stringify(f.name)} in the row, expected every feature of the model`);
    return row[f.name];
  });
}
