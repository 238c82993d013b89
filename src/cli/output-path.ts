// Output paths are checked before any work, so that a typo costs a second,
// not a training run.

import { accessSync, constants } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { show } from '../util/option-error.ts';
import { UsageError } from './flags.ts';

/** Refuses a path whose folder is missing or read-only; `chart`: also one not ending in .svg or .png. */
export function checkOutput(flag: string, path: string, chart = false): void {
  if (chart && !['.svg', '.png'].includes(extname(path).toLowerCase()))
    throw new UsageError(`--${flag} ${show(path)}: expected a file name ending in .svg or .png`);
  try {
    accessSync(dirname(resolve(path)), constants.W_OK);
  } catch {
    throw new UsageError(`--${flag} ${show(path)}: expected a path in a folder that exists and can be written`);
  }
}
