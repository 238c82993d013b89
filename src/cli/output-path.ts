// Output paths are checked before any work, so that a typo costs a second,
// not a training run.

import { accessSync, constants, statSync } from 'node:fs';
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
  const found = statSync(path, { throwIfNoEntry: false });
  if (found?.isDirectory()) throw new UsageError(`--${flag} ${show(path)}: is a folder, expected a file path`);
  if (found) {
    try {
      accessSync(path, constants.W_OK);
    } catch {
      throw new UsageError(`--${flag} ${show(path)}: exists and cannot be written, expected a writable file`);
    }
  }
}

/** Whether two paths name one file: the same path, or a link to it (symbolic or hard). */
export function sameFile(a: string, b: string): boolean {
  if (resolve(a) === resolve(b)) return true;
  const [x, y] = [statSync(a, { throwIfNoEntry: false }), statSync(b, { throwIfNoEntry: false })];
  return x !== undefined && y !== undefined && x.dev === y.dev && x.ino === y.ino;
}
