// Where a model's own data is, so that plot and a resumed train find it
// from any folder. Built-in sets and mnist are names; a data file or IDX
// folder is kept in meta.data relative to the model file's folder, and read
// back from there (a model and its CSV moved together still fit).

import { existsSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { BUILT_IN_DATA } from '../data/load.ts';
import type { Model } from '../model/model-file.ts';
import { show } from '../util/option-error.ts';
import { UsageError } from './flags.ts';

const isName = (spec: string) => spec === 'mnist' || (BUILT_IN_DATA as readonly string[]).includes(spec);

/** meta.data for a model written to `out` from `--data spec`: a name, or a path from the model's folder. */
export function dataForMeta(spec: string, out: string): string {
  return isName(spec) ? spec : relative(dirname(resolve(out)), resolve(spec)) || '.';
}

/** The model's data as a --data value (a path from here), or undefined if it does not say. */
export function modelData(model: Model, modelPath: string): string | undefined {
  const data = model.meta.data;
  if (typeof data !== 'string') return undefined;
  if (isName(data)) return data;
  const path = isAbsolute(data) ? data : join(dirname(modelPath), data);
  if (!existsSync(path))
    throw new UsageError(`--model ${show(modelPath)}: its data ${show(data)} is not there (${path}); expected --data`);
  return path;
}
