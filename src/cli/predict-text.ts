// How predict shows its predictions to people: a header naming the model and
// the data, one aligned row per sample, then the loss and the accuracy.

import type { Model } from '../model/model-file.ts';
import type { Predictions } from '../model/predictions.ts';
import { percent } from './report.ts';

export function modelLine(model: Model, path: string): string {
  const { nodes, func } = model.net;
  return `model ${path}: net ${JSON.stringify(nodes)} ${func}/${model.loss}`;
}

/**
 * One row per sample; the sample column only for data sets, the label column
 * only where there are labels. A regression shows its target (where the data
 * has one) and its prediction, both in the target's units, instead of classes.
 */
export function predictionsText(p: Predictions, numbered: boolean, target = 'target'): string {
  const regression = p.samples[0]?.class === null;
  const hasTruth = p.right !== undefined || p.rmse !== undefined;
  const value = (y: number) => (regression ? y.toPrecision(6) : y.toFixed(6));
  const rows = p.samples.map((s, i) => [
    ...(numbered ? [String(s.line ?? i)] : []),
    ...(s.features ? [s.features.join(' ')] : []),
    ...(regression ? [] : [String(s.class)]),
    ...(hasTruth ? [typeof s.label === 'number' && regression ? value(s.label) : String(s.label ?? '')] : []),
    s.outputs.map(value).join(' '),
  ]);
  const first = p.samples[0];
  const head = [
    ...(numbered ? [first?.line !== undefined ? 'line' : 'sample'] : []),
    ...(first?.features ? ['features'] : []),
    ...(regression ? [] : ['class']),
    ...(hasTruth ? [regression ? target : 'label'] : []),
    regression ? 'prediction' : first?.outputs.length === 1 ? 'output' : 'outputs',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Numbers right-aligned, the last column (outputs) left as it is.
  const line = (r: string[]) => r.map((cell, c) => (c < r.length - 1 ? cell.padStart(widths[c]) : cell)).join('  ');
  const tail = [
    ...(p.loss !== undefined ? [`loss:     ${p.loss.toFixed(6)}`] : []),
    ...(p.accuracy !== undefined
      ? [`accuracy: ${percent(p.accuracy)} (${p.right} of ${p.scored ?? p.samples.length} right)`]
      : []),
    ...(p.rmse !== undefined ? [`RMSE:     ${p.rmse.toPrecision(4)}`, `R²:       ${(p.r2 ?? NaN).toFixed(3)}`] : []),
  ];
  return [line(head), ...rows.map(line), ...(tail.length > 0 ? ['', ...tail] : [])].join('\n');
}
