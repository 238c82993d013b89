// What a model says over the plane of a 2-D data set: the square the data
// lies in, the output on a grid over it, and classes of points. The decision
// map draws these; plot-classify prints them as the original did.

import type { Dataset } from '../data/dataset.ts';
import { className, scaleRow, unscaleInput } from '../data/encoding.ts';
import type { Model } from '../model/model-file.ts';
import { forwardLogits, makeScratch } from '../nn/network.ts';
import { outputs } from '../nn/output.ts';
import { stream } from '../util/rng.ts';

export interface Square {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  /** Whether every feature of the data is a whole number (then so are plot-classify's points). */
  whole: boolean;
}

/** Sample s's two features in the data's own units (a scaled model's data is stored scaled). */
export function pointOf(model: Model, data: Dataset, s: number): [number, number] {
  const x = data.inputs[s * data.inDim];
  const y = data.inputs[s * data.inDim + 1];
  const enc = model.encoding;
  return enc ? [unscaleInput(enc, 0, x), unscaleInput(enc, 1, y)] : [x, y];
}

/** The data's bounding box in its own units (whole-number data: its own, e.g. the built-in set's grid); real data get a margin. */
export function dataSquare(data: Dataset, model?: Model): Square {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  let whole = true;
  for (let s = 0; s < data.n; s++) {
    const [x, y] = model ? pointOf(model, data, s) : [data.inputs[s * data.inDim], data.inputs[s * data.inDim + 1]];
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
    whole &&= Number.isInteger(x) && Number.isInteger(y);
  }
  if (whole) return { x0, x1, y0, y1, whole };
  // Real-valued data: its box and a margin of 5% each side, so points at the edge are seen whole.
  const [mx, my] = [0.05 * (x1 - x0 || 1), 0.05 * (y1 - y0 || 1)];
  return { x0: x0 - mx, x1: x1 + mx, y0: y0 - my, y1: y1 + my, whole };
}

/** A model's view of one point: the class its output layer predicts and the probability behind it. */
export interface PointView {
  class: number;
  /** One logistic output: P(class 1). Otherwise: the predicted class's probability. */
  p: number;
}

/** A classifier of points of the plane (in the data's own units) from a model with two inputs (and the bias). */
export function pointClassifier(model: Model): (x: number, y: number) => PointView {
  const output = outputs[model.loss];
  const scratch = makeScratch(model.net);
  const input = new Float64Array(3);
  input[2] = 1;
  return (x, y) => {
    input[0] = x;
    input[1] = y;
    if (model.encoding) scaleRow(model.encoding, input);
    const logits = forwardLogits(model.net, model.params, input, 0, scratch);
    const cls = output.predict(logits);
    const out = Float64Array.from(logits);
    output.activate(out);
    return { class: cls, p: out.length === 1 ? out[0] : Math.max(...out) };
  };
}

/** The model's view on an n×n grid of cells over the square; cell (i, j) at values[j·n + i]. */
export function gridViews(model: Model, sq: Square, n: number): PointView[] {
  const at = pointClassifier(model);
  const dx = (sq.x1 - sq.x0) / n;
  const dy = (sq.y1 - sq.y0) / n;
  const views: PointView[] = [];
  for (let j = 0; j < n; j++)
    for (let i = 0; i < n; i++) views.push(at(sq.x0 + (i + 0.5) * dx, sq.y0 + (j + 0.5) * dy));
  return views;
}

/**
 * plot-classify: `count` seeded random points of the square (whole numbers
 * where the data's are) and the class of each, as `x1,x2,class` lines.
 */
export function classifyPoints(model: Model, sq: Square, count: number, seed: string): string[] {
  const rng = stream(seed, 'plot-classify');
  const at = pointClassifier(model);
  const pick = (lo: number, hi: number) => (sq.whole ? lo + Math.floor(rng() * (hi - lo + 1)) : lo + rng() * (hi - lo));
  const lines: string[] = [];
  for (let k = 0; k < count; k++) {
    const x = pick(sq.x0, sq.x1);
    const y = pick(sq.y0, sq.y1);
    lines.push(`${x},${y},${className(model.encoding, at(x, y).class)}`);
  }
  return lines;
}
