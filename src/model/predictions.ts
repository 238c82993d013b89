// What a model says about samples: its outputs (probabilities for logistic
// and softmax outputs, a regression's value in the target's units), the class
// its output layer predicts (named, where the label column had words) and,
// where the data has labels, the truth: the true class, or the target value.

import type { Dataset } from '../data/dataset.ts';
import { className, type Encoding, targetUnits } from '../data/encoding.ts';
import { type Cells, decodeRow, encodeRow } from '../data/rows.ts';
import type { Table } from '../data/table.ts';
import { type Applied, applyInputs, encodingOf } from '../model/apply.ts';
import type { Model } from '../model/model-file.ts';
import { score } from '../nn/metrics.ts';
import { makeScratch } from '../nn/network.ts';
import { outputs } from '../nn/output.ts';
import { OptionError } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';
import type { TableRows, Unpredicted } from './table-rows.ts';

export interface Prediction {
  /** The row's line in its file (tables only). */
  line?: number;
  /** The features as given, in the data's units (only where there are few of them). */
  features?: (number | string)[];
  outputs: number[];
  /** The predicted class: its name where the model keeps names, else its number; null for a regression. */
  class: number | string | null;
  /** The true class (as `class`), or a regression's target value; absent where the data has no labels. */
  label?: number | string;
}

export interface Predictions {
  samples: Prediction[];
  /** Mean loss over the samples (data sets only). */
  loss?: number;
  /** Where there are labels: how many predictions are right, and the share. */
  right?: number;
  accuracy?: number;
  /** A regression with targets: root mean squared error and R², in the target's units. */
  rmse?: number;
  r2?: number;
  /** Tables: the samples with a label, which the scores count (the others' label is empty or NA). */
  scored?: number;
  /** Tables: the rows not predicted, by line and column. */
  unpredicted?: Unpredicted[];
}

/** Inputs this narrow (the bias not counted) are printed with each sample; digits' 784 pixels are not. */
export const SHOWN_FEATURES = 8;

const classOf = (a: Applied): number | string | null => (a.class === null ? null : named(a) ? a.className : a.class);
const named = (a: Applied) => a.className !== null && a.className !== String(a.class);

/** The prediction for one sample's cells (numbers, or words for category columns), as a CSV row holds them. */
export function predictFeatures(model: Model, cells: Cells): Prediction {
  const a = applyInputs(model, encodeRow(encodingOf(model), cells));
  return { features: [...cells], outputs: a.outputs, class: classOf(a) };
}

/** Whether the data's targets are labels this output predicts: 0/1 for logistic, one-hot for softmax. */
function labelled(model: Model, data: Dataset): boolean {
  const name = outputs[model.loss].name;
  return name === 'bce' ? data.binary : name === 'ce' && data.classes === data.outDim;
}

/** Predictions for every sample of `data` (in the net's units), with the loss and the scores its labels allow. */
export function predictData(model: Model, data: Dataset, hasTargets = true): Predictions {
  const output = outputs[model.loss];
  const enc = encodingOf(model);
  const hasLabels = hasTargets && labelled(model, data);
  const regression = hasTargets && model.loss === 'mse' && data.outDim === 1;
  const shown = enc.features.length <= SHOWN_FEATURES;
  const samples: Prediction[] = [];
  const scratch = makeScratch(model.net);
  for (let s = 0; s < data.n; s++) {
    const from = s * data.inDim;
    const a = applyInputs(model, data.inputs, from, scratch);
    const p: Prediction = {
      ...(shown ? { features: decodeRow(enc, data.inputs, from) } : {}),
      ...a,
      class: classOf(a),
    };
    if (hasLabels) {
      const k = output.label(data.targets, s * data.outDim, data.outDim);
      p.label = typeof p.class === 'string' ? className(model.encoding, k) : k;
    } else if (regression)
      p.label = targetUnits(model.encoding).center + targetUnits(model.encoding).scale * data.targets[s];
    delete (p as { className?: unknown }).className;
    samples.push(p);
  }
  if (!hasTargets) return { samples };
  const sc = score(model.net, model.params, data, output, targetUnits(model.encoding));
  const right = hasLabels ? samples.filter((p) => p.label === p.class).length : undefined;
  return {
    samples,
    loss: sc.loss,
    ...(right !== undefined ? { right, accuracy: right / data.n } : {}),
    ...(regression ? { rmse: sc.rmse, r2: sc.r2 } : {}),
  };
}

/** A table's rows (tableRows) in file order, each with its line, scored where it has a label. */
export function predictTable(model: Model, t: Table, rows: TableRows): Predictions {
  const scored = rows.scored ? predictData(model, rows.scored, true) : { samples: [] };
  const free = rows.unlabelled ? predictData(model, rows.unlabelled, false).samples : [];
  const next = [0, 0, 0];
  const samples: Prediction[] = [];
  rows.status.forEach((s, r) => {
    if (s > 0) samples.push({ line: t.lines[r], ...(s === 1 ? scored.samples : free)[next[s]++] });
  });
  const counted = rows.scored ? { scored: rows.scored.n } : {};
  return { ...scored, samples, ...counted, unpredicted: [...rows.unpredicted.values()] };
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

/**
 * One sample's features: numbers, and words where the model has category
 * columns (its encoding checks them); a bad count or number is named by its
 * place and quoted as typed.
 */
export function featureCells(
  words: readonly string[],
  encoding: Encoding | undefined,
  expected: number,
  model: string,
): (number | string)[] {
  const count = encoding ? encoding.features.length : expected;
  if (words.length !== count) {
    const given = JSON.stringify(words.join(' '));
    const plural = (n: number) => `${n} value${n === 1 ? '' : 's'}`;
    const names = encoding ? ` (${encoding.features.map((f) => f.name).join(', ')})` : '';
    throw new UsageError(
      `features ${given}: ${plural(words.length)}, expected ${count}, the features of ${model}${names} (its bias input is added)`,
    );
  }
  return words.map((w, i) => {
    if (encoding?.features[i].type === 'category') return w;
    const v = w.trim() === '' ? NaN : Number(w);
    const column = encoding ? ` (column ${JSON.stringify(encoding.features[i].name)})` : '';
    if (!Number.isFinite(v))
      throw new UsageError(`feature ${i + 1}${column} ${JSON.stringify(w)}: expected a finite number`);
    return v;
  });
}
