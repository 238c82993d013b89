// How a user's columns become the net's inputs and targets, as plain data that
// a model file keeps: numbers shifted and scaled, ((x − center) / scale), words
// one-hot over their categories, a label column of words as class names, a
// regression target standardised. Fitted on the training part alone; applied
// the same way by train, predict, plot, a resumed run and the library.

import type { Dataset } from './dataset.ts';
import { datasetFromArrays } from './dataset.ts';

export type ScaleName = 'standard' | 'minmax' | 'none';
export const SCALES: readonly ScaleName[] = ['standard', 'minmax', 'none'];

export type FeatureEncoding =
  | { name: string; type: 'number'; center: number; scale: number }
  | { name: string; type: 'category'; categories: string[] };

export type TargetEncoding =
  /** Words: class k is classes[k] (sorted). */
  | { name: string; type: 'classes'; classes: string[] }
  /** Numbers taken as they are: 0/1 labels, class numbers 0..K-1, or targets of a JSON file. */
  | { name: string; type: 'labels' }
  /** A regression target: the net learns (y − center) / scale. */
  | { name: string; type: 'number'; center: number; scale: number };

export interface Encoding {
  scale: ScaleName;
  features: FeatureEncoding[];
  target: TargetEncoding;
}

/** The inputs a feature takes: one for a number, one per category. */
export const width = (f: FeatureEncoding): number => (f.type === 'number' ? 1 : f.categories.length);

/** An encoding of plain numeric inputs x1..xn and targets taken as they are (built-in sets, a Dataset). */
export function plainEncoding(inDim: number): Encoding {
  const features = Array.from({ length: inDim - 1 }, (_, i): FeatureEncoding => plainNumber(`x${i + 1}`));
  return { scale: 'none', features, target: { name: 'label', type: 'labels' } };
}

const plainNumber = (name: string): FeatureEncoding => ({ name, type: 'number', center: 0, scale: 1 });

/** Each number feature's input position, with the feature. */
function numberInputs(enc: Encoding): { at: number; f: Extract<FeatureEncoding, { type: 'number' }> }[] {
  const out: { at: number; f: Extract<FeatureEncoding, { type: 'number' }> }[] = [];
  let at = 0;
  for (const f of enc.features) {
    if (f.type === 'number') out.push({ at, f });
    at += width(f);
  }
  return out;
}

/**
 * The encoding with centers and scales fitted on `train` (inputs and targets
 * as read, unscaled): standard (mean 0, sd 1) or minmax (0..1) per number
 * column; a regression target is standardised unless scale is none. A
 * constant column keeps center 0, scale 1 and is named in `constant`.
 */
export function fitScaling(train: Dataset, enc: Encoding, scale: ScaleName): { enc: Encoding; constant: string[] } {
  const cols = numberInputs(enc);
  const stats = columnStats(
    train.inputs,
    train.inDim,
    train.n,
    cols.map((c) => c.at),
  );
  const constant: string[] = [];
  const fitted = (st: Stats, name: string, how: ScaleName) => {
    if (how === 'none') return { center: 0, scale: 1 };
    if (!(st.max > st.min)) {
      // Centred on its one value, as scikit-learn does: a year column of 2007 would saturate every unit.
      constant.push(name);
      return { center: st.min, scale: 1 };
    }
    // The population sd, as scikit-learn's StandardScaler.
    return how === 'minmax' ? { center: st.min, scale: st.max - st.min } : { center: st.mean, scale: st.sd };
  };
  const features = enc.features.slice();
  cols.forEach(({ f }, k) => {
    features[enc.features.indexOf(f)] = { ...f, ...fitted(stats[k], f.name, scale) };
  });
  const t = enc.target;
  const target =
    t.type === 'number' && train.outDim === 1
      ? {
          ...t,
          ...fitted(columnStats(train.targets, 1, train.n, [0])[0], t.name, scale === 'none' ? 'none' : 'standard'),
        }
      : t;
  return { enc: { scale, features, target }, constant };
}

interface Stats {
  min: number;
  max: number;
  mean: number;
  sd: number;
}

