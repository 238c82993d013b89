// Where a model's own data is, so that plot and a resumed train find it
// from any folder. Built-in sets and mnist are names; a data file or IDX
// folder is kept in meta.data as a path from the model file's folder (./ in
// front where it could pass for a name), and read back from there, or from
// here for files written before. With it go what else picks the points: the
// spiral's size, the seed, the one digit trained for.

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BUILT_IN_DATA } from '../data/load.ts';
import { loadModel, type Model } from '../model/model-file.ts';
import { show } from '../util/option-error.ts';
import { UsageError } from '../util/usage-error.ts';
import { isModelPath, type TrainOptions } from './options.ts';

const isName = (spec: string) => spec === 'mnist' || (BUILT_IN_DATA as readonly string[]).includes(spec);

/** meta.data for a model written to `out` from `--data spec`: a name, or a path from the model's folder. */
export function dataForMeta(spec: string, out: string): string {
  if (isName(spec)) return spec;
  const path = relative(dirname(resolve(out)), resolve(spec)) || '.';
  return isAbsolute(path) || path.startsWith('.') || path.includes('/') ? path : `./${path}`;
}

/** The model's data as a --data value (a path from here), or undefined if it does not say. */
export function modelData(model: Model, modelPath: string, flag = 'model'): string | undefined {
  const data = model.meta.data;
  if (typeof data !== 'string') return undefined;
  if (isName(data)) return data;
  const fromModel = isAbsolute(data) ? data : join(dirname(modelPath), data);
  if (existsSync(fromModel)) return fromModel;
  if (existsSync(data)) return data; // a model written before paths were kept from its folder
  throw new UsageError(
    `--${flag} ${show(modelPath)}: its data ${show(data)} is not there (${fromModel}); expected --data`,
  );
}

/** What meta says of a run's data: its name or path, the spiral's size or the digit, how a CSV was read. */
export function dataMeta(o: TrainOptions, out: string): { data: string } & ModelPicks {
  const data = String(o.data);
  return {
    data: dataForMeta(data, out),
    ...(data === 'spiral' && o.samples !== undefined ? { samples: o.samples } : {}),
    ...(o.digit !== undefined ? { digit: o.digit } : {}),
    ...(o.label !== undefined ? { label: o.label } : {}),
    ...(o.ignore?.length ? { ignore: o.ignore } : {}),
    ...(o.missing === 'drop' ? { missing: o.missing } : {}),
  };
}

/** What else picks the model's rows: the seed, the spiral's size, the one digit, and how its CSV was read. */
export interface ModelPicks {
  seed?: string;
  samples?: number;
  digit?: number;
  label?: string;
  ignore?: string[];
  missing?: 'drop';
}

/**
 * --init of a model file without --data goes on with the model's own data, as plot reads it, not
 * with the default set: a resumed run trains on the points it started on. Its spiral size, seed
 * and digit come along, each unless its flag was typed.
 */
export function withModelData(o: TrainOptions, typed: (flag: string) => boolean): TrainOptions {
  if (typed('data') || !isModelPath(o.init)) return o;
  let model: Model;
  try {
    model = loadModel(o.init, 'init');
  } catch {
    return o; // a model that cannot be read is train()'s to report, in its words
  }
  const data = modelData(model, o.init, 'init');
  if (data === undefined) return o;
  const own = modelPicks(model);
  for (const flag of ['samples', 'seed', 'digit', 'label', 'ignore', 'missing'] as const)
    if (typed(flag)) delete own[flag];
  return { ...o, data, ...own };
}

/** What else picks the model's rows, as its meta keeps them (see ModelPicks). */
export function modelPicks(model: Model): ModelPicks {
  const { seed, samples, digit, label, ignore, missing } = model.meta;
  return {
    ...(typeof seed === 'string' ? { seed } : {}),
    ...(typeof samples === 'number' ? { samples } : {}),
    ...(typeof digit === 'number' ? { digit } : {}),
    ...(typeof label === 'string' ? { label } : {}),
    ...(Array.isArray(ignore) && ignore.every((c) => typeof c === 'string') ? { ignore } : {}),
    ...(missing === 'drop' ? { missing } : {}),
  };
}
