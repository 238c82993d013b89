// Pictures for image data: a grid of test digits with true and predicted
// labels (the misclassified first, in red), and the confusion matrix as a
// heat map, its classes named as the model names them. Each digit is a small
// PNG (drawn by resvg from its pixels) shown by Vega-Lite's image mark: one
// element per digit instead of 784.

import type { Dataset } from '../data/dataset.ts';
import { className } from '../data/encoding.ts';
import type { Model } from '../model/model-file.ts';
import { forwardLogits, makeScratch } from '../nn/network.ts';
import { outputs } from '../nn/output.ts';
import { type ChartSpec, ofRegression, renderPng } from './render.ts';

export interface Verdict {
  sample: number;
  label: number;
  predicted: number;
}

/** The true and predicted class of every sample, in order. */
export function verdicts(model: Model, data: Dataset): Verdict[] {
  const output = outputs[model.loss];
  const scratch = makeScratch(model.net);
  return Array.from({ length: data.n }, (_, s) => {
    const logits = forwardLogits(model.net, model.params, data.inputs, s * data.inDim, scratch);
    return {
      sample: s,
      label: output.label(data.targets, s * data.outDim, data.outDim),
      predicted: output.predict(logits),
    };
  });
}

/** Side of a square image from its pixel count (the bias input not counted). */
export function imageSide(data: Dataset): number {
  const side = Math.round(Math.sqrt(data.inDim - 1));
  if (side * side !== data.inDim - 1) throw new Error(`${data.name}: ${data.inDim - 1} inputs are not a square image`);
  return side;
}

/** One sample's pixels (0..1, ink dark on white) as a PNG data URL. */
async function digitUrl(data: Dataset, s: number, side: number): Promise<string> {
  const rects: string[] = [];
  for (let k = 0; k < side * side; k++) {
    const v = data.inputs[s * data.inDim + k];
    if (v > 0)
      rects.push(
        `<rect x="${k % side}" y="${Math.floor(k / side)}" width="1" height="1" fill-opacity="${Math.min(1, v).toFixed(2)}"/>`,
      );
  }
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}">${rects.join('')}</svg>`;
  return `data:image/png;base64,${(await renderPng(svg, 2)).toString('base64')}`;
}

/** The first `count` samples, misclassified first, as a labelled grid of images. */
export async function digitsSpec(model: Model, data: Dataset, count = 36, columns = 9): Promise<ChartSpec> {
  const side = imageSide(data);
  const all = verdicts(model, data);
  const wrong = all.filter((v) => v.label !== v.predicted);
  const shown = [...wrong, ...all.filter((v) => v.label === v.predicted)].slice(0, count);
  const rows = await Promise.all(
    shown.map(async (v, k) => ({
      col: k % columns,
      row: Math.floor(k / columns),
      url: await digitUrl(data, v.sample, side),
      text: `${v.label} → ${v.predicted}`,
      result: v.label === v.predicted ? 'right' : 'wrong',
    })),
  );
  const pos = {
    x: { field: 'col', type: 'ordinal', axis: null },
    y: { field: 'row', type: 'ordinal', axis: null },
  };
  const accuracy = (100 * (all.length - wrong.length)) / all.length;
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: ofRegression(
      `${data.name}: true → predicted, misclassified first (${wrong.length} of ${all.length} wrong, accuracy ${accuracy.toFixed(1)}%)`,
      model.loss === 'mse',
    ),
    data: { values: rows },
    width: { step: 64 },
    height: { step: 76 },
    layer: [
      {
        mark: { type: 'image', width: 48, height: 48, yOffset: -6 },
        // A description of its own: vega's default one would repeat each image's data URL, doubling the file.
        encoding: { ...pos, url: { field: 'url', type: 'nominal' }, description: { field: 'text' } },
      },
      {
        mark: { type: 'text', yOffset: 28, fontSize: 12 },
        encoding: {
          ...pos,
          text: { field: 'text' },
          color: {
            field: 'result',
            type: 'nominal',
            legend: null,
            scale: { domain: ['right', 'wrong'], range: ['#333', '#d00'] },
          },
        },
      },
    ],
    config: { font: 'sans-serif', view: { stroke: null } },
  };
}

/**
 * The confusion matrix as a heat map: rows the true class, columns the
 * predicted one, counts written in; each class by its name where the model's
 * encoding has names (a label column of words), as the text tables give them.
 */
export function confusionSpec(model: Model, data: Dataset): ChartSpec {
  const counts = new Map<string, number>();
  for (const v of verdicts(model, data))
    counts.set(`${v.label},${v.predicted}`, (counts.get(`${v.label},${v.predicted}`) ?? 0) + 1);
  const name = (k: number) => className(model.encoding, k);
  const values = [...counts].map(([key, count]) => {
    const [label, predicted] = key.split(',').map(Number);
    return { label, predicted, count, trueClass: name(label), predictedClass: name(predicted) };
  });
  // The classes in their own order (0..K-1, names sorted as the encoding sorts them), not the names' alphabet.
  const sort = [...new Set(values.flatMap((v) => [v.label, v.predicted]))].sort((a, b) => a - b).map(name);
  const pos = {
    x: { field: 'predictedClass', type: 'ordinal', title: 'predicted', sort },
    y: { field: 'trueClass', type: 'ordinal', title: 'true', sort },
  };
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: ofRegression(`${data.name}: confusion (${data.n} samples)`, model.loss === 'mse'),
    data: { values },
    width: { step: 34 },
    height: { step: 34 },
    layer: [
      {
        mark: 'rect',
        encoding: {
          ...pos,
          color: { field: 'count', type: 'quantitative', scale: { type: 'symlog', scheme: 'blues' } },
        },
      },
      { mark: { type: 'text', fontSize: 11 }, encoding: { ...pos, text: { field: 'count' } } },
    ],
    config: { font: 'sans-serif' },
  };
}
