// How predict shows its predictions to people: a header naming the model and
// the data, one aligned row per sample, then the loss and the accuracy.

import type { Model } from '../model/model-file.ts';
import type { Predictions } from './predictions.ts';
import { percent } from './report.ts';

export function modelLine(model: Model, path: string): string {
  const { nodes, func } = model.net;
  return `model ${path}: net ${JSON.stringify(nodes)} ${func}/${model.loss}`;
}

/** One row per sample; the sample column only for data sets, the label column only where there are labels. */
export function predictionsText(p: Predictions, numbered: boolean): string {
  const rows = p.samples.map((s, i) => [
    ...(numbered ? [String(i)] : []),
    ...(s.features ? [s.features.join(' ')] : []),
    s.class === null ? '-' : String(s.class),
    ...(p.right !== undefined ? [String(s.label)] : []),
    s.outputs.map((y) => y.toFixed(6)).join(' '),
  ]);
  const first = p.samples[0];
  const head = [
    ...(numbered ? ['sample'] : []),
    ...(first?.features ? ['features'] : []),
    'class',
    ...(p.right !== undefined ? ['label'] : []),
    first?.outputs.length === 1 ? 'output' : 'outputs',
  ];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  // Numbers right-aligned, the last column (outputs) left as it is.
  const line = (r: string[]) => r.map((cell, c) => (c < r.length - 1 ? cell.padStart(widths[c]) : cell)).join('  ');
  const tail = [
    ...(p.loss !== undefined ? [`loss:     ${p.loss.toFixed(6)}`] : []),
    ...(p.accuracy !== undefined ? [`accuracy: ${percent(p.accuracy)} (${p.right} of ${p.samples.length} right)`] : []),
  ];
  return [line(head), ...rows.map(line), ...(tail.length > 0 ? ['', ...tail] : [])].join('\n');
}