/** Min, max, mean and population sd of columns `at` of n rows of `width`, a row at a time (two passes). */
function columnStats(a: ArrayLike<number>, width: number, n: number, at: number[]): Stats[] {
  const k = at.length;
  const min = new Float64Array(k).fill(Infinity);
  const max = new Float64Array(k).fill(-Infinity);
  const sum = new Float64Array(k);
  for (let s = 0; s < n; s++) {
    const row = s * width;
    for (let j = 0; j < k; j++) {
      const v = a[row + at[j]];
      sum[j] += v;
      if (v < min[j]) min[j] = v;
      if (v > max[j]) max[j] = v;
    }
  }
  const ss = new Float64Array(k);
  for (let s = 0; s < n; s++) {
    const row = s * width;
    for (let j = 0; j < k; j++) ss[j] += (a[row + at[j]] - sum[j] / n) ** 2;
  }
  return at.map((_, j) => ({ min: min[j], max: max[j], mean: sum[j] / n, sd: Math.sqrt(ss[j] / n) }));
}

/** Whether applying the encoding changes any number: false for an unscaled one. */
export function scales(enc: Encoding): boolean {
  const t = enc.target;
  const moved = (f: { center: number; scale: number }) => f.center !== 0 || f.scale !== 1;
  return numberInputs(enc).some(({ f }) => moved(f)) || (t.type === 'number' && moved(t));
}

/**
 * `d` in the net's units: number inputs (x − center) / scale, a regression
 * target likewise. A copy, unless `inPlace` (data the caller owns: a million
 * rows scaled in place cost no second copy).
 */
export function applyScaling(d: Dataset, enc: Encoding, inPlace = false): Dataset {
  if (!scales(enc)) return d;
  const inputs = inPlace ? d.inputs : d.inputs.slice();
  const cols = numberInputs(enc);
  const at = Int32Array.from(cols, (c) => c.at);
  const center = Float64Array.from(cols, (c) => c.f.center);
  const scale = Float64Array.from(cols, (c) => c.f.scale);
  // A row at a time: the rows are contiguous, the columns are not.
  for (let s = 0; s < d.n; s++) {
    const row = s * d.inDim;
    for (let j = 0; j < at.length; j++) inputs[row + at[j]] = (inputs[row + at[j]] - center[j]) / scale[j];
  }
  const targets = inPlace ? d.targets : d.targets.slice();
  const t = enc.target;
  if (t.type === 'number') for (let k = 0; k < targets.length; k++) targets[k] = (targets[k] - t.center) / t.scale;
  return inPlace ? d : datasetFromArrays(d.name, inputs, targets, d.inDim, d.outDim, d.classes);
}

/** One row of inputs as read (the bias included) in the net's units, in place. */
export function scaleRow(enc: Encoding, row: Float64Array | number[]): void {
  for (const { at, f } of numberInputs(enc)) row[at] = (row[at] - f.center) / f.scale;
}

/** Input `at` of sample rows back in the data's own units (plots draw those). */
export function unscaleInput(enc: Encoding, at: number, v: number): number {
  const hit = numberInputs(enc).find((x) => x.at === at);
  return hit ? v * hit.f.scale + hit.f.center : v;
}

/** A regression output (or target) back in the target's own units. */
export function unscaleTarget(enc: Encoding | undefined, v: number): number {
  const t = enc?.target;
  return t?.type === 'number' ? v * t.scale + t.center : v;
}

/** Class k's name: the label column's word, or the number itself. */
export function className(enc: Encoding | undefined, k: number): string {
  const t = enc?.target;
  return t?.type === 'classes' && k < t.classes.length ? t.classes[k] : String(k);
}

/** A regression target's units, for scores: y = center + scale · output (identity for anything else). */
export function targetUnits(enc: Encoding | undefined): { center: number; scale: number } {
  const t = enc?.target;
  return t?.type === 'number' ? { center: t.center, scale: t.scale } : { center: 0, scale: 1 };
}

/**
 * Whether a model file needs the encoding to read data as training did: a
 * scaled column, a category, class names, or columns with names of their own.
 * The built-in sets' plain x1, x2 need none (and older readers expect none).
 */
export function worthKeeping(enc: Encoding): boolean {
  const named = enc.features.some((f, i) => f.name !== `x${i + 1}`) || enc.target.type !== 'labels';
  return enc.scale !== 'none' || scales(enc) || named || enc.features.some((f) => f.type === 'category');
}
