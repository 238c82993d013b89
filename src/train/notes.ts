// What the user should hear before training starts, as notes on the start
// event: a choice made from labels that look like a mistake, or a resumed run
// with nothing left to do. The run goes on; the CLI shows them on stderr.

import { type Dataset, strayLabels } from '../data/dataset.ts';
import type { LossName } from '../nn/output.ts';
import type { Settings } from './options.ts';
import type { Resume } from './resume.ts';

/** Labels that made 'auto' choose what the user likely did not mean (loss given: none). */
export function dataNotes(data: Dataset, loss: LossName): string[] {
  const notes: string[] = [];
  const t = data.targets;
  // -1 and 1 both there, and nothing else: one note for it, not also one for "stray" -1s.
  const plusMinus = data.outDim === 1 && t.includes(-1) && t.includes(1) && t.every((v) => v === -1 || v === 1);
  const stray = loss === 'mse' && !plusMinus ? strayLabels(data) : undefined;
  if (stray) {
    const { count, sample, value } = stray;
    const are = count === 1 ? 'is' : 'are';
    notes.push(
      `data ${data.name}: ${count} of ${data.n} labels ${are} neither 0 nor 1 (the first: ${value}, sample ${sample + 1}), ` +
        'so the loss is mse, a regression; for a classifier, fix those labels; for a regression, give --loss mse',
    );
  }
  const whole =
    loss === 'mse' && data.outDim === 1 && !plusMinus && !stray && t.every((v) => Number.isInteger(v) && v >= 0);
  if (whole) {
    const distinct = new Set(t).size;
    const [lo, hi] = t.reduce(([a, b], v) => [Math.min(a, v), Math.max(b, v)], [Infinity, -Infinity]);
    notes.push(
      `data ${data.name}: labels are ${distinct} whole numbers from ${lo} to ${hi}, read as a ` +
        'regression target (mse); class labels are 0..K-1, at most 30 of them, with few left out',
    );
  }
  if (loss === 'mse' && plusMinus)
    notes.push(
      `data ${data.name}: labels are -1 and 1, so the loss is mse, a regression; for two classes, label them 0 and 1`,
    );
  if (data.binary && data.outDim === 1 && t.every((v) => v === t[0]))
    notes.push(`data ${data.name}: every label is ${t[0]}, one class only: any accuracy here says nothing`);
  const empty = emptyClasses(data);
  if (empty.length > 0)
    notes.push(
      `data ${data.name}: labels make ${data.classes} classes, 0 to ${data.classes - 1}, and ` +
        `${empty.length === 1 ? `class ${empty[0]} has` : `classes ${empty.join(', ')} have`} no sample; ` +
        'labels are expected to be 0, 1, 2, ... with none left out',
    );
  return notes;
}

/** Classes of a one-hot set with no sample: labels 1 and 2 make classes 0, 1, 2, and 0 has none. */
function emptyClasses(data: Dataset): number[] {
  if (data.classes < 3) return [];
  const counts = new Array<number>(data.classes).fill(0);
  for (let s = 0; s < data.n; s++)
    for (let k = 0; k < data.classes; k++) if (data.targets[s * data.outDim + k] === 1) counts[k]++;
  return counts.flatMap((c, k) => (c === 0 ? [k] : []));
}

/** A resumed model's iterations count towards --max-iters: at or past it, the run makes no update. */
export function resumeNotes(resume: Resume, o: Settings): string[] {
  if (resume.iteration === 0 || o.maxIters > resume.iteration) return [];
  return [
    `the init model has ${resume.iteration} iterations already, and --max-iters ${o.maxIters} counts them: ` +
      `no update will be made; give --max-iters above ${resume.iteration} to go on`,
  ];
}

/** How far apart the input columns' sizes are: the largest column's greatest |x| over the smallest's. */
export function inputSpread(d: Dataset): { ratio: number; range: string } {
  const sizes: number[] = [];
  for (let i = 0; i < d.inDim - 1; i++) {
    let m = 0;
    for (let s = 0; s < d.n; s++) m = Math.max(m, Math.abs(d.inputs[s * d.inDim + i]));
    if (m > 0) sizes.push(m);
  }
  const [lo, hi] = [Math.min(...sizes), Math.max(...sizes)];
  return { ratio: hi / lo, range: `columns up to ${lo.toPrecision(2)} beside columns up to ${hi.toPrecision(2)}` };
}

/** --scale none on a user's file whose columns differ in size a hundredfold: the units will saturate. */
export function scaleNotes(data: Dataset, scale: string, userData: boolean): string[] {
  if (!userData || scale !== 'none' || data.inDim < 3) return [];
  const spread = inputSpread(data);
  if (!(spread.ratio > 100)) return [];
  return [
    `data ${data.name}: ${spread.range}, unscaled (--scale none): the larger ones will saturate the hidden units; leave --scale to auto (standard)`,
  ];
}
