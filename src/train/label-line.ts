// Which column of a user's table the net learns, how it was picked and what
// kind of target it became: the last column taken by default is the easiest
// mistake to make with a file (a size column trained as the label), so a run
// always says so, in a note that --quiet keeps, in the summary and in --json.

import type { Dataset } from '../data/dataset.ts';
import type { LabelColumn } from '../data/encode-table.ts';
import type { Encoding } from '../data/encoding.ts';
import type { LossName } from '../nn/output.ts';

export interface LabelInfo {
  name: string;
  /** named: by --label; last: the last column, by default; model: the resumed model's label. */
  how: LabelColumn['how'];
  target: 'regression' | 'classes';
  /** Classes: how many. */
  classes?: number;
}

/** The label a run on a table learns, or undefined for data without one (built-in sets, JSON, a Dataset). */
export function labelInfo(
  label: LabelColumn | undefined,
  loss: LossName,
  data: Dataset,
  enc: Encoding,
): LabelInfo | undefined {
  if (!label) return undefined;
  const t = enc.target;
  // mse over 0/1 or number targets is a regression; over class names (one-hot), still classes.
  if (loss === 'mse' && t.type !== 'classes') return { name: label.name, how: label.how, target: 'regression' };
  const classes = t.type === 'classes' ? t.classes.length : data.outDim === 1 ? 2 : data.outDim;
  return { name: label.name, how: label.how, target: 'classes', classes };
}

const HOW: Record<LabelInfo['how'], string> = {
  named: 'named with --label',
  last: 'the last column; name another with --label',
  model: "the model's label",
};

/** `"z" (the last column; name another with --label), a regression`. */
export function labelText(l: LabelInfo): string {
  const what = l.target === 'regression' ? 'a regression' : `${l.classes} classes`;
  return `${JSON.stringify(l.name)} (${HOW[l.how]}), ${what}`;
}

/** The note before training: a file with a header (without one, the last column is the documented label). */
export function labelNotes(l: LabelInfo | undefined, label: LabelColumn | undefined): string[] {
  return l && label?.hasHeader ? [`label: ${labelText(l)}`] : [];
}
